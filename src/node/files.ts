/** Node's file system as {@link CrisisFiles}: the only place ingest touches `fs`. */
import { createReadStream, existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { CrisisFiles } from '../analysis/ingest/ingest-crisis.ts';
import type { FileSource } from '../analysis/ingest/source.ts';

/** A file on disk as a {@link FileSource}, read in 1 MiB chunks. */
export function nodeFileSource(file: string, name = path.basename(file)): FileSource {
  return {
    name,
    async *chunks() {
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) yield chunk as Uint8Array;
    },
  };
}

/** The files of a crisis directory. */
export function nodeCrisisFiles(dir: string): CrisisFiles {
  if (!existsSync(dir)) throw new Error(`crisis directory not found: ${dir}`);
  return {
    async list() {
      const entries = await fs.readdir(dir, { withFileTypes: true });
      return entries.filter((e) => e.isFile()).map((e) => e.name).sort();
    },
    async readText(name) {
      const file = path.join(dir, name);
      return existsSync(file) ? fs.readFile(file, 'utf8') : null;
    },
    open(name) {
      return nodeFileSource(path.join(dir, name), name);
    },
  };
}
