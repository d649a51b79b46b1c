/**
 * A synthetic but realistic social-media crisis, from a seeded generator.
 *
 *   npx tsx scripts/generate-sample-crisis.ts [--seed 20241009] [--out data/smartlock-firmware-2024]
 *
 * The story (all times America/New_York): "Latchly", a fictional smart-lock
 * maker, pushes firmware 4.2.0 to its locks in the 01:00 auto-update window of
 * Wednesday 9 October 2024. Locks stop answering the app and the keypad, beep,
 * and lock people out of their homes. Nobody staffs social care at night, so
 * the first complaints wait until the two-person day shift starts at 09:00; a
 * tech influencer's post goes viral at 10:41, local news follows, a copy-paste
 * warning spreads on Facebook and Twitter. The brand pauses the rollout,
 * brings in extra agents from 13:00, ships 4.2.1 on Thursday evening (which
 * fixes the lockout but drains batteries), double-charges customers for the
 * "free" replacement keypad on Friday, staffs only a skeleton crew at the
 * weekend, ships 4.2.2 on Monday and closes the story with a public
 * post-mortem on Thursday 17 October.
 *
 * Output, one directory: `posts.csv` (generic messages: twitter, facebook,
 * instagram, reddit, replies threaded by parent_id), `tickets.json` (generic
 * cases: support tickets from email, web form, chat and phone),
 * `crisis.yaml` and `SOURCE.md`.
 *
 * Determinism: one mulberry32 stream per concern, forked from the seed; no
 * Math.random, no clock; every timestamp is computed from fixed instants; the
 * same seed writes byte-identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from '../src/analysis/random.ts';

export const DEFAULT_SEED = 20241009;
export const SLUG = 'smartlock-firmware-2024';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUT = path.join(ROOT, 'data', SLUG);

// ───────────────────────────── randomness ─────────────────────────────

export { mulberry32 } from '../src/analysis/random.ts';

/** FNV-1a, to derive one independent stream per concern from the seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;
  constructor(readonly seed: number, label = '') {
    this.next = mulberry32(hash32(`${seed >>> 0}:${label}`));
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<K extends string>(weights: Partial<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [k, w] of entries) if ((r -= w) < 0) return k;
    return entries[entries.length - 1][0];
  }
  /** Standard normal (Marsaglia polar method: only log and sqrt). */
  normal(): number {
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  }
  /** Log-normal with the given median and log-space sigma. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

// ───────────────────────────── time ─────────────────────────────

export const ZONE = 'America/New_York';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

/** Key instants of the story (ET = UTC−4 throughout: DST ends on 3 November). */
export const STORY = {
  start: at('2024-10-07T00:00:00-04:00'),
  update: at('2024-10-09T01:00:00-04:00'),
  brandAck: at('2024-10-09T09:47:00-04:00'),
  influencer: at('2024-10-09T10:41:00-04:00'),
  paused: at('2024-10-09T12:20:00-04:00'),
  surgeStaff: at('2024-10-09T13:00:00-04:00'),
  news: at('2024-10-09T17:32:00-04:00'),
  hotfix: at('2024-10-10T19:05:00-04:00'),
  keypadOffer: at('2024-10-11T10:30:00-04:00'),
  doubleCharge: at('2024-10-11T13:00:00-04:00'),
  refundAck: at('2024-10-12T11:15:00-04:00'),
  batteryFix: at('2024-10-14T11:00:00-04:00'),
  refundsIssued: at('2024-10-14T15:00:00-04:00'),
  closeOut: at('2024-10-17T10:00:00-04:00'),
  end: at('2024-10-17T20:00:00-04:00'),
};

const zoneFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});
const offsetCache = new Map<number, number>();

/** Minutes east of UTC in the crisis zone at `ms` (cached per hour). */
function offsetMinutes(ms: number): number {
  const key = Math.floor(ms / HOUR);
  let off = offsetCache.get(key);
  if (off === undefined) {
    const t = key * HOUR;
    const p: Record<string, number> = {};
    for (const part of zoneFormat.formatToParts(new Date(t))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    off = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - t) / MIN);
    offsetCache.set(key, off);
  }
  return off;
}

/** ISO 8601 with the zone's offset, to the second: `2024-10-09T06:12:44-04:00`. */
export function isoLocal(ms: number): string {
  const s = Math.floor(ms / 1000) * 1000;
  const off = offsetMinutes(s);
  const wall = new Date(s + off * MIN).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${wall}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Local hour (fractional) and ISO weekday (1 = Monday) in the crisis zone. */
function localClock(ms: number): { hour: number; weekday: number } {
  const d = new Date(ms + offsetMinutes(ms) * MIN);
  return { hour: d.getUTCHours() + d.getUTCMinutes() / 60, weekday: ((d.getUTCDay() + 6) % 7) + 1 };
}

/** Piecewise-linear curve through [instant, value] knots. */
function curve(knots: [string, number][]): (ms: number) => number {
  const pts = knots.map(([t, v]) => [at(t), v] as const);
  return (ms) => {
    if (ms <= pts[0][0]) return pts[0][1];
    for (let i = 1; i < pts.length; i++) {
      const [t1, v1] = pts[i];
      if (ms <= t1) {
        const [t0, v0] = pts[i - 1];
        return v0 + ((v1 - v0) * (ms - t0)) / (t1 - t0);
      }
    }
    return pts[pts.length - 1][1];
  };
}

/** Customer root posts per hour at full daytime activity. */
const SOCIAL_KNOTS: [string, number][] = [
  ['2024-10-07T00:00:00-04:00', 3],
  ['2024-10-09T01:30:00-04:00', 3],
  ['2024-10-09T03:00:00-04:00', 30],
  ['2024-10-09T06:00:00-04:00', 75],
  ['2024-10-09T08:00:00-04:00', 90],
  ['2024-10-09T11:00:00-04:00', 115],
  ['2024-10-09T15:00:00-04:00', 130],
  ['2024-10-09T22:00:00-04:00', 105],
  ['2024-10-10T12:00:00-04:00', 81],
  ['2024-10-10T19:00:00-04:00', 62],
  ['2024-10-11T09:00:00-04:00', 37],
  ['2024-10-11T16:00:00-04:00', 36],
  ['2024-10-12T14:00:00-04:00', 21],
  ['2024-10-13T14:00:00-04:00', 9.9],
  ['2024-10-14T14:00:00-04:00', 6.8],
  ['2024-10-16T14:00:00-04:00', 3.7],
  ['2024-10-17T09:30:00-04:00', 3.1],
  ['2024-10-17T11:00:00-04:00', 14],
  ['2024-10-17T15:00:00-04:00', 5.6],
  ['2024-10-17T20:00:00-04:00', 3.1],
];
const SOCIAL_RATE = curve(SOCIAL_KNOTS);

/** Support tickets per hour at full daytime activity. */
const TICKET_KNOTS: [string, number][] = [
  ['2024-10-07T00:00:00-04:00', 1.6],
  ['2024-10-09T02:00:00-04:00', 1.6],
  ['2024-10-09T07:00:00-04:00', 15],
  ['2024-10-09T12:00:00-04:00', 29],
  ['2024-10-10T12:00:00-04:00', 18],
  ['2024-10-10T20:00:00-04:00', 11],
  ['2024-10-11T15:00:00-04:00', 13],
  ['2024-10-12T15:00:00-04:00', 7.8],
  ['2024-10-13T15:00:00-04:00', 3.6],
  ['2024-10-15T12:00:00-04:00', 1.8],
  ['2024-10-17T20:00:00-04:00', 1.2],
];
const TICKET_RATE = curve(TICKET_KNOTS);

/** How active people are by local hour (social media). */
const DIURNAL = [0.35, 0.25, 0.18, 0.14, 0.13, 0.2, 0.4, 0.65, 0.85, 0.95, 1, 1, 1, 1, 1, 1, 1, 1, 1.05, 1.1, 1.1, 1, 0.85, 0.6];

/** Replies per hour the social care team can send, by shift (documented in SOURCE.md). */
export const SOCIAL_CAPACITY = { beforeSurge: 14, surgeDay: 95, surgeEvening: 40, weekend: 26, afterCrisis: 40 };
/** First answers per hour the e-mail/web support desk can send, by shift. */
export const DESK_CAPACITY = { beforeSurge: 9, surgeDay: 34, surgeEvening: 12, weekend: 14, afterCrisis: 22 };

/** Brand replies per hour the social care team can send at `ms`: nobody at night. */
function socialCapacity(ms: number): number {
  const { hour, weekday } = localClock(ms);
  const weekend = weekday >= 6;
  const c = SOCIAL_CAPACITY;
  if (ms < STORY.surgeStaff) return !weekend && hour >= 9 && hour < 18 ? c.beforeSurge : 0;
  if (ms < STORY.batteryFix - 2 * HOUR) {
    if (weekend) return hour >= 10 && hour < 18 ? c.weekend : 0;
    if (hour >= 9 && hour < 18) return c.surgeDay;
    if (hour >= 18 && hour < 23) return c.surgeEvening; // volunteers from other teams, evenings only
    return 0;
  }
  if (weekend) return 0;
  return hour >= 9 && hour < 18 ? c.afterCrisis : 0;
}

/** Email/web tickets the support desk can first-answer per hour at `ms`. */
function deskCapacity(ms: number): number {
  const { hour, weekday } = localClock(ms);
  const weekend = weekday >= 6;
  const c = DESK_CAPACITY;
  if (ms < STORY.surgeStaff) return !weekend && hour >= 9 && hour < 18 ? c.beforeSurge : 0;
  if (ms < STORY.batteryFix) {
    if (weekend) return hour >= 9 && hour < 17 ? c.weekend : 0;
    if (hour >= 9 && hour < 18) return c.surgeDay;
    if (hour >= 18 && hour < 22) return c.surgeEvening;
    return 0;
  }
  return !weekend && hour >= 9 && hour < 18 ? c.afterCrisis : 0;
}

// ───────────────────────────── people ─────────────────────────────

export type Channel = 'twitter' | 'facebook' | 'instagram' | 'reddit';

/** The brand's own accounts, one per channel (and crisis.yaml's brand.handles). */
export const BRAND: Record<Channel, string> = { twitter: 'LatchlySupport', facebook: 'Latchly', instagram: 'latchly', reddit: 'Latchly_Official' };

const FIRST = ['Jen', 'Marcus', 'Priya', 'Dave', 'Sofia', 'Tom', 'Aisha', 'Kevin', 'Lauren', 'Mike', 'Carmen', 'Brian', 'Nicole', 'Jamal', 'Emily', 'Chris', 'Hannah', 'Luis', 'Megan', 'Ray', 'Olivia', 'Sam', 'Grace', 'Andre', 'Kate', 'Ben', 'Rosa', 'Tyler', 'Dana', 'Eric', 'Maya', 'Josh', 'Tara', 'Victor', 'Alyssa', 'Pete', 'Nina', 'Greg', 'Lily', 'Omar', 'Becca', 'Steve', 'Jess', 'Carlos', 'Amy', 'Derek', 'Zoe', 'Frank', 'Holly', 'Raj', 'Kim', 'Matt', 'Erin', 'Tony', 'Julia', 'Wes', 'Molly', 'Ivan', 'Paula', 'Noah', 'Claire', 'Hector', 'Beth', 'Kyle', 'Ana', 'Colin', 'Tess', 'Darnell', 'Vera', 'Liam', 'Jordan', 'Keisha', 'Dylan', 'Fatima', 'Gabe', 'Ingrid', 'Jorge', 'Leah', 'Mateo', 'Naomi', 'Owen', 'Quinn', 'Rachel', 'Simone', 'Trevor', 'Uma', 'Vince', 'Whitney', 'Xavier', 'Yusuf', 'Abby', 'Bryce', 'Celia', 'Dominic', 'Elena', 'Felix'];
const LAST = ['Morales', 'Chen', 'Patel', 'Kowalski', 'Rivera', 'Nguyen', 'Johnson', 'OBrien', 'Smith', 'Garcia', 'Kim', 'Brooks', 'Walsh', 'Haddad', 'Lopez', 'Fischer', 'Murphy', 'Okafor', 'Russo', 'Bennett', 'Silva', 'Park', 'Dubois', 'Hughes', 'Ramirez', 'Cohen', 'Foster', 'Ito', 'Novak', 'Reyes', 'Sullivan', 'Khan', 'Meyer', 'Price', 'Torres', 'Wright', 'Yamada', 'Adams', 'Bauer', 'Castillo', 'Doyle', 'Evans', 'Grant', 'Hayes', 'Jensen', 'Lindqvist', 'Mendes', 'Ortiz', 'Quinn', 'Stone', 'Abbott', 'Barnes', 'Chavez', 'Delgado', 'Ellis', 'Fleming', 'Gallagher', 'Horvath', 'Ibrahim', 'Jacobs', 'Kaplan', 'Larsen', 'McCarthy', 'Nakamura', 'Olsen', 'Petrov', 'Rossi', 'Schmidt', 'Tanaka', 'Vargas', 'Weber', 'Zhang', 'Alvarez', 'Brennan', 'Coleman', 'Diaz', 'Esposito', 'Fernandez', 'Greene', 'Hoffman', 'Iqbal', 'Kelly', 'Lin', 'Moreau', 'Nolan', 'Pham', 'Romero', 'Shapiro'];
const REDDIT_A = ['sleepy', 'grumpy', 'tiny', 'rusty', 'quiet', 'lucky', 'salty', 'fuzzy', 'brave', 'lazy', 'cosmic', 'urban', 'humble', 'nerdy', 'wild'];
const REDDIT_B = ['otter', 'toaster', 'deadbolt', 'penguin', 'llama', 'walrus', 'router', 'hinge', 'badger', 'falcon', 'pickle', 'raccoon', 'ferret', 'doorknob', 'moose'];
const STATES = ['MA', 'NY', 'NJ', 'CT', 'PA', 'IL', 'CA', 'TX', 'WA', 'GA', 'FL', 'CO', 'OH', 'MN', 'NC'];
const AREA = ['617', '646', '917', '312', '415', '206', '404', '303', '215', '512', '718', '857'];
const AGENTS = ['KM', 'DR', 'AS', 'JT', 'LB', 'NP', 'CW'];

interface Person {
  first: string;
  last: string;
  handles: Record<Channel, string>;
  email: string;
  phone: string;
}

function displayLast(last: string): string {
  return last === 'OBrien' ? "O'Brien" : last;
}

class People {
  private readonly used = new Set<string>();
  readonly all: Person[] = [];
  constructor(private readonly rng: Rng) {}

  create(): Person {
    const r = this.rng;
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    const f = first.toLowerCase();
    const l = last.toLowerCase();
    const n2 = String(r.int(1, 99)).padStart(2, '0');
    const tw = r.pick([`${f}${l}${n2}`, `${f}_${l[0]}`, `${first}${last}`, `the${f}${l[0]}`, `${f}${l}`, `${f[0]}${l}${r.int(1, 999)}`, `${f}_in_${r.pick(['boston', 'nyc', 'chi', 'philly', 'sf', 'atx', 'bk'])}`]);
    const ig = r.pick([`${f}.${l}`, `${f}_${l}${n2}`, `${f}${l[0]}.${r.pick(['home', 'life', 'eats', 'runs'])}`, `_${f}${l}`]);
    const rd = r.pick([`${r.pick(REDDIT_A)}_${r.pick(REDDIT_B)}_${r.int(10, 9999)}`, `${r.pick(REDDIT_A).replace(/^./, (c) => c.toUpperCase())}${r.pick(REDDIT_B).replace(/^./, (c) => c.toUpperCase())}${r.int(1, 99)}`, `throwaway_${l}${r.int(1, 999)}`]);
    const person: Person = {
      first,
      last,
      handles: {
        twitter: this.unique(tw),
        facebook: this.unique(`${first} ${displayLast(last)}`, true),
        instagram: this.unique(ig),
        reddit: this.unique(rd),
      },
      email: `${f}.${l}${r.chance(0.4) ? n2 : ''}@${r.pick(['example.com', 'example.net', 'example.org'])}`,
      phone: `${r.chance(0.5) ? `(${r.pick(AREA)}) ` : `${r.pick(AREA)}-`}555-01${String(r.int(0, 99)).padStart(2, '0')}`,
    };
    this.all.push(person);
    return person;
  }

  /** An earlier customer (repeat posters) or a new one. */
  get(repeat: number): Person {
    return this.all.length > 20 && this.rng.chance(repeat) ? this.rng.pick(this.all) : this.create();
  }

  private unique(name: string, spacesOk = false): string {
    let candidate = name;
    for (let i = 2; this.used.has(candidate.toLowerCase()); i++) {
      // Facebook shows display names: a second "Jen Morales" becomes "Jen K. Morales".
      candidate = spacesOk ? name.replace(' ', ` ${'ABCDEFGHJKLMNPRSTW'[this.rng.int(0, 17)]}. `) : `${name}${i}`;
      if (spacesOk && i > 20) candidate = `${name} ${i}`;
    }
    this.used.add(candidate.toLowerCase());
    return candidate;
  }
}

// ───────────────────────────── ids ─────────────────────────────

const FB_PAGE = '104729358221467';

class Ids {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}
  private unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
  /** Twitter snowflake: milliseconds since the Twitter epoch, worker and sequence bits. */
  tweet(ms: number): string {
    return this.unique(() => ((BigInt(Math.floor(ms / 1000) * 1000 + this.rng.int(0, 999) - 1288834974657) << 22n) | (BigInt(this.rng.int(0, 1023)) << 12n) | BigInt(this.rng.int(0, 4095))).toString());
  }
  /** Facebook: `{page}_{post}` for posts, `{post}_{comment}` for comments. */
  fbPost(): string {
    return this.unique(() => `${FB_PAGE}_${this.digits(16, '1')}`);
  }
  fbComment(postId: string): string {
    const post = postId.includes('_') ? postId.split('_')[1] : postId;
    return this.unique(() => `${post}_${this.digits(16, '1')}`);
  }
  instagram(): string {
    return this.unique(() => this.digits(17, '179'));
  }
  redditThread(): string {
    return this.unique(() => `t3_1g${this.base36(5)}`);
  }
  redditComment(): string {
    return this.unique(() => `t1_lr${this.base36(5)}`);
  }
  ticket(n: number): number {
    return 48210 + n;
  }
  private digits(n: number, prefix: string): string {
    let s = prefix;
    while (s.length < n) s += String(this.rng.int(0, 9));
    return s;
  }
  private base36(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdefghijklmnopqrstuvwxyz'[this.rng.int(0, 35)];
    return s;
  }
}

