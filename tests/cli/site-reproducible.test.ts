/**
 * The same input builds the same site, byte for byte: no absolute path, no clock but the build date
 * (SOURCE_DATE_EPOCH here), and nothing of Astro's own (content-assets.mjs, content-modules.mjs) left in dist/.
 * Two builds of the sample crises into two output directories, bundles shared (cached after the first), and a third
 * with Astro as it comes (DEBRIEF_PLAIN_ASTRO=1: no compile cache, no bundled config, Astro's runtime bundled). After
 * an edit of a notebook's text alone, a build renders that page alone, and the site is the bytes of a whole build.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-reproducible-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file below `dir` (relative path → bytes), sorted. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

const build = (out: string, env: NodeJS.ProcessEnv = {}) =>
  promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/debrief.mjs'), 'build', '--quiet'], {
    cwd: ROOT,
    // 2024-10-21T12:00:00Z: the build date, so that two builds either side of midnight agree too.
    env: { ...process.env, DEBRIEF_OUT_DIR: out, SOURCE_DATE_EPOCH: '1729512000', DEBRIEF_BASE: '', DEBRIEF_DATA_DIR: '', DEBRIEF_PLAIN_ASTRO: '', ...env },
    maxBuffer: 64 << 20,
  });

describe('debrief build, twice on the same input', () => {
  it('writes byte-identical sites, with no absolute path and no stray server module', async () => {
    const [a, b] = [path.join(tmp, 'a'), path.join(tmp, 'b')];
    await build(a);
    await build(b);
    const first = files(a);
    const second = files(b);
    expect([...second.keys()]).toEqual([...first.keys()]);
    const differing = [...first].filter(([name, bytes]) => !bytes.equals(second.get(name)!)).map(([name]) => name);
    expect(differing).toEqual([]);
    expect([...first.keys()].filter((n) => n.endsWith('.mjs'))).toEqual([]);
    // Neither output directory, the project nor the temporary directory appears in any file.
    const leaks = [...second].filter(([, bytes]) => [ROOT, tmp, b].some((p) => bytes.includes(p))).map(([name]) => name);
    expect(leaks).toEqual([]);
    const stamp = JSON.parse(first.get('.debrief-build.json')!.toString('utf8'));
    // Every crisis of data/ with its input key, in slug order.
    const slugs = readdirSync(path.join(ROOT, 'data')).filter((d) => statSync(path.join(ROOT, 'data', d)).isDirectory()).sort();
    expect(stamp).toMatchObject({ base: '/', buildDate: '2024-10-21' });
    expect(stamp.crises.map((c: { slug: string }) => c.slug)).toEqual(slugs);
    for (const c of stamp.crises) expect(c.inputKey).toMatch(/^[0-9a-f]{64}$/);
    const digest = createHash('sha256');
    for (const [name, bytes] of first) digest.update(name).update(bytes);
    console.info(`[reproducible] ${first.size} files, sha256 of the site ${digest.digest('hex').slice(0, 16)}…`);
    // Astro as it comes gives the same bytes: the compile cache, the bundled config and the unbundled runtime change none.
    const plain = path.join(tmp, 'plain');
    await build(plain, { DEBRIEF_PLAIN_ASTRO: '1' });
    const third = files(plain);
    expect([...third.keys()]).toEqual([...first.keys()]);
    expect([...first].filter(([name, bytes]) => !bytes.equals(third.get(name)!)).map(([name]) => name)).toEqual([]);
  }, 900_000);

  it('renders only the page of a notebook edited since the last build, and the site is then the bytes of a whole build', async () => {
    const [a, b] = [path.join(tmp, 'a'), path.join(tmp, 'b')];
    const slug = 'smartlock-firmware-2024';
    // As if reports/<slug>.mdx had been edited after `a` was built: its stamp records another body.
    const stampFile = path.join(a, '.debrief-build.json');
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    stamp.sources.notebooks[`reports/${slug}.mdx`].body = '0'.repeat(64);
    writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
    writeFileSync(path.join(a, slug, 'index.html'), 'the page before the edit');
    writeFileSync(path.join(a, slug, 'data', 'sql-0000000000.csv'), 'a SQL cell the edit removed\n');
    // Another page: a whole build would write it again, a notebook rebuild leaves it.
    appendFileSync(path.join(a, 'faults', 'index.html'), '<!-- untouched -->');
    await build(a);
    expect(readFileSync(path.join(a, 'faults', 'index.html'), 'utf8').endsWith('<!-- untouched -->')).toBe(true);
    writeFileSync(path.join(a, 'faults', 'index.html'), readFileSync(path.join(b, 'faults', 'index.html')));
    const rebuilt = files(a);
    const whole = files(b);
    expect([...rebuilt.keys()]).toEqual([...whole.keys()]);
    expect([...whole].filter(([name, bytes]) => !bytes.equals(rebuilt.get(name)!)).map(([name]) => name)).toEqual([]);
  }, 600_000);

  it('renders nothing when nothing changed, unless a page of the site is missing', async () => {
    const a = path.join(tmp, 'a');
    appendFileSync(path.join(a, 'faults', 'index.html'), '<!-- untouched -->');
    await build(a);
    expect(readFileSync(path.join(a, 'faults', 'index.html'), 'utf8').endsWith('<!-- untouched -->')).toBe(true);
    // A site someone pruned is built again, whole.
    rmSync(path.join(a, 'smartlock-firmware-2024', 'index.html'));
    await build(a);
    expect(existsSync(path.join(a, 'smartlock-firmware-2024', 'index.html'))).toBe(true);
    expect(readFileSync(path.join(a, 'faults', 'index.html'), 'utf8').endsWith('<!-- untouched -->')).toBe(false);
  }, 600_000);
});
