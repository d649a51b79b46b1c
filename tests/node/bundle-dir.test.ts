/**
 * Bundles on disk are replaced whole: a failed or killed write leaves the
 * previous bundle as it was, files of an earlier run never survive beside a
 * new one, a directory of someone else's files is refused, and two writers
 * of one directory take turns.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifest, writeBundleDir } from '../../src/node/bundle-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-bundle-dir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A complete bundle's files all match its manifest. */
function intact(dir: string): boolean {
  const manifest = readManifest(dir);
  if (!manifest) return false;
  const names = readdirSync(dir).filter((n) => n !== 'manifest.json').sort();
  if (names.join() !== manifest.files.map((f) => f.name).join()) return false;
  return manifest.files.every((f) => createHash('sha256').update(readFileSync(path.join(dir, f.name))).digest('hex') === f.sha256);
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
type Sink = Parameters<Parameters<typeof writeBundleDir>[1]>[0];
const fakeBundle = (files: Record<string, string>) => async (sink: Sink) => {
  for (const [name, content] of Object.entries(files)) await sink.write(name, [content]);
  const manifest = { files: Object.entries(files).map(([name, c]) => ({ name, bytes: c.length, sha256: sha(c) })).sort((a, b) => (a.name < b.name ? -1 : 1)) };
  await sink.write('manifest.json', [JSON.stringify(manifest)]);
};

describe('writeBundleDir', () => {
  it('replaces the whole bundle: a file of the previous run does not survive', async () => {
    const dir = path.join(tmp, 'replace');
    await writeBundleDir(dir, fakeBundle({ 'report.json': '{"a":1}', 'cases.csv': 'id\n1\n' }));
    await writeBundleDir(dir, fakeBundle({ 'report.json': '{"a":2}' }));
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'report.json']);
    expect(intact(dir)).toBe(true);
    expect(readdirSync(tmp).filter((n) => n.startsWith('replace.'))).toEqual([]);
  });

  it('leaves the previous bundle intact when a write fails, and names the file', async () => {
    const dir = path.join(tmp, 'fail');
    await writeBundleDir(dir, fakeBundle({ 'report.json': '{"old":true}' }));
    const failing = async (sink: Sink) => {
      await sink.write('report.json', ['{"new":true}']);
      await sink.write('sub/messages.csv', ['x']); // no such directory: the write fails
    };
    await expect(writeBundleDir(dir, failing)).rejects.toThrow(/cannot write .*fail\/sub\/messages\.csv \(ENOENT\).*previous bundle is left as it was/);
    expect(readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe('{"old":true}');
    expect(intact(dir)).toBe(true);
    expect(readdirSync(tmp).filter((n) => n.startsWith('fail.'))).toEqual([]);
  });

  it.skipIf(!existsSync('/dev/full'))('on a full disk, names the file, says the disk is full and what to do, and keeps the previous bundle', async () => {
    const dir = path.join(tmp, 'full');
    await writeBundleDir(dir, fakeBundle({ 'report.json': '{"old":true}' }));
    const onFullDisk = async (sink: Sink) => {
      // The file the sink is about to write is a link to /dev/full: writing it fails with ENOSPC, as on a full disk.
      symlinkSync('/dev/full', path.join(`${dir}.partial-${process.pid}`, 'messages.csv'));
      await sink.write('messages.csv', ['id\n1\n']);
    };
    await expect(writeBundleDir(dir, onFullDisk)).rejects.toThrow(
      `cannot write ${path.join(dir, 'messages.csv')} (ENOSPC): the disk is full: free some disk space or choose another output directory; the previous bundle is left as it was`,
    );
    expect(readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe('{"old":true}');
    expect(readdirSync(tmp).filter((n) => n.startsWith('full.'))).toEqual([]);
  });

  it('names the directory it cannot create, and what to do', async () => {
    const file = path.join(tmp, 'plain-file');
    writeFileSync(file, 'x');
    await expect(writeBundleDir(path.join(file, 'out', 'bundle'), fakeBundle({ 'report.json': '{}' }))).rejects.toThrow(`cannot create ${path.join(file, 'out')} (ENOTDIR): choose another output directory`);
  });

  it('replaces a bundle holding files its manifest lists beyond the fixed names (full lists)', async () => {
    const dir = path.join(tmp, 'lists');
    await writeBundleDir(dir, fakeBundle({ 'report.json': '{"a":1}', 'list-authors.csv': 'author\nx\n' }));
    await writeBundleDir(dir, fakeBundle({ 'report.json': '{"a":2}' }));
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'report.json']);
  });

  it("refuses a directory holding files Debrief did not write", async () => {
    const dir = path.join(tmp, 'foreign');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'thesis.docx'), 'precious');
    await expect(writeBundleDir(dir, fakeBundle({ 'report.json': '{}' }))).rejects.toThrow(/holds files Debrief did not write \(thesis\.docx\)/);
    expect(readFileSync(path.join(dir, 'thesis.docx'), 'utf8')).toBe('precious');
  });

  it('lets two writers of one directory take turns', async () => {
    const dir = path.join(tmp, 'turns');
    const slow = (tag: string) => async (sink: Sink) => {
      await sink.write('report.json', [tag]);
      await new Promise((r) => setTimeout(r, 300));
      await fakeBundle({ 'report.json': tag, [`${tag}.csv`]: tag })(sink);
    };
    const waits: string[] = [];
    // Either may take the lock first: whichever comes second waits, once.
    await Promise.all([writeBundleDir(dir, slow('a'), { onWait: (m) => waits.push(m) }), writeBundleDir(dir, slow('b'), { onWait: (m) => waits.push(m) })]);
    expect(waits.length).toBe(1);
    expect(intact(dir)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.csv')).length).toBe(1);
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('waits on a lock file whose writer has not written its pid yet, and takes over one left empty long ago', async () => {
    // The moment between a writer creating its lock and writing its pid: taking that lock over ran two writers at once.
    const dir = path.join(tmp, 'empty-lock');
    writeFileSync(`${dir}.lock`, '');
    setTimeout(() => writeFileSync(`${dir}.lock`, `${process.pid}\n`), 150);
    setTimeout(() => rmSync(`${dir}.lock`), 450);
    const waits: string[] = [];
    const started = Date.now();
    await writeBundleDir(dir, fakeBundle({ 'report.json': 'x' }), { onWait: (m) => waits.push(m) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(440);
    expect(waits).toEqual([`waiting for another debrief (pid ${process.pid}) writing ${dir}`]);
    // Empty for a minute: its writer died between creating and writing it.
    writeFileSync(`${dir}.lock`, '');
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(`${dir}.lock`, minuteAgo, minuteAgo);
    await writeBundleDir(dir, fakeBundle({ 'report.json': 'y' }));
    expect(readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe('y');
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});

describe('debrief analyze killed while writing', () => {
  it('leaves the previous bundle or the new one, never a mix', async () => {
    const out = path.join(tmp, 'killed');
    const crisis = path.join(ROOT, 'data/cfpb-credit-bureaus-2019');
    // The bundle is written by the analysis process `debrief analyze` starts (src/node/analysis-process.ts), under its own pid.
    const partial = () => readdirSync(tmp).some((n) => n.startsWith('killed.partial-'));
    /**
     * Runs analyze; with `killAfterMs`, kills it that long after it starts writing its bundle (the partial directory
     * appears): the whole process group, debrief and its analysis process, as Ctrl-C or a killed terminal would.
     */
    const run = (killAfterMs?: number) =>
      new Promise<{ code: number | null; killedWhileWriting: boolean }>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, 'bin/debrief.mjs'), 'analyze', crisis, '--out', out, '--quiet', '--workers', '0'], { stdio: 'ignore', detached: true });
        let killedWhileWriting = false;
        const poll = setInterval(() => {
          if (killAfterMs === undefined || !partial()) return;
          clearInterval(poll);
          setTimeout(() => {
            killedWhileWriting = partial();
            try {
              process.kill(-child.pid!, 'SIGKILL');
            } catch {
              // The run had finished: nothing left to kill.
            }
          }, killAfterMs);
        }, 2);
        child.on('exit', (code) => {
          clearInterval(poll);
          resolve({ code, killedWhileWriting });
        });
      });
    expect((await run()).code).toBe(0);
    const first = readFileSync(path.join(out, 'manifest.json'), 'utf8');
    expect(intact(out)).toBe(true);
    let whileWriting = 0;
    for (const ms of [0, 10, 40]) {
      const r = await run(ms);
      if (r.killedWhileWriting) whileWriting++;
      expect(intact(out), `killed ${ms} ms into writing`).toBe(true);
      expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(first);
    }
    // The kills must really have hit the write phase for this test to mean anything.
    expect(whileWriting).toBeGreaterThanOrEqual(2);
    // A killed writer's lock and partial directory do not block or survive the next run.
    expect((await run()).code).toBe(0);
    expect(intact(out)).toBe(true);
    expect(readdirSync(tmp).filter((n) => n.startsWith('killed.'))).toEqual([]);
  }, 120_000);
});