// ───────────────────────────── texts ─────────────────────────────

export type Fault = 'lockout' | 'battery' | 'offline' | 'beeping' | 'charge' | 'unlocked' | 'waiting' | 'fixfail' | 'general' | 'praise' | 'opinion' | 'closeout';

const LOCK = ['my Latchly', 'my lock', 'our front door lock', 'the Pro 2', 'my Latchly Pro 2', 'our smart lock', 'the back door lock', 'my Latchly Mini', 'the lock'];
const UPDATE = ['the update', "last night's update", 'firmware 4.2.0', 'the 4.2.0 update', 'the overnight update', "this morning's firmware update", 'the auto-update'];
const UPDATE_LATER = ['the update', 'the 4.2.0 update', "Wednesday's update", 'the firmware update', 'the auto-update'];
const SINCE_LATER = ['since Wednesday', 'for two days', 'since the update', 'all week', 'since Wednesday morning'];
const SINCE = ['since 6am', 'since this morning', 'for 3 hours now', 'since last night', 'all morning', 'since 5:30', 'for two hours'];
const WHO = ['my kids', 'my wife', 'my husband', 'my 78 year old mom', 'the dog walker', 'my roommate', 'our nanny', 'the cleaner', 'my teenage son', 'my daughter'];
const PLACE = ['in the rain', 'in 40 degree weather', 'with a screaming toddler', 'with two bags of groceries', 'in my pajamas', 'at 6am', 'after a night shift', 'with the dog'];
const EMOJI = ['😡', '🙃', '🔒', '😤', '🤦‍♀️', '😩', '🤬', '😭', '💀'];
const TAGS = ['#LatchlyLockout', '#LatchlyLockout', '#smarthome', '#fail', '#LatchlyFail', '#IoT'];

type Slots = { rng: Rng; person: Person; t: number };

function fill(template: string, { rng, person, t }: Slots): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    switch (key) {
      case 'lock': return rng.pick(LOCK);
      case 'update': return rng.pick(t < STORY.update + DAY ? UPDATE : UPDATE_LATER);
      case 'since': return rng.pick(t < STORY.update + DAY ? SINCE : SINCE_LATER);
      case 'who': return rng.pick(WHO);
      case 'place': return rng.pick(PLACE);
      case 'n': return String(rng.pick([20, 35, 45, 50, 70, 90, 120]));
      case 'pct': return String(rng.int(8, 40));
      case 'days': return String(rng.int(2, 4));
      case 'amt': return String(rng.pick([95, 120, 150, 180, 220, 250, 289]));
      case 'first': return person.first;
      default: return whole;
    }
  });
}

/** What customers say, by fault: symptom clauses, then context and demands. */
const SYMPTOMS: Record<Exclude<Fault, 'general' | 'praise' | 'opinion' | 'closeout'>, string[]> = {
  lockout: [
    "{lock} won't open after {update}",
    'locked out of my own house {since}',
    'the deadbolt is stuck in the locked position after {update}',
    'the keypad rejects every code since {update}',
    "{lock} won't unlock from the app or the keypad",
    '{who} got locked out {place}',
    "I can't get in, {lock} just blinks red",
    "door won't unlock and the physical key is inside",
    'had to call a locksmith (${amt}) because {lock} bricked itself',
    "we're locked out {place}",
    "{lock} is bricked. Won't open, won't respond",
    'locked out {since} thanks to {update}',
  ],
  battery: [
    'battery drained overnight',
    'fresh batteries dead in {days} days since 4.2.1',
    'went from 100% to {pct}% overnight after the fix',
    'low battery warning on brand new batteries',
    '{lock} is eating batteries since 4.2.1',
    'battery drain is insane after the 4.2.1 update',
  ],
  offline: [
    'app says offline {since}',
    'the app shows {lock} offline after {update}',
    "can't connect to the bridge",
    'the Wi-Fi bridge keeps dropping',
    'the app crashes every time I open it',
    "app stuck on 'Updating firmware… 0%' {since}",
    '{lock} is unresponsive in the app',
  ],
  beeping: [
    '{lock} keeps beeping',
    '{lock} beeps every 30 seconds',
    '{lock} has been beeping all night',
    "{lock} won't stop beeping and the app says offline",
    '{lock} is chirping like a smoke alarm at 4am',
  ],
  charge: [
    'charged twice for the replacement keypad',
    "billed twice for the 'free' replacement keypad",
    'two charges of $49.99 on my card for the keypad',
    'double charged for the replacement',
    'you charged me twice and the refund still is not there',
  ],
  unlocked: [
    'my door unlocked itself at 3am',
    'came home and the door was unlocked',
    '{lock} unlocked by itself twice overnight',
    'the app says locked but the door was unlocked',
  ],
  waiting: [
    'still waiting for a reply',
    'been on hold for {n} minutes',
    'no response to my DM after 5 hours',
    'your support line hangs up after an hour on hold',
    'opened a ticket yesterday, no reply',
  ],
  fixfail: [
    "installed 4.2.1 and it's still broken",
    'still no fix for {lock}',
    "the fix didn't fix anything",
    "4.2.1 won't install, the app says offline",
    'still not working after the update',
  ],
};

const CONTEXT: Partial<Record<Fault, string[]>> = {
  lockout: ['Had to call a locksmith (${amt}).', 'Climbed in through the garage.', 'Late for work because of this.', '{who} is stuck outside.', 'Physical key is INSIDE the house.', 'Keypad is dead too.', 'Tried resetting, nothing.', 'Pulled the batteries, still locked.', 'On hold with support for {n} minutes.', "Your phone line says 'high call volume' and hangs up.", 'Sleeping at my sister\'s tonight.'],
  battery: ['Third set of AAs this week.', 'Replaced them Friday.', 'Auto-lock stopped working too.'],
  offline: ['Rebooted the router twice.', 'Other devices are fine.', 'Reinstalled the app, same thing.'],
  beeping: ['Neighbors are not amused.', 'Pulled the batteries just to make it stop.', 'The dog is losing it.'],
  charge: ['Order #LT-{n}88 shows both.', 'Bank says it is pending twice.', 'I was told the keypad was free.'],
  unlocked: ['This is a security issue.', 'We were asleep upstairs.', 'Not okay for a lock.'],
  waiting: ['Nobody answers.', 'Your chat bot just loops.', 'Zero updates.'],
  fixfail: ['Still locked out of the side door.', 'Rebooted, reinstalled, nothing.', 'Tried the reset steps twice.'],
};

