/**
 * Files of a built site too large for static hosts. Cloudflare Pages refuses
 * a file over 25 MiB (GitHub Pages one over 100 MB), and the site's own
 * large files are cut under that (explorer/parts.ts: DuckDB's module, the
 * explorer's tables); a big crisis's CSV downloads are not, so `debrief
 * build` names them before a deploy fails on them.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** The per-file limit of common static hosts (Cloudflare Pages): 25 MiB. */
export const HOST_FILE_LIMIT = 25 * 1024 * 1024;

/** A file of the site and its size in bytes. */
export interface SiteFile {
  /** Path below the site's directory, with `/` separators. */
  path: string;
  bytes: number;
}

/** Files below `dir` larger than `limit` bytes, largest first (then by path). */
export async function filesOver(dir: string, limit = HOST_FILE_LIMIT): Promise<SiteFile[]> {
  const out: SiteFile[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    // `parentPath` from Node 20.12; `path` before it.
    const full = path.join(entry.parentPath ?? (entry as { path?: string }).path ?? dir, entry.name);
    const { size } = await stat(full);
    if (size > limit) out.push({ path: path.relative(dir, full).split(path.sep).join('/'), bytes: size });
  }
  return out.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
}

/** One line naming the files over the hosts' limit and what to do, or null when there are none. */
export function largeFilesWarning(files: readonly SiteFile[], limit = HOST_FILE_LIMIT): string | null {
  if (!files.length) return null;
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
  const shown = files.slice(0, 5).map((f) => `${f.path} (${mib(f.bytes)})`);
  const more = files.length > shown.length ? `, and ${files.length - shown.length} more` : '';
  return (
    `debrief: warning: ${files.length} file${files.length === 1 ? '' : 's'} of the site ${files.length === 1 ? 'is' : 'are'} over ${mib(limit)}, the per-file limit of static hosts such as Cloudflare Pages (GitHub Pages takes up to 100 MB): ${shown.join(', ')}${more}. ` +
    'Deploy to a host without that limit, or leave those downloads out of the upload: every row is also in the crisis\'s explorer ("Download these rows").'
  );
}
