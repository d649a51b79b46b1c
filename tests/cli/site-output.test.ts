/**
 * The site's output directory is replaced whole (cli/site-output.ts): a failed or refused build leaves the previous
 * site as it was, two builds of one directory take turns, and every failure names the file and what to do.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STAMP_FILE, writeSite, type SiteStamp } from '../../src/cli/site-output.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-site-output-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const root = path.join(tmp, 'project');
mkdirSync(root);

const stamp = (base = '/'): (() => SiteStamp) => () => ({ base, buildDate: '2024-10-21', crises: [{ slug: 'acme', inputKey: 'k' }] });
/** A render that writes a tiny site saying `tag`. */
const site = (tag: string, wait = 0) => async (out: string) => {
  await mkdir(path.join(out, 'acme'), { recursive: true });
  await writeFile(path.join(out, 'acme', 'index.html'), tag);
  await new Promise((r) => setTimeout(r, wait));
  await writeFile(path.join(out, 'index.html'), tag);
};
const leftovers = (target: string) => [
  ...readdirSync(path.dirname(target)).filter((n) => n.startsWith(`${path.basename(target)}.`)),
  ...(existsSync(path.join(root, '.debrief')) ? readdirSync(path.join(root, '.debrief')) : []),
];

describe('writeSite', () => {
  it('puts the complete site in place with its stamp, replacing the previous one whole', async () => {
    const target = path.join(tmp, 'whole');
    await writeSite(root, target, async (out) => {
      await site('one')(out);
      await writeFile(path.join(out, 'old-page.html'), 'x');
    }, stamp());
    await writeSite(root, target, site('two'), stamp('/sub/'));
    expect(readdirSync(target).sort()).toEqual([STAMP_FILE, 'acme', 'index.html']);
    expect(readFileSync(path.join(target, 'index.html'), 'utf8')).toBe('two');
    expect(JSON.parse(readFileSync(path.join(target, STAMP_FILE), 'utf8'))).toEqual(stamp('/sub/')());
    expect(leftovers(target)).toEqual([]);
  });

  it('leaves the previous site as it was when the build fails, and says so', async () => {
    const target = path.join(tmp, 'failing');
    await writeSite(root, target, site('old'), stamp());
    const failing = async (out: string) => {
      await site('new')(out);
      throw new Error('astro build failed (exit 1); its output is above');
    };
    await expect(writeSite(root, target, failing, stamp())).rejects.toThrow(`astro build failed (exit 1); its output is above; the previous site in ${target} is left as it was`);
    expect(readFileSync(path.join(target, 'index.html'), 'utf8')).toBe('old');
    await expect(writeSite(root, target, async (out) => void (await mkdir(out)), stamp())).rejects.toThrow(/wrote no index\.html/);
    expect(readFileSync(path.join(target, 'acme', 'index.html'), 'utf8')).toBe('old');
    expect(leftovers(target)).toEqual([]);
  });

  it.skipIf(!existsSync('/dev/full'))('on a full disk names the file, says the disk is full and what to do, and keeps the previous site', async () => {
    const target = path.join(tmp, 'full');
    await writeSite(root, target, site('old'), stamp());
    const onFullDisk = async (out: string) => {
      await site('new')(out);
      // The stamp is written last; here it is a link to /dev/full, so writing it fails with ENOSPC.
      symlinkSync('/dev/full', path.join(out, STAMP_FILE));
    };
    const error = (await writeSite(root, target, onFullDisk, stamp()).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(new RegExp(`^cannot write \\S+/${STAMP_FILE.replace('.', '\\.')} \\(ENOSPC\\): the disk is full: free some disk space or choose another output directory; the previous site in ${target} is left as it was$`));
    expect(readFileSync(path.join(target, 'index.html'), 'utf8')).toBe('old');
    expect(leftovers(target)).toEqual([]);
  });

  it('names the output directory it cannot create, and what to do', async () => {
    const file = path.join(tmp, 'plain-file');
    writeFileSync(file, 'x');
    await expect(writeSite(root, path.join(file, 'dist'), site('x'), stamp())).rejects.toThrow(`cannot create ${file} (EEXIST): choose another output directory`);
    await expect(writeSite(root, file, site('x'), stamp())).rejects.toThrow(`${file} is a file, not a directory: set DEBRIEF_OUT_DIR to a new or empty directory`);
  });

  it('refuses to replace a directory that is not a Debrief site', async () => {
    const target = path.join(tmp, 'thesis');
    mkdirSync(target);
    writeFileSync(path.join(target, 'thesis.docx'), 'precious');
    await expect(writeSite(root, target, site('x'), stamp())).rejects.toThrow(`${target} holds files that are not a Debrief site (thesis.docx): set DEBRIEF_OUT_DIR to a new or empty directory`);
    expect(readdirSync(target)).toEqual(['thesis.docx']);
  });

  it('lets two builds of one directory take turns, and tells a third that waited too long what to do', async () => {
    const target = path.join(tmp, 'turns');
    const waits: string[] = [];
    // Either build may take the lock first (each awaits a mkdir before it tries), so both report; exactly one waits.
    const onWait = (m: string) => void waits.push(m);
    await Promise.all([writeSite(root, target, site('a', 300), stamp(), { onWait }), writeSite(root, target, site('b', 300), stamp(), { onWait })]);
    expect(waits).toEqual([`waiting for another debrief (pid ${process.pid}) writing ${target}`]);
    const page = readFileSync(path.join(target, 'index.html'), 'utf8');
    expect(readFileSync(path.join(target, 'acme', 'index.html'), 'utf8')).toBe(page);
    // A lock held by a live process (this one) past the wait.
    writeFileSync(`${target}.lock`, `${process.pid}\n`);
    await expect(writeSite(root, target, site('c'), stamp(), { waitMs: 300 })).rejects.toThrow(
      `another debrief (pid ${process.pid}) is still writing ${target}; wait for it to finish, or delete ${target}.lock if that process is gone`,
    );
    rmSync(`${target}.lock`);
    expect(readFileSync(path.join(target, 'index.html'), 'utf8')).toBe(page);
  });

  it("cleans up after a killed build: its lock, its staging directory, and the previous site it had moved aside", async () => {
    const target = path.join(tmp, 'killed');
    await writeSite(root, target, site('old'), stamp());
    // As a build killed between the two renames leaves it (pid 2^22 + 1 is above Linux's pid_max: never alive).
    const dead = 4_194_305;
    writeFileSync(`${target}.lock`, `${dead}\n`);
    mkdirSync(path.join(root, '.debrief', `site.partial-${dead}`), { recursive: true });
    renameSync(target, `${target}.old-${dead}`);
    await writeSite(
      root,
      target,
      async (out) => {
        // By the time this build renders, the previous site is back in its place and the dead build's staging is gone.
        expect(readFileSync(path.join(target, 'index.html'), 'utf8')).toBe('old');
        expect(existsSync(path.join(root, '.debrief', `site.partial-${dead}`))).toBe(false);
        await site('new')(out);
      },
      stamp(),
      { waitMs: 0 },
    );
    expect(readFileSync(path.join(target, 'index.html'), 'utf8')).toBe('new');
    expect(leftovers(target)).toEqual([]);
  });
});