const DEMAND: Record<'lockout' | 'crisis' | 'charge', string[]> = {
  lockout: ['How do I roll back?', 'Please fix this ASAP.', 'Is anyone awake over there??', 'Who approved this update?', 'This is a safety issue.', 'Who do I send the locksmith bill to?', 'Why would you auto-update a DOOR LOCK?', 'Help!', 'What do I do?'],
  crisis: ['Please fix this.', 'Any update??', 'What do I do?', 'Seriously?', 'Is there a fix coming?', 'Not acceptable for a $279 lock.'],
  charge: ['I want my money back.', 'Please refund the duplicate charge.', 'Who do I talk to about this?', 'Seriously?'],
};

/** Before the update: the usual trickle of minor issues, with no firmware in them. */
const EVERYDAY: Partial<Record<Fault, string[]>> = {
  battery: ['battery went from 60% to 20% in a week, is that normal?', 'low battery warning after only 3 months', 'how long should the batteries last on the Pro 2?'],
  offline: ['the app says offline every few days until I restart the bridge', 'the bridge dropped off Wi-Fi again', '{lock} shows offline in the app sometimes'],
  beeping: ['{lock} beeps twice every time it locks, can I turn that off?', 'the keypad beeps are really loud, is there a quiet mode?'],
  lockout: ['the keypad was slow to wake up in the cold this morning', 'had to use the key today, the keypad did not respond'],
};

/** Questions get how-to answers; praise gets thanks. */
const QUESTIONS = [
  'how do I add a guest code for the weekend?',
  'does Latchly work with HomeKit yet?',
  'can I give the dog walker access on weekdays only?',
  'is the Mini compatible with a double-cylinder deadbolt?',
  'any plans for a fingerprint keypad?',
  'what batteries do you recommend for cold weather?',
  'can two phones control the same lock?',
];
const PRAISE = [
  'love how quiet the new Pro 2 is',
  'auto-unlock when I get home is magic 🔑',
  'installed my Latchly in 20 minutes, super easy',
  'the activity log is so handy',
  'best upgrade we made to the apartment this year',
];

const OPINION = [
  'Who pushes a firmware update to a door lock at 1am??',
  'This is why I still use a dumb deadbolt.',
  'Returning my Latchly today.',
  'Auto-updates on a DOOR LOCK should be opt-in.',
  'Imagine paying $279 to be locked out of your own house.',
  'The Latchly mess is a great reminder to keep a physical key somewhere outside.',
  "Latchly's communication today has been terrible.",
  'To be fair, their support has been replying nonstop since lunch.',
  'Smart locks are only smart until the firmware update.',
  'Glad I never turned on auto-update on mine.',
  "Latchly's status page still says 'All systems operational'. Sure.",
  'Whoever ships firmware on a Tuesday night and goes to bed: we need to talk.',
];

const CLOSEOUT = [
  'Good post-mortem from Latchly. Owning it matters.',
  "A $50 credit doesn't pay my $220 locksmith bill.",
  'Appreciate the honesty in the write-up. Making updates opt-in is the right call.',
  'Too little, too late. Already switched.',
  'Read the Latchly post-mortem. The night-time support gap was the real failure.',
  'Credit received, lock works, batteries last again. Fine. Forgiven-ish.',
  '24/7 support for a product that locks your front door should have been day one.',
  'Still waiting on my locksmith reimbursement, but the write-up was decent.',
];

const SAME_HERE = ['Same here {since}', 'Mine too!! Pro 2, 4.2.0', 'Same. Locksmith on the way.', 'Same issue, the keypad is dead', '+1, Mini here', 'This is happening to everyone in my building.', 'Same thing, app says offline', 'Yep. Locked out {place}.', 'Exactly the same here', "Mine's beeping nonstop too", 'Same. Support is not answering.'];

const COPYPASTA = 'ATTENTION Latchly owners: turn OFF auto-update in the app NOW. Firmware 4.2.0 is locking people out of their homes & the keypad stops working too. Copy & paste to warn others.';

/** How each channel addresses the brand, and whether its export keeps HTML entities. */
interface Style {
  mention: string;
  entities: boolean;
}

const STYLES: Record<Channel, Style> = {
  twitter: { mention: '@LatchlySupport', entities: true },
  facebook: { mention: 'Latchly', entities: false },
  instagram: { mention: '@latchly', entities: false },
  reddit: { mention: 'Latchly', entities: false },
};

/** "The app…" → "the app…" after a greeting; "I", "Latchly" and "PSA" stay. */
function lowerFirst(s: string): string {
  return s.replace(/^([A-Z])(?=[a-z])/, (c) => c.toLowerCase()).replace(/^latchly/, 'Latchly');
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Twitter exports carry HTML entities: `&` arrives as `&amp;`, `>` as `&gt;`. */
function entities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/>/g, '&gt;').replace(/</g, '&lt;');
}

function contactDetails(rng: Rng, person: Person): string {
  return rng.pick([
    ` Call me at ${person.phone}.`,
    ` My email is ${person.email}`,
    ` Reach me at ${person.email} or ${person.phone}.`,
    ` You can call ${person.phone} anytime.`,
  ]);
}

/** A customer's root post on a channel about a fault. */
/** What a customer says about a fault at time `t`, channel-neutral. */
function customerBody(rng: Rng, person: Person, fault: Fault, t: number): string {
  const s: Slots = { rng, person, t };
  if (fault === 'general') return cap(rng.pick(QUESTIONS));
  if (fault === 'praise') return cap(rng.pick(PRAISE));
  if (fault === 'opinion') return rng.pick(OPINION);
  if (fault === 'closeout') return rng.pick(CLOSEOUT);
  if (t < STORY.update && EVERYDAY[fault]) return cap(fill(rng.pick(EVERYDAY[fault]!), s));
  const parts = [cap(fill(rng.pick(SYMPTOMS[fault]), s))];
  if (rng.chance(0.55) && CONTEXT[fault]) parts.push(fill(rng.pick(CONTEXT[fault]!), s));
  // Most people end the sentence; some just keep typing.
  parts[0] += rng.pick(parts.length > 1 ? ['.', '.', '.', '!', '!!', '...', ','] : ['.', '!', '!!', '', '', '...']);
  if (parts[0].endsWith(',')) parts[1] = parts[1].replace(/^(.)/, (c) => c.toLowerCase());
  if (rng.chance(0.2) && (fault === 'offline' || fault === 'beeping')) {
    const also = rng.pick(['beeping', 'offline', 'lockout'] as const);
    if (also !== fault) parts.push(`Also ${fill(rng.pick(SYMPTOMS[also]), s).replace(/^(.)/, (c) => c.toLowerCase())}.`);
  }
  if (rng.chance(0.5)) parts.push(rng.pick(DEMAND[fault === 'charge' ? 'charge' : fault === 'lockout' ? 'lockout' : 'crisis']));
  return parts.join(' ');
}

/** A customer's root post on a channel about a fault. */
function customerText(rng: Rng, person: Person, channel: Channel, fault: Fault, t: number, contactP: number): string {
  const style = STYLES[channel];
  let body = customerBody(rng, person, fault, t);
  if (rng.chance(contactP)) body += contactDetails(rng, person);
  let text: string;
  switch (channel) {
    case 'twitter':
      if (rng.chance(0.8)) {
        const opener = rng.pick(['@LatchlySupport', '@LatchlySupport', '@Latchly', '@Latchly @LatchlySupport', 'Hey @LatchlySupport,']);
        text = `${opener} ${opener.endsWith(',') ? lowerFirst(body) : body}`;
      } else text = `${body} ${rng.pick(['@Latchly', '@LatchlySupport'])}`;
      if (rng.chance(0.35)) text += ` ${rng.pick(TAGS)}`;
      if (rng.chance(0.3)) text += ` ${rng.pick(EMOJI)}`;
      break;
    case 'facebook':
      text = rng.chance(0.4) ? `${rng.pick(['Hello Latchly,', 'Latchly,', 'Hi,', 'To whoever reads this:'])} ${rng.chance(0.6) ? lowerFirst(body) : body}` : body;
      if (rng.chance(0.2)) text += `\n\n${rng.pick(['Very disappointed.', 'Please respond.', 'I have been a customer for 3 years.', 'Not happy.'])}`;
      break;
    case 'instagram':
      text = rng.chance(0.5) ? `${style.mention} ${body}` : body;
      if (rng.chance(0.45)) text += ` ${rng.pick(EMOJI)}`;
      if (rng.chance(0.2)) text += ` ${rng.pick(TAGS)}`;
      break;
    case 'reddit':
      text = body + (rng.chance(0.3) ? `\n\n${rng.pick(['Edit: typo', 'Edit: support finally answered, nothing useful.', 'Pro 2, bought in March.', 'US East, Mini + bridge.'])}` : '');
      break;
  }
  return style.entities ? entities(text) : text;
}

// ───────────────────────────── posts ─────────────────────────────

export type Kind = 'customer' | 'community' | 'retweet' | 'copypasta' | 'followup' | 'waiting' | 'influencer' | 'brand-reply' | 'brand-post' | 'thread';

interface Post {
  id: string;
  conversationId: string | null;
  parentId: string | null;
  at: number;
  channel: Channel;
  author: string;
  text: string;
  likes: number | null;
  shares: number | null;
  replies: number | null;
  /** Replies the platform counted beyond those in the export. */
  extraReplies: number;
  kind: Kind;
  fault: Fault | null;
  person: Person | null;
}

/** A customer message waiting in the social care queue. */
interface Pending {
  post: Post;
  /** The customer's first post in this exchange: waits are measured from it. */
  first: Post;
  readyAt: number;
  priority: number;
  fault: Fault;
  depth: number;
  patienceAt: number | null;
  done: boolean;
}

export interface GeneratorOptions {
  seed?: number;
  /** Multiplies every customer volume (1 = the documented sample). */
  scale?: number;
}

export interface GeneratedCrisis {
  files: Record<'crisis.yaml' | 'posts.csv' | 'tickets.json' | 'SOURCE.md', string>;
  stats: Stats;
}

export interface Stats {
  seed: number;
  posts: number;
  exportOverlap: number;
  tickets: number;
  byChannel: Record<string, number>;
  byKind: Record<string, number>;
  peakHour: { hour: string; posts: number };
  brandReplies: number;
  unanswered: number;
  medianReplyMinutes: { business: number; outside: number; wednesdayBusiness: number };
  /** 1-based line numbers in posts.csv of the rows the export repeated, and of their repeats. */
  overlapLines: { first: [number, number]; repeat: [number, number] } | null;
  firstComplaint: string;
  firstBrandResponse: string;
}

