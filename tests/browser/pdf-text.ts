/**
 * Reads a PDF as Chromium (Skia) writes it: its pages in order, and the text
 * drawn on each. Enough for tests that ask "how many pages, and does page 2
 * say the crisis name and "2 / 2"": Skia writes plain (non-stream) objects,
 * Flate-compressed content streams, and Type0 fonts with a ToUnicode CMap,
 * which is all this reads. Not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

/** One page: its text runs in drawing order, joined by spaces. */
export interface PdfPage {
  text: string;
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

/** Every `n 0 obj … endobj` of the file, by number, with its dictionary text and its decoded stream. */
function objects(pdf: Buffer): Map<number, PdfObject> {
  const out = new Map<number, PdfObject>();
  const latin = pdf.toString('latin1');
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(latin))) {
    const start = m.index + m[0].length;
    const end = latin.indexOf('endobj', start);
    if (end < 0) break;
    const body = latin.slice(start, end);
    const s = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (s >= 0 && body.slice(0, s).includes('/Length')) {
      dict = body.slice(0, s);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      let from = start + s + 'stream'.length;
      if (latin[from] === '\r') from++;
      if (latin[from] === '\n') from++;
      const raw = pdf.subarray(from, from + length);
      stream = dict.includes('/FlateDecode') ? inflateSync(raw) : raw;
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** Glyph code → text, from a ToUnicode CMap (`bfchar` and `bfrange` entries). */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, uni] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(code, 16), utf16(uni));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, uni] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const first = parseInt(uni, 16);
      for (let c = parseInt(lo, 16); c <= parseInt(hi, 16); c++) map.set(c, String.fromCharCode(first + c - parseInt(lo, 16)));
    }
  return map;
}

/** The pages of a PDF in order, with their text. */
export function pdfPages(pdf: Buffer): PdfPage[] {
  const objs = objects(pdf);
  const catalog = [...objs.values()].find((o) => /\/Type \/Catalog/.test(o.dict));
  const pages: PdfPage[] = [];
  const walk = (n: number) => {
    const node = objs.get(n);
    if (!node) return;
    if (/\/Type \/Pages/.test(node.dict)) {
      const kids = /\/Kids \[([^\]]*)\]/.exec(node.dict)?.[1] ?? '';
      for (const [, k] of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k));
    } else if (/\/Type \/Page\b/.test(node.dict)) pages.push({ text: pageText(node.dict, objs) });
  };
  const root = catalog ? ref(catalog.dict, 'Pages') : null;
  if (root !== null) walk(root);
  return pages;
}

/** Text drawn by a page's content streams, each font's codes decoded through its ToUnicode map. */
function pageText(dict: string, objs: Map<number, PdfObject>): string {
  const resources = ref(dict, 'Resources');
  const resDict = resources === null ? dict : (objs.get(resources)?.dict ?? '');
  const fontDictRef = ref(resDict, 'Font');
  const fontDict = fontDictRef === null ? (/\/Font\s*<<([\s\S]*?)>>/.exec(resDict)?.[1] ?? '') : (objs.get(fontDictRef)?.dict ?? '');
  const fonts = new Map<string, Map<number, string>>();
  for (const [, name, n] of fontDict.matchAll(/\/([A-Za-z0-9_.-]+) (\d+) 0 R/g)) {
    const font = objs.get(Number(n));
    const cmap = font && ref(font.dict, 'ToUnicode');
    const stream = cmap === null || cmap === undefined ? null : objs.get(cmap)?.stream;
    if (stream) fonts.set(name, toUnicode(stream.toString('latin1')));
  }
  const contents = /\/Contents (\d+) 0 R/.exec(dict) ? [Number(/\/Contents (\d+) 0 R/.exec(dict)![1])] : [...(/\/Contents \[([^\]]*)\]/.exec(dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((x) => Number(x[1]));
  const runs: string[] = [];
  for (const c of contents) {
    const ops = objs.get(c)?.stream?.toString('latin1') ?? '';
    let font = new Map<number, string>();
    // Font selections and hex text runs (`<0012001F> Tj`, `[<00120013> -20 <0014>] TJ`), in order.
    for (const m of ops.matchAll(/\/([A-Za-z0-9_.-]+) [\d.]+ Tf|\[((?:<[0-9A-Fa-f]*>|[^\]])*)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj/g)) {
      if (m[1] !== undefined) font = fonts.get(m[1]) ?? new Map();
      else {
        const hexes = m[2] !== undefined ? [...m[2].matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => x[1]) : [m[3]];
        runs.push(hexes.map((h) => (h.match(/.{4}/g) ?? []).map((g) => font.get(parseInt(g, 16)) ?? '').join('')).join(''));
      }
    }
  }
  return runs.join(' ').replace(/\s+/g, ' ').trim();
}
