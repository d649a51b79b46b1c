/**
 * A realistic crisis for the end-to-end benchmark (bench/e2e.ts): a twcs-format
 * `posts.csv` of N posts plus a `crisis.yaml`, seeded and deterministic.
 *
 * Texts are real customer-support tweets from ../shared/data (TWCS and the
 * airline-sentiment set) with their @handles stripped, cut into sentences and
 * recombined (sentences of different tweets joined, small variations), so most
 * texts are distinct, as in a real flood; retweets ("RT @x: …") and copy-paste
 * campaigns supply the repeats. Structure: customer root posts, threads of
 * brand replies and customer follow-ups (in_response_to / response ids), other
 * customers piling on, a quiet baseline of 2.5 days, then a surge (×25 at its
 * peak) decaying over days. Without ../shared/data a small built-in word list
 * stands in, and the stats say so: that fallback is not realistic.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, openSync, writeSync, closeSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../src/analysis/random.ts';

/** Bump when the output changes, so bench/e2e.ts does not reuse an older file. */
export const GENERATOR_VERSION = 1;

export const BRAND_HANDLES = ['NimbusAirHelp', 'NimbusAir'] as const;

export interface RealisticCrisisOptions {
  /** Rows of posts.csv (default 1,000,000). */
  posts?: number;
  seed?: number;
  /** Where the real tweets are (default ../shared/data beside the project). */
  sharedDataDir?: string;
}

export interface RealisticCrisisStats {
  posts: number;
  distinctTexts: number;
  /** distinctTexts / posts. */
  distinctShare: number;
  customerPosts: number;
  brandPosts: number;
  retweets: number;
  copyPastes: number;
  /** Root posts that got at least one reply. */
  threads: number;
  /** Where the texts come from, e.g. "real tweets of ../shared/data (…)" or the fallback's label. */
  source: string;
  realTexts: boolean;
  start: string;
  surgeOnset: string;
  end: string;
  bytes: number;
  seconds: number;
}

interface Corpus {
  /** Customer sentences (handles stripped), all topics. */
  customer: string[];
  /** Customer sentences about the surge's topics (cancellations, delays, outages, refunds, waiting). */
  surge: string[];
  /** Short customer sentences, for pile-on replies. */
  short: string[];
  /** Brand reply sentences, and whole replies. */
  brandSentences: string[];
  brandReplies: string[];
  hashtags: string[];
  label: string;
  real: boolean;
}

interface Row {
  id: number;
  author: string;
  inbound: boolean;
  at: number;
  text: string;
  /** Index of the parent within the thread, -1 for the root. */
  parent: number;
}

const HOUR = 3_600_000;
const START = Date.UTC(2017, 10, 6); // Mon 6 Nov 2017, inside TWCS's months
const BASELINE_HOURS = 60;
const RAMP_HOURS = 3;
const PEAK = 24; // ×25 the baseline at the peak
const HALF_LIFE_HOURS = 14;
const TOTAL_HOURS = 8 * 24;
const LOCAL_OFFSET_HOURS = -5; // America/New_York in November (EST)