/** Builds the whole crisis in memory. */
export function generateCrisis(options: GeneratorOptions = {}): GeneratedCrisis {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  const R = (label: string) => new Rng(seed, label);
  const volume = R('volume');
  const text = R('text');
  const people = new People(R('people'));
  const ids = new Ids(R('ids'));
  const care = R('care');
  const eng = R('engagement');
  const posts: Post[] = [];

  const make = (p: Omit<Post, 'id' | 'extraReplies' | 'replies' | 'likes' | 'shares'> & Partial<Pick<Post, 'likes' | 'shares' | 'extraReplies'>>, id?: string): Post => {
    const post: Post = { likes: null, shares: null, replies: null, extraReplies: 0, ...p, id: id ?? newId(p.channel, p.parentId) };
    posts.push(post);
    return post;
  };
  const newId = (channel: Channel, parentId: string | null): string => {
    if (channel === 'twitter') return ''; // set by caller via tweet id (needs the time)
    if (channel === 'facebook') return parentId ? ids.fbComment(parentId) : ids.fbPost();
    if (channel === 'instagram') return ids.instagram();
    return parentId ? ids.redditComment() : ids.redditThread();
  };
  const emit = (p: Omit<Post, 'id' | 'extraReplies' | 'replies' | 'likes' | 'shares'> & Partial<Pick<Post, 'likes' | 'shares' | 'extraReplies'>>): Post => {
    p.at = Math.floor(p.at / 1000) * 1000; // exports keep whole seconds
    const post = make(p, p.channel === 'twitter' ? ids.tweet(p.at) : undefined);
    if (post.channel === 'twitter' || post.channel === 'facebook' || post.channel === 'reddit') {
      if (!post.parentId) post.conversationId = post.id;
    }
    return post;
  };
  /** Threading fields for a reply to `parent` (Instagram exports carry no conversation id). */
  const under = (parent: Post) => ({ parentId: parent.id, conversationId: parent.channel === 'instagram' ? null : (parent.conversationId ?? parent.id), channel: parent.channel });

  // ── The brand's own posts: announcements on every channel. ──
  const brandPosts: Post[] = [];
  const announce = (iso: string, channels: Channel[], body: Record<Channel, string> | string, likes: [number, number], shares: [number, number]) => {
    for (const channel of channels) {
      const raw = typeof body === 'string' ? body : body[channel];
      const p = emit({ at: at(iso) + eng.int(0, 50) * 1000, channel, author: BRAND[channel], text: channel === 'twitter' ? entities(raw) : raw, kind: 'brand-post', fault: null, person: null, conversationId: null, parentId: null, likes: eng.int(...likes), shares: channel === 'instagram' || channel === 'reddit' ? null : eng.int(...shares), extraReplies: eng.int(5, 60) });
      brandPosts.push(p);
    }
  };
  const closeOutText = [
    'A week ago, a Latchly firmware update locked many of you out of your homes. That should never happen with a lock, and we are sorry.',
    'What went wrong: 4.2.0 shipped with a motor-controller bug that left locks unresponsive after the 1am auto-update, and our support team was not staffed overnight, so reports that came in from 1am waited until 9am for an answer.',
    "What we've fixed: 4.2.1 (lockout) and 4.2.2 (battery drain) have reached 99% of locks; every duplicate keypad charge has been refunded.",
    "What we're changing: firmware updates are now opt-in and never run at night, support is staffed 24/7 from today, and every affected customer receives a $50 credit and locksmith reimbursement.",
    'Full post-mortem: latchly.example/october-update',
  ];
  announce('2024-10-07T11:00:00-04:00', ['instagram', 'facebook'], 'Fall is here 🍂 Set a guest code for the leaf guy and get back to your coffee. Latchly Pro 2, now $249 for a limited time.', [40, 400], [2, 20]);
  announce('2024-10-08T14:00:00-04:00', ['twitter', 'facebook'], 'Firmware 4.2.0 starts rolling out tonight: faster unlocks, better battery reporting & a new activity log. Updates install automatically overnight.', [20, 120], [2, 15]);
  announce('2024-10-09T09:47:00-04:00', ['twitter', 'facebook', 'instagram'], "We're aware that some Latchly locks are unresponsive after firmware 4.2.0. Your physical key still works. Our team is investigating and we'll post updates here. We're sorry.", [300, 1200], [100, 600]);
  announce('2024-10-09T12:20:00-04:00', ['twitter', 'facebook', 'reddit'], {
    twitter: "Update: we've paused the 4.2.0 rollout. If your lock is unresponsive, use your physical key, or remove the battery pack for 10 seconds to restart it. DMs are open & we're adding people to the team now.",
    facebook: "Update: we've paused the 4.2.0 rollout. If your lock is unresponsive, use your physical key, or remove the battery pack for 10 seconds to restart it. Our team is answering as fast as we can; please send us a private message with your lock's serial number.",
    instagram: '',
    reddit: "Hi r/smarthome, Latchly support here. We've paused firmware 4.2.0. If your lock is unresponsive: use the physical key, or pull the battery pack for 10 seconds. We're reading this thread and answering as many of you as we can. We're sorry.",
  }, [400, 1600], [150, 700]);
  announce('2024-10-09T21:30:00-04:00', ['twitter', 'facebook'], "We're still here. Engineers have found the cause of the 4.2.0 lockouts and are testing a fix tonight. We'll post the moment it's ready. If you're locked out now, call a locksmith and send us the receipt: we'll reimburse it.", [500, 2000], [200, 900]);
  announce('2024-10-10T19:05:00-04:00', ['twitter', 'facebook', 'instagram', 'reddit'], "Firmware 4.2.1 is rolling out now and fixes the 4.2.0 lockouts. Open the app > Settings > Firmware > Update. If your lock shows offline, pull the battery pack for 10 seconds first. Thank you for your patience.", [600, 2500], [200, 800]);
  announce('2024-10-11T10:30:00-04:00', ['twitter', 'facebook'], 'If your keypad was damaged during the 4.2.0 lockout, we are sending a free replacement keypad with express shipping. Order it from the app under Help > Replacement parts.', [150, 600], [40, 200]);
  announce('2024-10-12T11:15:00-04:00', ['twitter', 'facebook'], "Some of you were charged twice for the free replacement keypad. That's our billing system's mistake: every duplicate charge will be refunded automatically, no action needed. We're sorry.", [200, 700], [50, 250]);
  announce('2024-10-14T11:00:00-04:00', ['twitter', 'facebook', 'instagram', 'reddit'], 'Firmware 4.2.2 is rolling out today and fixes the faster battery drain some of you saw after 4.2.1. Duplicate keypad charges are being refunded today (3–5 business days to show).', [200, 900], [40, 200]);
  announce('2024-10-17T10:00:00-04:00', ['twitter', 'facebook', 'instagram', 'reddit'], {
    twitter: 'A week ago our firmware update locked many of you out of your homes. We are sorry. What went wrong, what we fixed and what changes now (opt-in updates, 24/7 support, $50 credit): latchly.example/october-update',
    facebook: closeOutText.join('\n\n'),
    instagram: 'A message to our customers. A week ago our firmware update locked many of you out of your homes. We are sorry. Updates are now opt-in, support is 24/7, and every affected customer gets a $50 credit. Full post-mortem at the link in bio.',
    reddit: `Latchly post-mortem: the October 4.2.0 lockout\n\n${closeOutText.join('\n\n')}\n\nWe'll be in the comments today.`,
  }, [800, 3000], [150, 600]);
  brandPosts.sort((a, b) => a.at - b.at);
  const latestBrand = (channel: Channel, t: number): Post | undefined => {
    let found: Post | undefined;
    for (const p of brandPosts) if (p.channel === channel && p.at <= t) found = p;
    return found;
  };

  // ── Reddit: the big threads where most of the discussion happens. ──
  const thread = (iso: string, author: string, title: string, body: string, score: number): Post =>
    emit({ at: at(iso), channel: 'reddit', author, text: `${title}\n\n${body}`, kind: 'thread', fault: 'lockout', person: null, conversationId: null, parentId: null, likes: score, extraReplies: Math.round(score / 8) });
  const threads = [
    { post: thread('2024-10-09T06:38:00-04:00', 'quiet_deadbolt_4471', 'PSA: turn off auto-update on your Latchly NOW', "Woke up to a dead keypad and an app that says offline. Firmware 4.2.0 installed overnight. Two neighbors have the same thing. If yours hasn't updated yet, turn off auto-update in Settings.", 4200), from: at('2024-10-09T06:38:00-04:00'), to: at('2024-10-10T12:00:00-04:00'), weight: 3 },
    { post: thread('2024-10-09T08:12:00-04:00', 'smarthome_mods', 'Megathread: Latchly firmware 4.2.0 lockouts, offline locks and beeping', 'Please keep all Latchly 4.2.0 reports in this thread. Include your model (Pro 2 / Mini), whether you have the bridge, and what you tried. Be civil.', 2900), from: at('2024-10-09T08:12:00-04:00'), to: STORY.end, weight: 5 },
    { post: thread('2024-10-11T15:20:00-04:00', 'Salty_Walrus_2210', "Latchly charged me twice for the 'free' replacement keypad", 'Ordered the free keypad from the app this morning. Two charges of $49.99 on my card. Anyone else?', 1300), from: at('2024-10-11T15:20:00-04:00'), to: STORY.end, weight: 4 },
    { post: thread('2024-10-17T10:25:00-04:00', 'fuzzy_hinge_88', 'Latchly published their post-mortem on the October lockout', 'Link in the brand post. Opt-in updates, 24/7 support, $50 credit. Thoughts?', 800), from: at('2024-10-17T10:25:00-04:00'), to: STORY.end, weight: 6 },
  ];
  const redditComments = new Map<string, Post[]>();

  // ── Influential accounts: a few posts with large reach. ──
  const influencers: Post[] = [];
  const influence = (iso: string, channel: Channel, author: string, raw: string, likes: number, shares: number | null, extra: number) => {
    const p = emit({ at: at(iso), channel, author, text: channel === 'twitter' ? entities(raw) : raw, kind: 'influencer', fault: 'lockout', person: null, conversationId: null, parentId: null, likes, shares, extraReplies: extra });
    influencers.push(p);
    return p;
  };
  const viral = influence('2024-10-09T10:41:00-04:00', 'twitter', 'gadgetgrievances', "My @Latchly lock bricked itself overnight after an automatic firmware update and locked my family out at 6am. Support line: 3 hour hold. This is a door lock. A DOOR LOCK. #LatchlyLockout", 38412, 11207, 912);
  const news = influence('2024-10-09T17:32:00-04:00', 'twitter', 'Channel9Desk', 'Dozens of Boston-area residents say they were locked out of their homes Wednesday after a Latchly smart lock update. The company says it has paused the rollout. Full story tonight at 6 & 11.', 4120, 1980, 240);
  influence('2024-10-09T14:05:00-04:00', 'instagram', 'homesec.mike', 'PSA for my Latchly folks 🔒 Do NOT update to 4.2.0. If you already did: physical key, or pull the battery pack 10 sec. Swipe for the steps.', 22840, null, 640);
  influence('2024-10-10T08:15:00-04:00', 'facebook', 'Renters United NYC', 'Tenants: if your landlord installed Latchly smart locks and you were locked out yesterday, you are entitled to entry. Document everything and keep locksmith receipts. Share with your building.', 3200, 2450, 310);
  influence('2024-10-10T20:02:00-04:00', 'twitter', 'dana_writes_tech', 'Latchly shipped 4.2.1 two hours ago. Early reports: locks open again, but battery readings are falling fast. The bigger story: nobody answered customers for 8 hours overnight. Thread 🧵', 9870, 2210, 380);
  influence('2024-10-17T11:10:00-04:00', 'twitter', 'dana_writes_tech', "Latchly's post-mortem is worth reading: opt-in updates, 24/7 support, $50 credit. Rare to see a company name its own night-time coverage gap.", 5120, 1040, 150);

  // Retweets of the viral posts: no likes or shares of their own.
  const retweets = (src: Post, count: number, halfLifeH: number) => {
    const author = src.author;
    const body = src.text.length > 110 ? `${src.text.slice(0, 110)}…` : src.text;
    for (let i = 0; i < Math.round(count * scale); i++) {
      const t = src.at + Math.min(-Math.log(1 - volume.float()) * (halfLifeH / Math.LN2) * HOUR, STORY.end - src.at - MIN);
      const person = people.get(0.05);
      emit({ at: t, channel: 'twitter', author: person.handles.twitter, text: `RT @${author}: ${body}`, kind: 'retweet', fault: null, person, conversationId: null, parentId: null, likes: 0, shares: 0 });
    }
  };
  retweets(viral, 330, 2.5);
  retweets(news, 110, 2);
  retweets(influencers[4], 120, 3);

  // The copy-paste warning: identical text from many accounts, Facebook and Twitter.
  for (let i = 0; i < Math.round(260 * scale); i++) {
    const t = at('2024-10-09T13:40:00-04:00') + -Math.log(1 - volume.float()) * 6 * HOUR;
    if (t > STORY.end) continue;
    const person = people.get(0.1);
    const channel: Channel = volume.chance(0.62) ? 'facebook' : 'twitter';
    const variant = volume.chance(0.8) ? COPYPASTA : `${COPYPASTA}${volume.pick([' Please share!!', ' 🔒', ' #LatchlyLockout', '!!'])}`;
    emit({ at: t, channel, author: person.handles[channel], text: channel === 'twitter' ? entities(variant) : variant, kind: 'copypasta', fault: 'lockout', person, conversationId: null, parentId: null, likes: eng.int(0, 6), shares: eng.int(0, 4) });
  }

  // ── Customer posts, hour by hour. ──
  const faultMix = (t: number): Partial<Record<Fault, number>> => {
    if (t < STORY.update) return { general: 40, praise: 30, battery: 8, offline: 12, beeping: 4, lockout: 4 };
    if (t < STORY.brandAck) return { lockout: 55, offline: 20, beeping: 15, unlocked: 4, waiting: 3, general: 3 };
    if (t < STORY.hotfix) return { lockout: 45, offline: 18, beeping: 8, waiting: 13, unlocked: 4, opinion: 12 };
    if (t < STORY.doubleCharge) return { fixfail: 24, battery: 26, lockout: 14, offline: 10, waiting: 10, opinion: 14, beeping: 2 };
    if (t < STORY.batteryFix) return { charge: 34, battery: 22, fixfail: 9, waiting: 10, lockout: 5, opinion: 17, offline: 3 };
    if (t < STORY.closeOut) return { battery: 20, charge: 16, general: 14, praise: 8, opinion: 24, fixfail: 5, offline: 9, waiting: 4 };
    return { closeout: 62, general: 12, praise: 8, battery: 8, charge: 5, opinion: 5 };
  };
  const channelMix = (t: number): Record<Channel, number> => (t < STORY.update ? { twitter: 45, facebook: 25, instagram: 20, reddit: 10 } : { twitter: 52, facebook: 18, instagram: 11, reddit: 19 });
  const replyNeed: Record<Fault, number> = { lockout: 0.8, battery: 0.75, offline: 0.75, beeping: 0.7, charge: 0.85, unlocked: 0.9, waiting: 0.8, fixfail: 0.8, general: 0.9, praise: 0.5, opinion: 0.12, closeout: 0.2 };
  const queue: Pending[] = [];
  const roots: { post: Post; fault: Fault; needs: boolean }[] = [];

  for (let h = STORY.start; h < STORY.end; h += HOUR) {
    const { hour } = localClock(h);
    const n = volume.poisson(SOCIAL_RATE(h + HOUR / 2) * DIURNAL[Math.floor(hour)] * scale);
    for (let i = 0; i < n; i++) {
      const t = h + Math.floor(volume.float() * HOUR);
      const fault = volume.weighted(faultMix(t));
      let channel = volume.weighted(channelMix(t));
      const person = people.get(t < STORY.update ? 0.05 : 0.12);
      let parent: Post | undefined;
      if (channel === 'instagram') {
        parent = latestBrand('instagram', t);
        if (!parent) channel = 'twitter';
      } else if (channel === 'facebook' && volume.chance(0.5)) parent = latestBrand('facebook', t);
      else if (channel === 'reddit' && t >= threads[0].from && volume.chance(0.8)) {
        const open = threads.filter((th) => th.from <= t && t <= th.to);
        if (open.length) {
          const th = volume.weighted(Object.fromEntries(open.map((o, k) => [String(k), o.weight])) as Record<string, number>);
          const chosen = open[Number(th)].post;
          const earlier = (redditComments.get(chosen.id) ?? []).filter((c) => c.at < t).slice(-40);
          parent = earlier.length && volume.chance(0.3) ? volume.pick(earlier) : chosen;
        }
      }
      let body = customerText(text, person, channel, fault, t, 0.018);
      if (channel === 'reddit' && !parent) body = `${redditTitle(text, fault)}\n\n${body}`;
      const post = emit({ at: t, author: person.handles[channel], text: body, kind: 'customer', fault, person, likes: null, shares: null, ...(parent ? under(parent) : { channel, parentId: null, conversationId: null }) });
      if (channel === 'reddit' && parent) {
        const list = redditComments.get(post.conversationId!) ?? [];
        list.push(post);
        redditComments.set(post.conversationId!, list);
      }
      const reach: Record<Channel, number> = { twitter: 1, facebook: parent ? 0.55 : 1, instagram: 0.45, reddit: parent ? 0.06 : 0.35 };
      roots.push({ post, fault, needs: volume.chance(replyNeed[fault] * reach[channel]) });
    }
  }

  // Customers piling on under the influential posts ("same here").
  for (const inf of influencers) {
    const count = Math.round((inf.likes ?? 0) / 220 * scale);
    for (let i = 0; i < count; i++) {
      const t = inf.at + Math.min(-Math.log(1 - volume.float()) * 3 * HOUR, STORY.end - inf.at - MIN);
      const person = people.get(0.1);
      const raw = inf.at > STORY.closeOut ? text.pick(CLOSEOUT) : fill(text.pick(SAME_HERE), { rng: text, person, t });
      const prefix = inf.channel === 'twitter' ? `@${inf.author} ` : '';
      emit({ at: t, author: person.handles[inf.channel], text: inf.channel === 'twitter' ? entities(prefix + raw) : prefix + raw, kind: 'community', fault: inf.at > STORY.closeOut ? 'closeout' : 'lockout', person, likes: null, shares: null, ...under(inf) });
    }
  }

  // ── Social care: a minute-by-minute queue, FIFO within priority, nobody at night. ──
  roots.sort((a, b) => a.post.at - b.post.at);
  type Event = { at: number; run: () => void };
  const events: Event[] = [];
  const schedule = (e: Event) => {
    let i = events.length;
    while (i > 0 && events[i - 1].at > e.at) i--;
    events.splice(i, 0, e);
  };
  const enqueue = (post: Post, first: Post, fault: Fault, priority: number, depth: number) => {
    const impatient = priority >= 0 && depth < 2 && post.at > STORY.update && care.chance(0.25);
    const item: Pending = { post, first, readyAt: post.at + care.lognormal(6, 0.8) * MIN, priority, fault, depth, patienceAt: impatient ? post.at + care.lognormal(5, 0.4) * HOUR : null, done: false };
    queue.push(item);
    if (item.patienceAt !== null && item.patienceAt < STORY.end) schedule({ at: item.patienceAt, run: () => stillWaiting(item) });
  };
  /** A customer nobody answered posts again under their own post, and that post replaces theirs in the queue. */
  const stillWaiting = (item: Pending) => {
    if (item.done || item.depth > 3 || !item.post.person) return;
    const person = item.post.person;
    const hours = Math.max(1, Math.round((item.patienceAt! - item.first.at) / HOUR));
    const channel = item.post.channel;
    const lockedOut = item.fault === 'lockout' || item.fault === 'fixfail' || item.fault === 'unlocked';
    const raw = text.pick([
      `Still waiting. ${hours} ${hours === 1 ? 'hour' : 'hours'} now.`,
      `Anyone? ${hours} ${hours === 1 ? 'hour' : 'hours'} and no answer.`,
      `${hours} ${hours === 1 ? 'hour' : 'hours'} later and still nothing from Latchly.`,
      lockedOut ? `Still locked out, still no reply. ${hours} ${hours === 1 ? 'hour' : 'hours'}.` : `Still no reply after ${hours} ${hours === 1 ? 'hour' : 'hours'}.`,
      'Hello?? Still waiting for someone to get back to me.',
      hours >= 20 ? 'Day 2 of waiting. Still no reply, still no fix.' : 'Still waiting for a reply.',
    ]);
    const body = channel === 'twitter' ? entities(`@LatchlySupport ${raw}`) : raw;
    const post = emit({ at: item.patienceAt!, author: person.handles[channel], text: body, kind: 'waiting', fault: 'waiting', person, likes: eng.int(0, 4), shares: null, ...under(item.post) });
    item.done = true;
    enqueue(post, item.first, item.fault, 1, item.depth + 1);
  };

  const sign = (channel: Channel) => (channel === 'twitter' ? ` ^${care.pick(AGENTS)}` : channel === 'facebook' ? ` – ${care.pick(['Kim', 'Dev', 'Ana', 'Jo', 'Luis', 'Nia'])}, Latchly Support` : '');
  type ReplyKind = 'answer' | 'ack' | 'dm' | 'fix' | 'battery' | 'refund' | 'escalate' | 'glad';
  const replyFor = (item: Pending, t: number): { kind: ReplyKind; text: string } => {
    const name = item.post.person?.first ?? 'there';
    const f = item.fault;
    const pick = (k: ReplyKind, options: string[]) => ({ kind: k, text: care.pick(options) });
    if (item.priority < 0) return pick('glad', [`So glad it's working again, ${name}! Thanks for your patience.`, "Great to hear it's resolved! We're here if anything else comes up.", `Happy to hear that, ${name}. Sorry again for the trouble.`, "That's great news. We'll mark this one as resolved."]);
    if (item.priority > 0 && f !== 'general') {
      return pick('escalate', [
        `${name}, we hear you and we're truly sorry for the wait. I've escalated your case to our priority team; please check your DMs.`,
        "You're right to be frustrated, and we apologize. A specialist has your case now and will reach out by DM within the hour.",
        `We're so sorry, ${name}. That wait is not okay. I've flagged your case as urgent; please send us a DM with your serial number if you haven't yet.`,
      ]);
    }
    if (f === 'general') return pick('answer', [`Hi ${name}! Great question: you can set that up in the app under Access > Guests. Let us know if you need a hand!`, `Hi ${name}, happy to help. Please send us a DM with your model and we'll walk you through it.`, `Good question, ${name}! Our help center has a step-by-step guide: latchly.example/help. Shout if you get stuck.`]);
    if (f === 'praise') return pick('answer', [`Thanks ${name}! We're glad you're enjoying it. 🔒`, `That's great to hear, ${name}! Thanks for the kind words.`, `Love this, ${name}. Thank you! 🙌`]);
    if (t < STORY.update || (item.first.at < STORY.update && f !== 'waiting')) {
      const tips: Partial<Record<Fault, string>> = {
        battery: 'battery life depends a lot on Auto-Unlock and cold weather. Lithium AAs last longest; the app shows the level under Settings > Battery.',
        offline: 'try restarting the bridge (unplug it for 10 seconds) and keep it within 30 ft of the lock. If it keeps dropping, DM us your serial number.',
        beeping: 'you can turn the lock sounds down under Settings > Sounds > Quiet mode.',
        lockout: 'the keypad can be slow below freezing; fresh lithium batteries help. DM us your serial number if it keeps happening.',
      };
      return pick('answer', [`Hi ${name}, sorry about that! ${cap(tips[f] ?? 'please send us a DM with your serial number and we will take a look.')}`]);
    }
    if (f === 'charge') {
      if (t < STORY.refundAck) return pick('dm', [`We're sorry, ${name}. Please send us a DM with your order number and we'll look into the duplicate charge right away.`, `Sorry about that, ${name}. Please DM us your order number so we can check the charges.`]);
      return pick('refund', [`We're sorry, ${name}. Every duplicate keypad charge is being refunded automatically; it can take 3–5 business days to show. If you don't see it by next Friday, DM us your order number.`, `Apologies for the double charge, ${name}. The refund has been issued and should appear in 3–5 business days.`]);
    }
    if (f === 'battery' && t >= STORY.hotfix) {
      if (t >= STORY.batteryFix) return pick('fix', [`Hi ${name}, firmware 4.2.2 fixes the battery drain. Please update in Settings > Firmware; your battery should last normally again.`, `Sorry ${name}! 4.2.2 is out today and resolves the fast battery drain. Let us know how it goes.`]);
      return pick('battery', [`Thanks for flagging, ${name}. A small number of locks drain faster on 4.2.1; a fix is coming early next week. Turning off Auto-Unlock helps in the meantime.`, `We're sorry, ${name}. We know about the faster battery drain on 4.2.1 and a fix is in testing. Please DM us if you need replacement batteries.`]);
    }
    if (t >= STORY.hotfix) {
      return pick('fix', [
        `Good news, ${name}: firmware 4.2.1 fixes this. Open the app > Settings > Firmware > Update. If the lock shows offline, pull the battery pack for 10 seconds first. Let us know how it goes!`,
        `Hi ${name}, 4.2.1 is out and resolves the lockout. If the app still says offline, remove the batteries for 10 seconds, then update. We're sorry for the trouble.`,
        `Sorry for all of this, ${name}. The fix (4.2.1) is rolling out now; please update and DM us if anything is still wrong.`,
      ]);
    }
    if (f === 'opinion' || f === 'closeout') {
      if (t >= STORY.closeOut) return pick('ack', [`Thank you, ${name}. We know a write-up doesn't undo a lockout; we're sorry, and we'll keep earning it back.`, `We hear you, ${name}. If you haven't received your credit or locksmith reimbursement yet, please DM us and we'll sort it today.`]);
      if (t >= STORY.hotfix) return pick('ack', ["That's fair feedback, and we're sorry. We'll publish a full write-up of what went wrong and what we're changing.", `We hear you, ${name}. Updates will be opt-in from now on, and we'll share the full story soon.`]);
      return pick('ack', ["We hear you, and we're sorry. We've paused the update and are working on a fix right now.", "That's fair feedback. We're sorry, and we'll share what went wrong once everyone is back in."]);
    }
    if (t < STORY.paused) return pick('dm', [`We're so sorry, ${name}. We're aware of an issue after 4.2.0 and our team is on it. Your physical key still works. Please send us a DM with your lock's serial number.`, `Hi ${name}, we're sorry! Please send us a DM with your serial number and we'll help you get back in.`, `We apologize, ${name}. Please DM us so we can help right away.`]);
    return pick(care.chance(0.6) ? 'dm' : 'ack', [
      `We're sorry, ${name}. We've paused the 4.2.0 rollout. Please use your physical key, or pull the battery pack for 10 seconds to restart the lock. If that doesn't work, please send us a DM.`,
      `${name}, we're so sorry. A fix is in progress. Meanwhile the physical key works, and if you had to call a locksmith, keep the receipt: we'll reimburse it. DM us anytime.`,
      `Hi ${name}, we apologize for this. Please send us a DM with your serial number and we'll get you sorted.`,
      `We're sorry for the trouble, ${name}. Our engineers are working on a fix and we'll update you as soon as it's ready.`,
    ]);
  };

  let brandReplies = 0;
  const waits: { business: number[]; outside: number[]; wednesdayBusiness: number[] } = { business: [], outside: [], wednesdayBusiness: [] };
  const respond = (item: Pending, t: number) => {
    const target = item.post;
    const reply = replyFor(item, t);
    const prefix = target.channel === 'twitter' && target.person ? `@${target.person.handles.twitter} ` : '';
    const raw = `${prefix}${reply.text}${sign(target.channel)}`;
    const posted = emit({ at: t, author: BRAND[target.channel], text: target.channel === 'twitter' ? entities(raw) : raw, kind: 'brand-reply', fault: null, person: null, likes: eng.chance(0.3) ? eng.int(1, 6) : 0, shares: null, ...under(target) });
    item.done = true;
    brandReplies++;
    if (item.depth === 0 && item.priority === 0) {
      const { hour, weekday } = localClock(target.at);
      const business = weekday <= 5 && hour >= 9 && hour < 18;
      (business ? waits.business : waits.outside).push((t - target.at) / MIN);
      if (business && target.at >= STORY.update && target.at < STORY.update + DAY) waits.wednesdayBusiness.push((t - target.at) / MIN);
    }
    react(item, reply.kind, posted);
  };
  /** How the customer answers the brand's reply: thanks, "DM sent", or back angrier. */
  const react = (item: Pending, kind: ReplyKind, reply: Post) => {
    const t = reply.at;
    const person = item.post.person;
    if (!person || kind === 'glad' || item.depth > 3) return;
    const waitedH = (t - item.first.at) / HOUR;
    const r = care.float();
    let mood: 'thanks' | 'dm' | 'angry' | 'battery' | null = null;
    if (kind === 'answer') mood = r < 0.35 ? 'thanks' : null;
    else if (kind === 'dm') mood = r < 0.3 ? 'dm' : r < 0.3 + (waitedH > 3 ? 0.35 : 0.1) ? 'angry' : null;
    else if (kind === 'ack') mood = r < 0.1 ? 'thanks' : r < 0.1 + (waitedH > 2 ? 0.4 : 0.15) ? 'angry' : null;
    else if (kind === 'fix') mood = r < 0.42 ? 'thanks' : r < 0.54 ? 'angry' : r < 0.62 && t < STORY.batteryFix ? 'battery' : null;
    else if (kind === 'battery' || kind === 'refund') mood = r < 0.25 ? 'thanks' : r < 0.37 ? 'angry' : null;
    else if (kind === 'escalate') mood = r < 0.3 ? 'thanks' : r < 0.45 ? 'angry' : null;
    if (!mood) return;
    const delay = mood === 'thanks' && (kind === 'refund') ? care.lognormal(30, 0.5) * HOUR : care.lognormal(mood === 'dm' ? 8 : 35, 0.9) * MIN;
    const when = t + delay;
    if (when >= STORY.end) return;
    schedule({
      at: when,
      run: () => {
        const hours = Math.max(1, Math.round((when - item.first.at) / HOUR));
        const h = `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
        const thanks: Record<ReplyKind, string[]> = {
          answer: ['Thanks!', 'Got it, thanks!', 'Perfect, thank you.', 'Appreciate the quick help.'],
          fix: ['Thanks, that worked!', 'Updated and it opens again. Thank you!', 'That did it 🙏', 'Finally back in. Thanks for the help.', 'Resolved, thank you!'],
          refund: ['Refund showed up, thanks.', 'Got the refund. Thanks for sorting it.'],
          battery: ['Thanks, turned off Auto-Unlock for now.', 'OK, thanks for the heads up.'],
          escalate: ['Thanks, someone finally called me back.', 'Got your DM, thank you.', 'Thanks, that helped.'],
          ack: ['Thanks for the update.', 'OK, thanks.'],
          dm: ['Thanks.'],
          glad: [],
        };
        const angry = item.fault === 'charge'
          ? ['Still waiting on the refund for the double charge.', `I DMed you my order number ${h} ago and nothing.`, 'So who refunds the duplicate charge? Still nothing on my card.']
          : item.fault === 'battery'
            ? ['Batteries dead again. When is the fix coming?', `Still draining. ${h} since I asked.`, 'Turning off Auto-Unlock is not a fix.']
            : ['Still waiting.', `It's been ${h}. Still locked out.`, `I DMed you ${h} ago and nothing.`, "'Send us a DM' is not a fix.", `Still no fix. ${h} now.`, 'Copy-paste apology, great. Still broken.'];
        const lines: Record<'thanks' | 'dm' | 'angry' | 'battery', string[]> = {
          thanks: thanks[kind],
          dm: ['DM sent.', 'Just sent a DM, thanks', 'Sent you my serial number.', 'Done, check your DMs.'],
          angry: kind === 'fix' && item.fault !== 'charge' ? ['Updated to 4.2.1 and it still will not open.', "Your fix didn't fix anything. Still broken.", '4.2.1 won\'t install, the app still says offline.', ...angry.slice(0, 3)] : angry,
          battery: ['Your fix drained my batteries overnight.', 'Opens now, but battery went from 100% to 30% in a day.', 'Lock works again but now the battery drain is insane.'],
        };
        const raw = care.pick(lines[mood!]);
        const channel = item.post.channel;
        const body = channel === 'twitter' ? entities(`@LatchlySupport ${raw}`) : raw;
        const parent = reply;
        const post = emit({ at: when, author: person.handles[channel], text: body, kind: 'followup', fault: mood === 'angry' ? (item.fault === 'charge' || item.fault === 'battery' ? item.fault : 'waiting') : mood === 'battery' ? 'battery' : null, person, likes: eng.int(0, 3), shares: null, ...under(parent) });
        if (mood === 'angry') enqueue(post, item.first, kind === 'fix' ? 'fixfail' : item.fault, 1, item.depth + 1);
        else if (mood === 'battery') enqueue(post, item.first, 'battery', 0, item.depth + 1);
        else if (mood === 'thanks' && care.chance(0.35)) enqueue(post, item.first, item.fault, -1, item.depth + 1);
      },
    });
  };
  let rootIndex = 0;
  let tokens = 0;
  let unanswered = 0;
  for (let m = STORY.start; m < STORY.end; m += MIN) {
    const minuteEnd = m + MIN;
    while (rootIndex < roots.length && roots[rootIndex].post.at < minuteEnd) {
      const r = roots[rootIndex++];
      if (r.needs) enqueue(r.post, r.post, r.fault, 0, 0);
    }
    while (events.length && events[0].at < minuteEnd) events.shift()!.run();
    const cap = socialCapacity(m);
    tokens = cap === 0 ? 0 : Math.min(tokens + cap / 60, 3);
    while (tokens >= 1) {
      // Agents work the live feed (newest first) a third of the time, the backlog (oldest first) otherwise.
      const newestFirst = care.chance(0.35);
      let best = -1;
      for (let i = 0; i < queue.length; i++) {
        const q = queue[i];
        if (q.done || q.readyAt >= minuteEnd) continue;
        if (best < 0 || q.priority > queue[best].priority || (q.priority === queue[best].priority && (newestFirst ? q.readyAt > queue[best].readyAt : q.readyAt < queue[best].readyAt))) best = i;
      }
      if (best < 0) break;
      const item = queue[best];
      const t = Math.max(m + care.int(0, 59) * 1000, item.post.at + 60_000);
      respond(item, t);
      tokens -= 1;
    }
    if (m % HOUR === 0) {
      // Items nobody reached within 20 hours (12 for "thank you" notes) are dropped: never answered.
      for (let i = queue.length - 1; i >= 0; i--) {
        const q = queue[i];
        const limit = q.priority < 0 ? 12 * HOUR : 20 * HOUR;
        if (q.done || m - q.post.at > limit) {
          if (!q.done && q.priority >= 0) unanswered++;
          queue.splice(i, 1);
        }
      }
    }
  }
  unanswered += queue.filter((q) => !q.done && q.priority >= 0).length;

  // ── Engagement counts, and the export's overlap. ──
  const children = new Map<string, number>();
  for (const p of posts) if (p.parentId) children.set(p.parentId, (children.get(p.parentId) ?? 0) + 1);
  for (const p of posts) {
    if (p.kind === 'customer' || p.kind === 'waiting' || p.kind === 'followup' || p.kind === 'community') {
      const heavy = p.fault === 'lockout' && p.at > STORY.update && eng.chance(0.03);
      if (p.likes === null) p.likes = Math.floor(eng.lognormal(heavy ? 60 : 0.8, heavy ? 1 : 1.2));
      if (p.shares === null && (p.channel === 'twitter' || (p.channel === 'facebook' && !p.parentId))) p.shares = Math.floor(eng.lognormal(heavy ? 15 : 0.3, 1.2));
    }
    if (p.kind === 'brand-reply' && p.channel === 'reddit') p.likes = eng.int(0, 40);
    const own = children.get(p.id) ?? 0;
    p.replies = p.kind === 'retweet' ? 0 : own + p.extraReplies;
  }
  posts.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const kept = posts.filter((p) => p.at < STORY.end);

  const header = ['id', 'conversation_id', 'parent_id', 'created_at', 'channel', 'author', 'text', 'likes', 'shares', 'replies'];
  const lines = kept.map((p) => [p.id, p.conversationId ?? '', p.parentId ?? '', isoLocal(p.at), p.channel, p.author, p.text, num(p.likes), num(p.shares), num(p.replies)].map(csvCell).join(','));
  // The social-listening tool exported in pages of 500 and repeated one page's last 20 rows at the next page: kept, as real exports do.
  const overlapAt = 5000;
  const overlap = lines.length > overlapAt + 20 ? lines.slice(overlapAt - 20, overlapAt) : [];
  const csvLines = [...lines.slice(0, overlapAt), ...overlap, ...lines.slice(overlapAt)];
  const postsCsv = `${header.join(',')}\n${csvLines.join('\n')}\n`;

  const tickets = generateTickets(R('tickets'), people, scale);
  const ticketsJson = `[\n${tickets.map((t) => `  ${JSON.stringify(t)}`).join(',\n')}\n]\n`;

  const byChannel: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const perHour = new Map<number, number>();
  for (const p of kept) {
    byChannel[p.channel] = (byChannel[p.channel] ?? 0) + 1;
    byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
    const h = Math.floor(p.at / HOUR);
    perHour.set(h, (perHour.get(h) ?? 0) + 1);
  }
  const [peakH, peakN] = [...perHour].reduce((a, b) => (b[1] > a[1] ? b : a));
  const firstComplaint = kept.find((p) => p.at >= STORY.update && p.kind === 'customer' && p.fault === 'lockout')!;
  const firstBrand = kept.find((p) => p.at >= STORY.update && p.person === null && (p.kind === 'brand-reply' || p.kind === 'brand-post'))!;
  const stats: Stats = {
    seed,
    posts: kept.length,
    exportOverlap: overlap.length,
    tickets: tickets.length,
    byChannel: sortKeys(byChannel),
    byKind: sortKeys(byKind),
    peakHour: { hour: isoLocal(peakH * HOUR), posts: peakN },
    brandReplies,
    unanswered,
    medianReplyMinutes: { business: Math.round(median(waits.business)), outside: Math.round(median(waits.outside)), wednesdayBusiness: Math.round(median(waits.wednesdayBusiness)) },
    overlapLines: overlap.length ? { first: [overlapAt - overlap.length + 2, overlapAt + 1], repeat: [overlapAt + 2, overlapAt + overlap.length + 1] } : null,
    firstComplaint: isoLocal(firstComplaint.at),
    firstBrandResponse: isoLocal(firstBrand.at),
  };
  return { files: { 'crisis.yaml': crisisYaml(seed), 'posts.csv': postsCsv, 'tickets.json': ticketsJson, 'SOURCE.md': sourceMd(stats, scale) }, stats };
}

