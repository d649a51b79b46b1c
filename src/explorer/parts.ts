/**
 * Large files served as parts: static hosts refuse files over 25 MiB
 * (Cloudflare Pages' limit), and DuckDB-WASM's module alone is 33 MB. The
 * build cuts a file into parts of at most {@link PART_BYTES}; the explorer
 * fetches them and joins the bytes. Pure.
 */

/** Largest part written into the site: under the 25 MiB per-file limit of common static hosts. */
export const PART_BYTES = 20 * 1024 * 1024;

/** How many parts of `size` bytes a file of `bytes` needs (at least one, so an empty file is still served). */
export function partCount(bytes: number, size = PART_BYTES): number {
  return Math.max(1, Math.ceil(bytes / size));
}

/** Part `i` of `bytes`, in parts of `size` bytes. */
export function part(bytes: Uint8Array, i: number, size = PART_BYTES): Uint8Array {
  return bytes.subarray(i * size, Math.min(bytes.length, (i + 1) * size));
}

/** The parts' bytes joined in order. */
export function joinParts(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