/** Writes `posts.csv` and `crisis.yaml` into `dir`; returns what was written. */
export function writeRealisticCrisis(dir: string, options: RealisticCrisisOptions = {}): RealisticCrisisStats {
  const started = performance.now();
  const posts = options.posts ?? 1_000_000;
  const seed = options.seed ?? 20171108;
  const shared = options.sharedDataDir ?? path.resolve(import.meta.dirname, '../../shared/data');
  const corpus = loadCorpus(shared);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'posts.csv');
  const stats = writePosts(file, posts, seed, corpus);
  writeFileSync(path.join(dir, 'crisis.yaml'), crisisYaml(posts, seed, corpus.label));
  return { ...stats, bytes: statSync(file).size, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------- the corpus

/** Enough of RFC 4180 for the shared exports: quotes, doubled quotes, newlines in fields, a BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
// The brands of the source tweets become the benchmark's brand, so the recombined texts talk about one company.
const OTHER_BRANDS = /\b(United Airlines|United|American Airlines|AmericanAir|US ?Airways|USAir|Southwest|Delta|British Airways|Virgin America|JetBlue|AirAsia)\b/gi;
const SURGE_TOPICS = /cancel|delay|late|stuck|strand|refund|on hold|hold for|system|outage|is down|crash|rebook|missed|connection|gate|waiting|wait|hours|nobody|no one|answer|app/i;

/** Sentences of real tweets, handles stripped; falls back to the built-in word list when `dir` is missing. */
function loadCorpus(dir: string): Corpus {
  const customer: string[] = [];
  const brand: string[] = [];
  const hashtags = new Set<string>();
  const files: string[] = [];
  for (const sub of ['twcs-head-5k', 'twcs-random-5k', 'twcs-brand-replies', 'airline-sentiment']) {
    const d = path.join(dir, sub);
    if (existsSync(d)) for (const f of readdirSync(d).sort()) if (f.endsWith('.csv')) files.push(path.join(d, f));
  }
  for (const f of files) {
    const [header, ...rows] = parseCsv(readFileSync(f, 'utf8'));
    const text = header.indexOf('text');
    const inbound = header.indexOf('inbound');
    for (const r of rows) {
      if (r.length !== header.length || !r[text]) continue; // a broken record of the source (see its SOURCE.md)
      const isBrand = inbound >= 0 && /^false$/i.test(r[inbound]);
      const t = cleanTweet(r[text]);
      for (const tag of t.match(/#\w{3,}/g) ?? []) hashtags.add(tag);
      if (t.split(' ').length >= 3) (isBrand ? brand : customer).push(t);
    }
  }
  if (customer.length < 1000 || brand.length < 200) return builtinCorpus(`${dir} not found`);
  const sentences = customer.flatMap(splitSentences);
  const brandSentences = brand.flatMap(splitSentences);
  return {
    customer: sentences,
    surge: sentences.filter((s) => SURGE_TOPICS.test(s)),
    short: sentences.filter((s) => s.split(' ').length <= 6),
    brandSentences,
    brandReplies: brand,
    hashtags: [...hashtags].sort(),
    label: `real tweets of ${path.relative(process.cwd(), dir) || dir} (${files.length} files: ${customer.length.toLocaleString('en-US')} customer and ${brand.length.toLocaleString('en-US')} brand tweets), recombined`,
    real: true,
  };
}

function cleanTweet(text: string): string {
  return text
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!)
    .replace(/^RT\s+/, '')
    .replace(/\.?@\w+:?/g, ' ') // handles are added back as generated ones
    .replace(OTHER_BRANDS, 'Nimbus')
    .replace(/\s+/g, ' ')
    .trim();
}

function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?…])\s+/).filter((s) => /\p{L}{2,}.*\p{L}{2,}/u.test(s));
}

/** The fallback: clearly not real tweets, but combinatorial enough that texts are distinct. */
function builtinCorpus(why: string): Corpus {
  const rand = mulberry32(1);
  const pick = <T>(l: readonly T[]) => l[Math.floor(rand() * l.length)]!;
  const who = ['my flight', 'the app', 'my bag', 'the website', 'my refund', 'my booking', 'customer service', 'my connection', 'the wifi', 'my seat', 'the gate', 'my card'];
  const what = ['was cancelled', 'is delayed again', 'keeps crashing', 'never arrived', 'is stuck', 'was charged twice', 'is down', 'has been on hold', 'was lost', 'is not working', 'got rebooked wrong', 'vanished'];
  const when = ['today', 'this morning', 'for 3 hours', 'since yesterday', 'twice now', 'at the airport', 'right before boarding', 'all week', 'again', 'tonight'];
  const feel = ['so frustrated', 'unacceptable', 'please help', 'any update?', 'ridiculous', 'thanks for nothing', 'what is going on', 'I give up', 'seriously', 'come on'];
  const customer = Array.from({ length: 20_000 }, () => `${pick(who)} ${pick(what)} ${pick(when)}, ${pick(feel)}.`.replace(/^./, (c) => c.toUpperCase()));
  const brandSentences = ['We are sorry for the trouble.', 'Please DM us your booking reference.', 'Our team is working on it.', 'Thanks for your patience.', 'We can help with a refund.', 'Could you send us more details?'];
  return {
    customer,
    surge: customer.filter((s) => SURGE_TOPICS.test(s)),
    short: ['Same here.', 'Me too!', 'Any update?', 'Still waiting.', 'This again.'],
    brandSentences,
    brandReplies: brandSentences,
    hashtags: ['#travel', '#fail', '#help'],
    label: `BUILT-IN WORD LIST (${why}): templated, NOT realistic texts`,
    real: false,
  };
}