function redditTitle(rng: Rng, fault: Fault): string {
  const titles: Partial<Record<Fault, string[]>> = {
    lockout: ['Latchly locked me out after the update', 'Locked out by my own smart lock. Options?', 'Latchly Pro 2 dead after 4.2.0'],
    battery: ['Latchly battery drain after 4.2.1?', 'New batteries dead in 2 days (Latchly)'],
    offline: ['Latchly bridge offline since update', 'Latchly app says offline, lock still works manually'],
    beeping: ['Latchly beeping every 30 seconds', 'How do I make my Latchly stop beeping'],
    charge: ['Double charged for the Latchly keypad', 'Anyone get their Latchly refund yet?'],
    unlocked: ['My Latchly unlocked itself overnight', 'Latchly says locked, door was open'],
    waiting: ['Has anyone actually reached Latchly support?', 'Latchly support not answering'],
    fixfail: ['4.2.1 did not fix my Latchly', 'Latchly still broken after 4.2.1'],
    general: ['Latchly Pro 2 vs Mini?', 'Latchly guest codes question'],
    praise: ['Six months with the Latchly Pro 2: a review'],
    opinion: ['The Latchly fiasco and why auto-updates on locks are a bad idea', 'Is anyone else done with smart locks after this week?'],
    closeout: ['Thoughts on the Latchly post-mortem?'],
  };
  return rng.pick(titles[fault] ?? titles.lockout!);
}

