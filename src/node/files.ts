/** Node's file system as {@link CrisisFiles}: the only place ingest touches `fs`. */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { CrisisFiles } from '../analysis/ingest/ingest-crisis.ts';
import type { FileSource } from '../analysis/ingest/source.ts';

/** Bytes read at a time. */
const CHUNK_BYTES = 1 << 20;

/**
 * A file on disk as a {@link FileSource}, read in 1 MiB chunks into one buffer. Why one: V8 starts a marking of
 * its whole heap for about every 64 MB of new buffers, and the heap holds every record read so far, so each costs
 * more than the last; a read stream makes a new buffer per chunk. (With ownString's copies no longer taken from
 * Buffer's pool, reading a million posts went from seven such markings to four.)
 */
export function nodeFileSource(file: string, name = path.basename(file)): FileSource {
  return {
    name,
    async *chunks() {
      const handle = await fs.open(file, 'r');
      try {
        const buffer = new Uint8Array(CHUNK_BYTES);
        for (;;) {
          const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
          if (bytesRead === 0) return;
          yield buffer.subarray(0, bytesRead);
        }
      } finally {
        await handle.close();
      }
    },
  };
}

/** The files of a crisis directory. */
export function nodeCrisisFiles(dir: string): CrisisFiles {
  if (!existsSync(dir)) throw new Error(`crisis directory not found: ${dir}`);
  // Regular files, plus symbolic links to files inside the directory; links that lead out (or nowhere) are refused with the reason.
  const scan = async () => {
    const root = await fs.realpath(dir);
    const files: string[] = [];
    const refused: { name: string; reason: string }[] = [];
    for (const e of await fs.readdir(dir, { withFileTypes: true })) {
      if (e.isFile()) files.push(e.name);
      if (!e.isSymbolicLink()) continue;
      const target = await fs.realpath(path.join(dir, e.name)).catch(() => null);
      if (target === null) refused.push({ name: e.name, reason: 'it is a broken symbolic link' });
      else if (!(await fs.stat(target)).isFile()) continue;
      else if (path.relative(root, target).split(path.sep)[0] === '..' || path.isAbsolute(path.relative(root, target))) {
        refused.push({ name: e.name, reason: 'it is a symbolic link to a file outside the crisis directory; copy the file into the directory instead' });
      } else files.push(e.name);
    }
    return { files: files.sort(), refused: refused.sort((a, b) => (a.name < b.name ? -1 : 1)) };
  };
  return {
    async list() {
      return (await scan()).files;
    },
    async refused() {
      return (await scan()).refused;
    },
    async readText(name) {
      const file = path.join(dir, name);
      return existsSync(file) ? decodeUtf8(await fs.readFile(file), file) : null;
    },
    open(name) {
      return nodeFileSource(path.join(dir, name), name);
    },
  };
}

/**
 * `bytes` as UTF-8 text (a byte-order mark dropped). Refuses bytes that are
 * not UTF-8 (a file saved as Latin-1 or Windows-1252) instead of turning
 * them into U+FFFD, naming the file, the byte offset and the line.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    const byte = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
    throw new Error(`${file}:${line}: not valid UTF-8 (byte 0x${byte} at offset ${offset}; Latin-1 or Windows-1252, perhaps): save it as UTF-8 and run again`);
  }
}

/** Offset of the first byte that does not start, or continue, a valid UTF-8 sequence (bytes.length when all are valid). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong three- and four-byte forms, UTF-16 surrogates and code points above U+10FFFF.
    const c1 = bytes[i + 1];
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 >= 0xa0) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 >= 0x90)) return i;
    i += n + 1;
  }
  return bytes.length;
}