// ---------------------------------------------------------------- the flood

/** Volume relative to a quiet hour's: diurnal, ×(1 + surge) after the onset. */
function surgeFactor(hours: number): number {
  const since = hours - BASELINE_HOURS;
  if (since < 0) return 0;
  return since < RAMP_HOURS ? (PEAK * since) / RAMP_HOURS : PEAK * 0.5 ** ((since - RAMP_HOURS) / HALF_LIFE_HOURS);
}

function diurnal(hours: number): number {
  const local = (((hours + LOCAL_OFFSET_HOURS) % 24) + 24) % 24;
  return Math.max(0.15, Math.sin((Math.PI * (local - 6)) / 18));
}

function writePosts(file: string, n: number, seed: number, corpus: Corpus) {
  const rand = mulberry32(seed);
  const pick = <T>(l: readonly T[]) => l[Math.floor(rand() * l.length)]!;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const lognormal = (median: number, sigma: number) => median * Math.exp(sigma * gauss());
  const weights = Array.from({ length: TOTAL_HOURS }, (_, h) => diurnal(h + 0.5) * (1 + surgeFactor(h + 0.5)));
  const total = weights.reduce((a, b) => a + b, 0);
  const fd = openSync(file, 'w');
  let buffer = 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n';
  const seen = new Set<string>();
  const stats = { posts: 0, customerPosts: 0, brandPosts: 0, retweets: 0, copyPastes: 0, threads: 0 };
  let nextId = 1_000_001;
  let nextAuthor = 120_000;
  const recentAuthors: string[] = [];
  const viral: { author: string; text: string }[] = [];
  // A copy-paste campaign: a few complaints many people post word for word.
  const campaign = Array.from({ length: 40 }, () => `${compose(2, true)} #NimbusDown`);

  function mention(): string {
    return rand() < 0.8 ? '@NimbusAirHelp' : '@NimbusAir';
  }
  /** `k` sentences of different tweets, with a tweet's small variations. */
  function compose(k: number, surge: boolean): string {
    const parts = Array.from({ length: k }, (_, i) => pick(i === 0 && surge && rand() < 0.6 ? corpus.surge : corpus.customer));
    let t = parts.join(rand() < 0.03 ? '\n' : ' ');
    const r = rand();
    if (r < 0.08) t = t.toLowerCase();
    else if (r < 0.1) t = t.toUpperCase();
    if (rand() < 0.08) t += ` ${pick(corpus.hashtags)}`;
    if (surge && rand() < 0.12) t += ` ${pick(['#NimbusDown', '#NimbusOutage', '#nimbusfail', '#stranded'])}`;
    if (rand() < 0.08) t += ` ${pick(['😡', '🙄', '😤', '😭', '🤬', '👎', '😩😩', '🙏'])}`;
    if (rand() < 0.04) t += pick(['!!!', '??', ' ...', ' smh']);
    return t;
  }
  function customerText(surge: boolean, who: string): string {
    const k = rand() < 0.15 ? 1 : rand() < 0.8 ? 2 : 3;
    const body = compose(k, surge);
    const r = rand();
    const t = r < 0.72 ? `${mention()} ${body}` : r < 0.87 ? `${body} ${mention()}` : body;
    const other = recentAuthors.length ? pick(recentAuthors) : who;
    return clip(rand() < 0.06 && other !== who ? `@${other} ${t}` : t, 280);
  }
  function brandText(customer: string): string {
    const body = rand() < 0.7 ? pick(corpus.brandReplies) : `${pick(corpus.brandSentences)} ${pick(corpus.brandSentences)}`;
    return clip(`@${customer} ${body}`, 280);
  }
  function author(): string {
    if (recentAuthors.length > 50 && rand() < 0.3) return pick(recentAuthors);
    const a = String(nextAuthor++);
    if (recentAuthors.length < 5000) recentAuthors.push(a);
    else recentAuthors[Math.floor(rand() * recentAuthors.length)] = a;
    return a;
  }

  /** One root post and its thread, in causal order. */
  function thread(at: number, load: number): Row[] {
    const surge = load > 3;
    const who = author();
    const rows: Row[] = [];
    const r = rand();
    const rtShare = surge ? 0.1 : 0.02;
    if (r < rtShare && viral.length) {
      // Retweets of a few viral complaints: identical texts, the first few far more than the rest.
      const v = viral[Math.floor(viral.length * rand() ** 3)]!;
      rows.push({ id: 0, author: who, inbound: true, at, text: clip(`RT @${v.author}: ${v.text}`, 140), parent: -1 });
      stats.retweets++;
      return rows;
    }
    if (surge && r < rtShare + 0.04) {
      rows.push({ id: 0, author: who, inbound: true, at, text: `${mention()} ${pick(campaign)}`, parent: -1 });
      stats.copyPastes++;
      return rows;
    }
    const text = customerText(surge, who);
    rows.push({ id: 0, author: who, inbound: true, at, text, parent: -1 });
    if (surge && viral.length < 300 && rand() < 0.003) viral.push({ author: who, text });
    // Others pile on under the root.
    const pile = rand() < (surge ? 0.12 : 0.04) ? 1 + Math.floor(rand() * 3) : 0;
    for (let i = 0; i < pile; i++) {
      const body = rand() < 0.5 ? pick(corpus.short) : compose(1, surge);
      rows.push({ id: 0, author: author(), inbound: true, at: at + lognormal(20, 1.2) * 60_000, text: clip(`@${who} ${mention()} ${body}`, 280), parent: 0 });
    }
    // The brand answers fewer and later as the flood grows; some conversations go back and forth.
    let last = 0;
    let p = 0.65 / (1 + load / 6);
    let t = at;
    while (rand() < p && rows.length < 12) {
      t += lognormal(12 * (1 + load / 3), 0.9) * 60_000;
      rows.push({ id: 0, author: rand() < 0.95 ? 'NimbusAirHelp' : 'NimbusAir', inbound: false, at: t, text: brandText(who), parent: last });
      last = rows.length - 1;
      if (rand() > 0.55) break;
      t += lognormal(8, 1) * 60_000;
      rows.push({ id: 0, author: who, inbound: true, at: t, text: clip(`${mention()} ${compose(rand() < 0.6 ? 1 : 2, surge)}`, 280), parent: last });
      last = rows.length - 1;
      p = 0.8;
    }
    return rows;
  }

  function write(rows: Row[]): void {
    for (const row of rows) row.id = nextId++;
    const children = rows.map(() => [] as number[]);
    rows.forEach((row) => row.parent >= 0 && children[row.parent]!.push(row.id));
    if (rows.length > 1) stats.threads++;
    for (const [i, row] of rows.entries()) {
      const parent = row.parent >= 0 ? String(rows[row.parent]!.id) : '';
      const responses = children[i]!.join(',');
      buffer += `${row.id},${row.author},${row.inbound ? 'True' : 'False'},${twitterDate(row.at)},${csvQuote(row.text)},${responses.includes(',') ? `"${responses}"` : responses},${parent}\n`;
      seen.add(row.text);
      stats[row.inbound ? 'customerPosts' : 'brandPosts']++;
    }
    stats.posts += rows.length;
    if (buffer.length > 1 << 20) writeSync(fd, buffer), (buffer = '');
  }

  // Each hour gets its share of posts: root threads are started until the running total reaches the hour's target.
  let target = 0;
  for (let h = 0; h < TOTAL_HOURS && stats.posts < n; h++) {
    target = h === TOTAL_HOURS - 1 ? n : Math.min(n, target + (n * weights[h]!) / total);
    const load = 1 + surgeFactor(h + 0.5);
    while (stats.posts < target) {
      // A thread cut at N keeps its first rows: parents come before their replies.
      write(thread(START + (h + rand()) * HOUR, load).slice(0, n - stats.posts));
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  return {
    ...stats,
    distinctTexts: seen.size,
    distinctShare: seen.size / stats.posts,
    source: corpus.label,
    realTexts: corpus.real,
    start: new Date(START).toISOString(),
    surgeOnset: new Date(START + BASELINE_HOURS * HOUR).toISOString(),
    end: new Date(START + TOTAL_HOURS * HOUR).toISOString(),
  };
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

function csvQuote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Twitter's `Tue Oct 31 22:10:47 +0000 2017`, as TWCS has it. */
function twitterDate(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const p = (v: number) => String(v).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
}

// ---------------------------------------------------------------- crisis.yaml

function crisisYaml(posts: number, seed: number, source: string): string {
  const faults: [string, string, string[]][] = [
    ['cancellations', 'Flights cancelled', ['cancelled', 'canceled', 'cancellation', 'cancelled flight', 'flight cancelled', 'cancel my flight']],
    ['delays', 'Delays and missed connections', ['delayed', 'delay', 'delays', 'late flight', 'tarmac', 'missed my connection', 'missed connection', 'stuck at the gate', 'stranded']],
    ['baggage', 'Lost or damaged baggage', ['lost bag', 'lost luggage', 'baggage', 'luggage', 'suitcase', 'baggage claim', 'damaged bag']],
    ['refunds-charges', 'Refunds, fees and charges', ['refund', 'charged', 'charged twice', 'fee', 'fees', 'money back', 'voucher', 'compensation', 'billing']],
    ['rebooking', 'Rebooking and reservations', ['rebook', 'rebooked', 'rebooking', 'reservation', 'change my flight', 'booking', 'seat assignment', 'upgrade']],
    ['app-website', 'App, website or system down', ['app', 'website', 'crash', 'crashes', 'crashing', 'error message', 'outage', 'system down', 'not working', 'update', 'log in', 'login', 'password']],
    ['support-wait', 'Cannot reach support', ['on hold', 'hung up', 'no response', 'no answer', 'nobody', 'no one', 'customer service', 'call back', 'still waiting', 'hours on the phone']],
    ['staff', 'Staff and crew behaviour', ['rude', 'gate agent', 'flight attendant', 'crew', 'staff', 'attitude', 'employee']],
    ['connectivity', 'Wi-Fi and connection problems', ['wifi', 'wi-fi', 'internet', 'no signal', 'connection dropped', 'no service']],
  ];
  const list = (ks: string[]) => `[${ks.map((k) => JSON.stringify(k)).join(', ')}]`;
  return `# Benchmark crisis written by bench/realistic-crisis.ts (generator v${GENERATOR_VERSION}, seed ${seed}, ${posts} posts).
# Texts: ${source}.
# Not a real incident: only for \`npm run bench -- --e2e\`.
title: Nimbus Air booking-system outage (benchmark, synthetic)
brand:
  handles: [${BRAND_HANDLES.join(', ')}]
timezone: America/New_York
sla:
  firstResponseMinutes: 60
businessHours:
  days: [1, 2, 3, 4, 5, 6, 7]
  start: '06:00'
  end: '23:00'
sources:
  - file: posts.csv
    format: twcs
faults:
${faults.map(([id, label, ks]) => `  ${id}:\n    label: ${label}\n    keywords: ${list(ks)}`).join('\n')}
privacy:
  maskPersonalData: true
  pseudonymizeAuthors: false
`;
}