// ───────────────────────────── tickets ─────────────────────────────

export interface Ticket {
  ticket_id: number;
  created_at: string;
  first_reply_at: string | null;
  solved_at: string | null;
  closed_at: string | null;
  updated_at: string;
  status: 'new' | 'open' | 'pending' | 'solved' | 'closed';
  channel: 'email' | 'web' | 'chat' | 'phone';
  category: string;
  product: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  subject: string;
  description: string;
  tags: string[];
  requester: { name: string };
  customer: { plan: string; state: string };
}

const CATEGORY: Record<Fault, string> = {
  lockout: 'Lockout', battery: 'Battery', offline: 'Connectivity', beeping: 'Lockout', charge: 'Billing', unlocked: 'Security', waiting: 'Lockout', fixfail: 'Firmware update', general: 'Setup & how-to', praise: 'Feedback', opinion: 'Feedback', closeout: 'Feedback',
};

const SUBJECTS: Partial<Record<Fault, string[]>> = {
  lockout: ['Locked out after update', 'Lock will not open', 'URGENT: locked out of my home', 'Keypad not accepting codes', 'Deadbolt stuck locked'],
  battery: ['Battery draining fast', 'Batteries dead after 2 days', 'Low battery warning with new batteries'],
  offline: ['Lock shows offline', 'Bridge will not connect', 'App crashes'],
  beeping: ['Lock keeps beeping', 'Constant beeping after update'],
  charge: ['Charged twice for replacement keypad', 'Duplicate charge', 'Refund request: double charge'],
  unlocked: ['Door unlocked by itself', 'Security concern: lock opened overnight'],
  fixfail: ['4.2.1 did not fix my lock', 'Update fails to install'],
  general: ['Guest code question', 'Installation help', 'HomeKit compatibility', 'Question about my order'],
  praise: ['Compliment for the team', 'Love the product'],
  opinion: ['Feedback on the firmware update', 'Complaint'],
  closeout: ['About the $50 credit', 'Locksmith reimbursement'],
};

