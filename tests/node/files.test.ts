/** crisis.yaml is read as UTF-8 or not at all: a Latin-1 file fails with its name, line and byte, and the fix. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/analysis/ingest/encoding.ts';
import { decodeUtf8, nodeCrisisFiles, nodeFileSource } from '../../src/node/files.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-files-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('nodeCrisisFiles().readText', () => {
  it('refuses a Latin-1 crisis.yaml, naming the file, the line, the byte and what to do', async () => {
    writeFileSync(path.join(tmp, 'crisis.yaml'), Buffer.from('title: Panne de réseau\nbrand:\n  handles: [Société]\n', 'latin1'));
    const error = await nodeCrisisFiles(tmp).readText('crisis.yaml').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`${path.join(tmp, 'crisis.yaml')}:1: not valid UTF-8 (byte 0xe9 at offset 17; Latin-1 or Windows-1252, perhaps): save it as UTF-8 and run again`);
  });

  it('reads UTF-8 as it is, without a byte-order mark', async () => {
    writeFileSync(path.join(tmp, 'ok.yaml'), '\ufefftitle: Panne de réseau ☕ 𝄞\n');
    expect(await nodeCrisisFiles(tmp).readText('ok.yaml')).toBe('title: Panne de réseau ☕ 𝄞\n');
    expect(await nodeCrisisFiles(tmp).readText('none.yaml')).toBeNull();
  });
});

describe('nodeFileSource', () => {
  it('reads a file in chunks of one buffer, and the text decoded from them is the file, characters cut at chunk edges included', async () => {
    // Three-byte and four-byte characters across the 1 MiB edges.
    const text = Array.from({ length: 120_000 }, (_, i) => `${i},€ ${'x'.repeat(i % 17)} 𝄞\n`).join('');
    const file = path.join(tmp, 'posts.csv');
    writeFileSync(file, text);
    const source = nodeFileSource(file);
    const buffers = new Set<ArrayBufferLike>();
    let bytes = 0;
    for await (const chunk of source.chunks()) {
      buffers.add(chunk.buffer);
      bytes += chunk.length;
    }
    expect(bytes).toBe(Buffer.byteLength(text));
    expect(bytes).toBeGreaterThan(2 << 20);
    expect(buffers.size).toBe(1);
    let decoded = '';
    for await (const part of decodeSource(source)) decoded += part;
    expect(decoded).toBe(text);
  });
});

describe('decodeUtf8', () => {
  const at = (bytes: number[]) => {
    try {
      decodeUtf8(Uint8Array.from(bytes), 'f');
      return null;
    } catch (error) {
      return /^f:(\d+): .* at offset (\d+)/.exec((error as Error).message)!.slice(1).map(Number);
    }
  };
  it('points at the first byte that is not UTF-8, on its line', () => {
    expect(at([0x61, 0x0a, 0x62, 0x0a, 0xc3, 0x28])).toEqual([3, 4]); // a lead byte without its continuation
    expect(at([0x61, 0xe0, 0x80, 0x80])).toEqual([1, 1]); // overlong
    expect(at([0xed, 0xa0, 0x80])).toEqual([1, 0]); // a UTF-16 surrogate
    expect(at([0x6f, 0x6b, 0xe2, 0x82])).toEqual([1, 2]); // cut short at the end
    expect(at([0xe2, 0x82, 0xac, 0xf0, 0x9d, 0x84, 0x9e])).toBeNull(); // € 𝄞
  });
});
