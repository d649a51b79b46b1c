/**
 * A small .zip writer (stored entries, no compression), for the bundle the
 * `/analyze/` page hands back: every archiver and `unzip` reads it, it needs
 * no dependency, and the same files give the same bytes (entries in the
 * order given, one fixed timestamp). Pure; runs in a browser and in Node.
 *
 * Limits (checked, with a clear error): under 4 GiB in all and 65,535
 * entries — the classic format without ZIP64, ample for one crisis's bundle.
 */

/** One file of the archive: a path with `/` separators (no leading `/`, no `..`) and its bytes. */
export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
/** 1980-01-01 00:00, the earliest DOS date: no clock enters the bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Version 2.0 (what stored entries with UTF-8 names need); general flag bit 11: names are UTF-8. */
const VERSION = 20;
const UTF8_NAMES = 1 << 11;
const MAX_BYTES = 0xffffffff;
/** Made by Unix (3), so unzip takes names as UTF-8 rather than a DOS code page, and extracts files readable (mode 0644). */
const MADE_BY_UNIX = (3 << 8) | VERSION;
const REGULAR_FILE_644 = (0o100644 << 16) >>> 0;

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3), as zip stores it. */
export function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The archive of `entries`, in their order. Throws on an unsafe or repeated name, or an archive too large for classic zip. */
export function zipStored(entries: readonly ZipEntry[]): Uint8Array<ArrayBuffer> {
  if (entries.length > 0xffff) throw new Error(`zip: ${entries.length} entries; at most 65,535 fit without ZIP64`);
  const utf8 = new TextEncoder();
  const seen = new Set<string>();
  const prepared = entries.map((e) => {
    if (!e.name || e.name.startsWith('/') || e.name.split('/').includes('..') || e.name.includes('\\')) throw new Error(`zip: "${e.name}" is not a safe relative path`);
    if (seen.has(e.name)) throw new Error(`zip: "${e.name}" is in the archive twice`);
    seen.add(e.name);
    return { name: utf8.encode(e.name), bytes: e.bytes, crc: crc32(e.bytes) };
  });
  const localSize = prepared.reduce((n, e) => n + 30 + e.name.length + e.bytes.length, 0);
  const centralSize = prepared.reduce((n, e) => n + 46 + e.name.length, 0);
  const total = localSize + centralSize + 22;
  if (localSize + centralSize > MAX_BYTES) throw new Error(`zip: ${total} bytes; at most 4 GiB fit without ZIP64`);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number) => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const u32 = (v: number) => {
    view.setUint32(at, v, true);
    at += 4;
  };
  const put = (b: Uint8Array) => {
    out.set(b, at);
    at += b.length;
  };
  const offsets: number[] = [];
  for (const e of prepared) {
    offsets.push(at);
    u32(LOCAL_HEADER);
    u16(VERSION);
    u16(UTF8_NAMES);
    u16(0); // stored
    u16(DOS_TIME);
    u16(DOS_DATE);
    u32(e.crc);
    u32(e.bytes.length);
    u32(e.bytes.length);
    u16(e.name.length);
    u16(0);
    put(e.name);
    put(e.bytes);
  }
  const centralStart = at;
  prepared.forEach((e, i) => {
    u32(CENTRAL_HEADER);
    u16(MADE_BY_UNIX);
    u16(VERSION);
    u16(UTF8_NAMES);
    u16(0);
    u16(DOS_TIME);
    u16(DOS_DATE);
    u32(e.crc);
    u32(e.bytes.length);
    u32(e.bytes.length);
    u16(e.name.length);
    u16(0); // extra
    u16(0); // comment
    u16(0); // disk
    u16(0); // internal attributes
    u32(REGULAR_FILE_644);
    u32(offsets[i]!);
    put(e.name);
  });
  const centralBytes = at - centralStart;
  u32(END_OF_CENTRAL);
  u16(0);
  u16(0);
  u16(prepared.length);
  u16(prepared.length);
  u32(centralBytes);
  u32(centralStart);
  u16(0);
  return out;
}