const EVERYDAY_SUBJECTS: Partial<Record<Fault, string>> = { battery: 'Battery life question', offline: 'Bridge keeps disconnecting', lockout: 'Keypad slow in cold weather', beeping: 'How to turn off beeping' };

function generateTickets(rng: Rng, people: People, scale: number): Ticket[] {
  const mix = (t: number): Partial<Record<Fault, number>> => {
    if (t < STORY.update) return { general: 64, praise: 4, battery: 12, offline: 14, lockout: 6 };
    if (t < STORY.hotfix) return { lockout: 58, offline: 16, beeping: 8, unlocked: 5, general: 3, opinion: 3, charge: 1 };
    if (t < STORY.doubleCharge) return { fixfail: 22, battery: 24, lockout: 30, offline: 12, opinion: 6, general: 2 };
    if (t < STORY.batteryFix) return { charge: 45, battery: 22, lockout: 10, fixfail: 8, general: 5, opinion: 5 };
    if (t < STORY.closeOut) return { charge: 25, battery: 25, general: 25, lockout: 8, opinion: 7, offline: 10 };
    return { closeout: 50, general: 25, battery: 10, charge: 15 };
  };
  type Draft = { created: number; channel: Ticket['channel']; fault: Fault; person: Person; first: number | null };
  const drafts: Draft[] = [];
  for (let h = STORY.start; h < STORY.end; h += HOUR) {
    const { hour } = localClock(h);
    const n = rng.poisson(TICKET_RATE(h + HOUR / 2) * DIURNAL[Math.floor(hour)] * scale);
    for (let i = 0; i < n; i++) {
      const created = h + Math.floor(rng.float() * HOUR);
      const local = localClock(created);
      const live = local.hour >= 8 && local.hour < 22;
      const channel = rng.weighted<Ticket['channel']>(live ? { email: 48, web: 30, chat: 14, phone: 8 } : { email: 62, web: 38 });
      drafts.push({ created, channel, fault: rng.weighted(mix(created)), person: people.get(0.3), first: null });
    }
  }
  drafts.sort((a, b) => a.created - b.created);
  // Chat and phone are answered live; email and web wait for the desk's queue.
  const queue: Draft[] = [];
  let next = 0;
  let tokens = 0;
  for (let m = STORY.start; m < STORY.end; m += MIN) {
    while (next < drafts.length && drafts[next].created < m + MIN) {
      const d = drafts[next++];
      if (d.channel === 'chat') d.first = d.created + rng.lognormal(d.created > STORY.update && d.created < STORY.hotfix ? 25 : 2, 0.7) * MIN;
      else if (d.channel === 'phone') d.first = d.created + rng.int(0, 3) * MIN;
      else queue.push(d);
    }
    const cap = deskCapacity(m);
    tokens = cap === 0 ? 0 : Math.min(tokens + cap / 60, 2);
    while (tokens >= 1 && queue.length && queue[0].created < m) {
      // Urgent lockouts first, then the oldest.
      let k = queue.findIndex((d) => d.fault === 'lockout' || d.fault === 'unlocked');
      if (k < 0 || rng.chance(0.5)) k = 0;
      const d = queue.splice(k, 1)[0];
      d.first = Math.max(m + rng.int(0, 59) * 1000, d.created + 2 * MIN);
      tokens -= 1;
    }
  }
  const tickets: Ticket[] = [];
  drafts.forEach((d, n) => {
    const local = localClock(d.created);
    const first = d.first !== null && d.first < STORY.end ? d.first : null;
    let solved: number | null = null;
    if (first !== null) {
      const base = Math.max(first, d.fault === 'lockout' || d.fault === 'fixfail' || d.fault === 'beeping' ? (d.created < STORY.hotfix && rng.chance(0.7) ? STORY.hotfix : first) : d.fault === 'battery' && d.created > STORY.hotfix ? STORY.batteryFix : d.fault === 'charge' && d.created > STORY.keypadOffer ? STORY.refundsIssued : first);
      solved = base + rng.lognormal(d.fault === 'general' ? 1 : 10, 1) * HOUR;
      if (solved >= STORY.end || rng.chance(0.06)) solved = null;
    }
    const closed = solved !== null && solved + 4 * DAY < STORY.end ? solved + 4 * DAY : null;
    const status: Ticket['status'] = closed !== null ? 'closed' : solved !== null ? 'solved' : first === null ? 'new' : rng.chance(0.5) ? 'pending' : 'open';
    const updated = Math.max(d.created, first ?? 0, solved ?? 0, closed ?? 0, status === 'pending' || status === 'open' ? Math.min(STORY.end - MIN, (first ?? d.created) + rng.lognormal(6, 1) * HOUR) : 0);
    const product = rng.weighted({ 'Latchly Pro 2': 68, 'Latchly Mini': 22, 'Latchly Bridge': d.fault === 'offline' ? 30 : 4, 'Keypad (replacement)': d.fault === 'charge' ? 60 : 0 });
    const urgent = d.fault === 'lockout' || d.fault === 'unlocked';
    tickets.push({
      ticket_id: 48210 + n,
      created_at: isoLocal(d.created),
      first_reply_at: first === null ? null : isoLocal(first),
      solved_at: solved === null ? null : isoLocal(solved),
      closed_at: closed === null ? null : isoLocal(closed),
      updated_at: isoLocal(updated),
      status,
      channel: d.channel,
      category: CATEGORY[d.fault],
      product,
      priority: urgent && d.created >= STORY.update ? (rng.chance(0.5) ? 'urgent' : 'high') : d.fault === 'general' || d.fault === 'praise' ? 'low' : 'normal',
      subject: d.created < STORY.update && EVERYDAY_SUBJECTS[d.fault] ? EVERYDAY_SUBJECTS[d.fault]! : rng.pick(SUBJECTS[d.fault] ?? SUBJECTS.general!),
      description: ticketText(rng, d.person, d.channel, d.fault, d.created, product),
      tags: [d.fault === 'general' || d.fault === 'praise' || d.fault === 'opinion' || d.fault === 'closeout' ? 'general' : d.fault, ...(d.created >= STORY.update && d.created < STORY.batteryFix ? ['fw-4.2'] : []), ...(local.hour < 9 || local.hour >= 18 ? ['after-hours'] : [])],
      requester: { name: `${d.person.first} ${displayLast(d.person.last)}` },
      customer: { plan: rng.weighted({ Basic: 70, 'Care+': 30 }), state: rng.pick(STATES) },
    });
  });
  return tickets;
}

function ticketText(rng: Rng, person: Person, channel: Ticket['channel'], fault: Fault, t: number, product: string): string {
  const serial = `${product === 'Latchly Mini' ? 'LMN' : product === 'Latchly Bridge' ? 'LBR' : 'LP2'}-${rng.pick(['8F3K', '2Q9D', '7HXA', 'K4M2', '9TZP'])}-${rng.int(1000, 9999)}`;
  const body = customerBody(rng, person, fault, t);
  const symptom = /[.!?…]$/.test(body) ? body : `${body}.`;
  const contact = rng.chance(0.12) ? contactDetails(rng, person) : '';
  const crisis = t >= STORY.update && t < STORY.batteryFix && fault !== 'general' && fault !== 'praise' && fault !== 'charge';
  if (channel === 'phone') return `Caller reports: ${symptom.replace(/^(.)/, (c) => c.toLowerCase())} Serial ${serial}.${crisis ? ' Walked through battery-pack restart.' : ''}${contact}`;
  if (channel === 'chat') return `Chat transcript. Customer: ${symptom}${contact}`;
  const greeting = rng.pick(['Hello,', 'Hi,', 'Hi Latchly team,', 'To whom it may concern,', '']);
  const closing = rng.pick([`Thanks,\n${person.first}`, `Regards,\n${person.first} ${person.last}`, person.first, '']);
  return [greeting, `${symptom} My serial number is ${serial}.${contact}`, closing].filter(Boolean).join('\n\n');
}

// ───────────────────────────── output ─────────────────────────────

function num(n: number | null): string {
  return n === null ? '' : String(n);
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

function crisisYaml(seed: number): string {
  return `# Synthetic crisis written by scripts/generate-sample-crisis.ts (seed ${seed}); see SOURCE.md.
# Regenerate with: npx tsx scripts/generate-sample-crisis.ts
title: Latchly smart-lock firmware lockout, October 2024 (synthetic)
shortTitle: Smart-lock lockout
brand:
  handles: [${Object.values(BRAND).filter((h, i, all) => all.findIndex((x) => x.toLowerCase() === h.toLowerCase()) === i).join(', ')}]
timezone: ${ZONE}
sla:
  firstResponseMinutes: 60
businessHours:
  days: [1, 2, 3, 4, 5]
  start: '09:00'
  end: '18:00'
# What the company did, from the incident channel (reports/smartlock-firmware-2024.mdx);
# times without an offset are in the crisis time zone (America/New_York).
events:
  - { at: '2024-10-08 14:00', kind: other, label: '4.2.0 announced: installs automatically overnight' }
  - { at: '2024-10-09 01:00', kind: other, label: 4.2.0 rolled out to all locks }
  - { at: '2024-10-09 12:20', kind: mitigated, label: Rollout paused }
  - { at: '2024-10-09 13:00', kind: other, label: Extra agents; evening cover until 23:00 }
  - { at: '2024-10-10 19:05', kind: fix, label: 4.2.1 fixes the lockout but drains batteries, faults: [lockout] }
  - { at: '2024-10-14 11:00', kind: fix, label: 4.2.2 fixes the battery drain, faults: [battery-drain] }
  - { at: '2024-10-14 15:00', kind: fix, label: Refunds for double charges, faults: [double-charge] }
  - { at: '2024-10-17 10:00', kind: statement, label: Public post-mortem with a \$50 credit }
sources:
  - file: posts.csv
    format: generic
    table: messages
  - file: tickets.json
    format: generic
    table: cases
    # JSON keys map by header synonyms (ticket_id, created_at, first_reply_at,
    # solved_at, closed_at, updated_at, status, category, product, channel,
    # description); these other keys are kept as case attributes.
    attributes: [subject, priority, tags, customer.plan, customer.state]
# kind: product unless it says service; ids of data/faults.yaml mean the same fault here.
faults:
  lockout:
    label: Locked out / lock won't open
    keywords: [locked out, lockout, locking people out, won't open, won't unlock, can't get in, deadbolt is stuck, stuck in the locked position, keypad rejects, keypad is dead, keypad not accepting, locksmith, bricked, lock will not open]
  battery-drain:
    label: Battery drains after the fix
    keywords: [battery drain, battery drained, batteries dead, eating batteries, low battery warning, drained my batteries, 100% to]
  app-offline:
    label: App says offline / bridge drops
    keywords: [offline, unresponsive, can't connect, bridge keeps dropping, bridge will not connect, app crashes, updating firmware]
  beeping:
    label: Constant beeping
    keywords: [beeping, beeps, chirping]
  double-charge:
    label: Charged twice for the replacement keypad
    keywords: [charged twice, billed twice, double charged, double charge, duplicate charge, two charges]
  unlocked-itself:
    label: Door unlocked by itself
    keywords: [unlocked itself, unlocked by itself, door was unlocked, opened overnight]
  fix-failed:
    label: The fix did not fix it
    keywords: [still broken, still no fix, didn't fix, did not fix, still not working, still will not open, won't install, update fails]
  # A service failure, not a product fault. The fault library (data/faults.yaml) defines it the same way; it is
  # spelled out here too so the crisis also analyses on its own (a browser upload, a single analyze).
  support-delay:
    label: Waiting for support
    kind: service
    # "still waiting" plainly too: here the posts are replies to @LatchlySupport, so a bare "Still waiting." is waiting for support.
    keywords: [no reply, no response, no answer, not answering, nobody answers, still waiting]
    # As in the library: otherwise waiting, holding and hanging up count only beside a word of support.
    context:
      - keywords: [still nothing]
        near: [reply, response, respond, answer, get back, hear back, heard back, call, called, email, dm, message,
          support, agent, someone, anyone, customer service, ticket, chat, callback, hours]
      - keywords: [on hold]
        near: [minutes, mins, min, hour, hours, ages, phone, call, called, calling, line, support, agent, rep,
          customer service, music, queue, someone, anyone, no one, nobody, wait, waiting]
      - keywords: [hangs up, hung up]
        near: [call, called, calling, phone, line, support, agent, rep, representative, supervisor, customer,
          me, on hold, transfer, transferring, transferred]
privacy:
  maskPersonalData: true
  pseudonymizeAuthors: false
`;
}

function sourceMd(s: Stats, scale: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const table = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `| ${k} | ${n(v)} |`).join('\n');
  const peak = (knots: [string, number][]) => Math.max(...knots.map(([, v]) => v));
  const c = SOCIAL_CAPACITY;
  const d = DESK_CAPACITY;
  const hm = (min: number) => (min < 120 ? `${min} min` : `${(min / 60).toFixed(1)} h`);
  return `# ${SLUG}: synthetic data

**Everything in this directory is synthetic.** "Latchly" is a made-up smart-lock
brand; every person, handle, post, ticket, e-mail address (\`example.com\`,
\`example.net\`, \`example.org\`) and phone number (the fictional \`555-01xx\`
range) was invented by \`scripts/generate-sample-crisis.ts\`. No real data was
used, so it may be shipped, shown and modified freely.

Regenerate (byte-identical for the same seed):

\`\`\`sh
npx tsx scripts/generate-sample-crisis.ts            # seed ${DEFAULT_SEED}, writes data/${SLUG}/
npx tsx scripts/generate-sample-crisis.ts --seed 7 --out /tmp/other-crisis
\`\`\`

This file, \`crisis.yaml\`, \`posts.csv\` and \`tickets.json\` are all written by the
script: edit the script, not the files (\`tests/scripts/generate-sample-crisis.test.ts\`
fails when they are stale). Seed: **${s.seed}**${scale === 1 ? '' : `, scale ${scale}`}.

## The story (America/New_York)

| when | what |
|---|---|
| Mon 7 – Tue 8 Oct | Baseline: a few posts an hour (setup questions, praise, the odd battery or bridge issue), answered within minutes in business hours. Tue 14:00 the brand announces that firmware 4.2.0 "installs automatically overnight". |
| Wed 9 Oct 01:00 | 4.2.0 installs. Locks stop answering the app and the keypad, beep, and lock people out. First lockout post ${s.firstComplaint}. |
| Wed 01:00–09:00 | **Night-time coverage gap**: social care works Mon–Fri 09:00–18:00, so nothing is answered until the two-person day shift starts; the first brand response is ${s.firstBrandResponse}. A Reddit PSA (06:38) and a megathread (08:12) fill up. |
| Wed 10:41 | A tech influencer's tweet goes viral (38k likes, 11k retweets). 12:20 rollout paused. 13:00 extra agents, evenings until 23:00. From 13:40 a copy-paste warning spreads on Facebook and Twitter. 17:32 local news. 21:30 "we're still here". |
| Thu 10 Oct 19:05 | Firmware 4.2.1 fixes the lockout, but drains batteries. |
| Fri 11 Oct | A free replacement keypad is offered at 10:30 and double-charged from 13:00. |
| Sat 12 – Sun 13 Oct | Weekend skeleton crew (10:00–18:00); the brand admits the double charge Sat 11:15. |
| Mon 14 Oct 11:00 | 4.2.2 fixes the battery drain; refunds issued 15:00. Back to business hours only. |
| Thu 17 Oct 10:00 | Public close-out post-mortem on every channel (opt-in updates, 24/7 support, $50 credit); reactions until the export ends at 20:00. |

## Files

- \`posts.csv\`: ${n(s.posts + s.exportOverlap)} rows, format \`generic\` → \`messages\`. Columns
  \`id, conversation_id, parent_id, created_at, channel, author, text, likes, shares, replies\`;
  times are ISO 8601 with the New York offset. Ids look like each platform's
  (Twitter snowflakes, Facebook \`page_post\` / \`post_comment\`, 17-digit Instagram
  ids, Reddit \`t3_\`/\`t1_\`). Replies carry \`parent_id\`; Twitter, Facebook and
  Reddit rows carry \`conversation_id\`, Instagram rows do not (their threads
  are rebuilt from \`parent_id\`; customer comments reply to the brand's posts).
  Twitter text keeps the API's HTML entities (\`&amp;\`, \`&gt;\`). Retweets have
  0 likes/shares of their own; \`replies\` counts the replies in the file plus,
  for the brand's and influencers' posts, replies the export did not include.
- \`tickets.json\`: ${n(s.tickets)} support tickets, one JSON object per line in one array, format
  \`generic\` → \`cases\`: \`ticket_id, created_at, first_reply_at, solved_at,
  closed_at, updated_at, status (new/open/pending/solved/closed), channel
  (email/web/chat/phone), category, product, priority, subject, description,
  tags, requester{name}, customer{plan,state}\`.

### Deliberate realism

- **Export overlap:** the social-listening tool exported in pages and repeated
  ${s.exportOverlap} rows at a page boundary${s.overlapLines ? ` (file lines ${n(s.overlapLines.first[0])}–${n(s.overlapLines.first[1])} reappear as lines ${n(s.overlapLines.repeat[0])}–${n(s.overlapLines.repeat[1])})` : ''}.
  Debrief counts them as exact duplicates in the ledger; ${n(s.posts)} distinct messages remain.
- About 2% of customer posts and 12% of tickets contain an e-mail address or a
  phone number (fictional) in their text, which the report must mask. Tickets
  carry the requester's name but no e-mail field (attributes are not masked).
- Copy-paste and retweet storms, influencers, repeat posters, customers who come
  back angrier ("still waiting", with the real number of hours), self-replies
  from customers nobody answered, canned brand replies signed with agent initials,
  DM invitations, apologies, "fixed" and "resolved" replies, thank-yous.

## Generator parameters

- PRNG: mulberry32, one stream per concern (volume, text, people, ids, care,
  engagement, tickets) forked from the seed with FNV-1a. No \`Math.random\`, no clock.
- Volume: customer root posts per hour = a piecewise-linear curve (${SOCIAL_KNOTS[0][1]}/h baseline,
  ${peak(SOCIAL_KNOTS)}/h at the Wednesday-afternoon peak, decaying through the weekend, a bump
  after the close-out) × a diurnal factor (${Math.min(...DIURNAL)} at 04:00 to ${Math.max(...DIURNAL)} at 19:00–20:00),
  Poisson-sampled; then retweets, the copy-paste storm, "same here" replies under
  influential posts, brand replies and the customers' reactions to them.
  Channel mix of customer posts during the crisis: Twitter 52%, Reddit 19% (mostly
  comments in four big threads), Facebook 18% (half visitor posts, half comments
  on the brand's posts), Instagram 11% (comments on the brand's posts). The fault
  mix changes by phase: lockout / offline / beeping → fix failed / battery drain →
  double charge → close-out reactions.
- Social care: a minute-by-minute queue; angry follow-ups first, then a third of
  the time the newest post (the live feed) and otherwise the oldest (the backlog).
  Replies per hour: ${c.beforeSurge} in business hours until Wed 13:00; then ${c.surgeDay} in business
  hours, ${c.surgeEvening} evenings 18:00–23:00, ${c.weekend} weekends 10:00–18:00; from Mon 14 Oct
  ${c.afterCrisis} in business hours; **none at night**. Posts unanswered for 20 h are dropped;
  a quarter of customers post "still waiting" after about 5 h without an answer.
- Tickets: Poisson arrivals (${TICKET_KNOTS[0][1]}/h baseline, ${peak(TICKET_KNOTS)}/h at the peak); chat and phone
  are answered live, e-mail and web wait for the desk (first answers per hour:
  ${d.beforeSurge} before the surge, then ${d.surgeDay} in business hours, ${d.surgeEvening} evenings, ${d.weekend} weekends, none at
  night; ${d.afterCrisis} from Mon 14 Oct). Solved after the fix for their fault; closed 4 days
  after solving; otherwise pending/open/new when the export ends.

## What this seed produced

| posts by channel | rows |
|---|---|
${table(s.byChannel)}

| posts by kind | rows |
|---|---|
${table(s.byKind)}

- Peak hour: ${s.peakHour.hour}, ${n(s.peakHour.posts)} posts.
- Brand replies: ${n(s.brandReplies)}; customer posts that needed an answer and never got one: ${n(s.unanswered)}.
- Median wait for the brand's first reply to a customer post: ${hm(s.medianReplyMinutes.business)} when posted in business hours
  (${hm(s.medianReplyMinutes.wednesdayBusiness)} on Wednesday 9 October), ${hm(s.medianReplyMinutes.outside)} when posted outside them.
`;
}

/** Writes the crisis directory; returns what was written. */
export function writeCrisis(outDir: string, options: GeneratorOptions = {}): GeneratedCrisis {
  const result = generateCrisis(options);
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of Object.entries(result.files)) writeFileSync(path.join(outDir, name), content);
  return result;
}

function main(argv: string[]): void {
  let seed = DEFAULT_SEED;
  let out = DEFAULT_OUT;
  let scale = 1;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seed') seed = Number(argv[++i]);
    else if (argv[i] === '--out') out = path.resolve(argv[++i]);
    else if (argv[i] === '--scale') scale = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (use --seed N, --out DIR, --scale X)`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error('--seed must be an integer from 0 to 4294967295');
  if (!(scale > 0)) throw new Error('--scale must be positive');
  const { stats } = writeCrisis(out, { seed, scale });
  console.log(`generate-sample-crisis: seed ${seed} → ${path.relative(process.cwd(), out) || '.'}: ${stats.posts} posts (+${stats.exportOverlap} overlap rows), ${stats.tickets} tickets; peak ${stats.peakHour.posts} posts in the hour from ${stats.peakHour.hour}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main(process.argv.slice(2));
