/**
 * Fault suggestions as YAML, and accepting them: `faults.suggested.yaml` is
 * written in crisis.yaml's `faults:` format (one `keywords:` list per fault,
 * each line commented with its counts; candidate faults commented out), and
 * what the user leaves in it is added to crisis.yaml's `faults:` by editing
 * only those lists, so the rest of crisis.yaml keeps its bytes and comments.
 * An ambiguous keyword's fix is written under the fault's `context:`, and
 * accepting it moves the keyword there from `keywords:` (suggest-context.ts).
 */
import { isMap, isScalar, isSeq, parse, parseDocument, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { tokenizeStems } from '../phrases/tokenize.ts';
import type { AmbiguousKeyword } from './ambiguous.ts';
import { contextEdits, readContext, type SuggestedContext } from './suggest-context.ts';
import { flowList, indentAt, lineEnd, scalar, type Edit } from './yaml-text.ts';
import type { FaultSuggestions } from './suggest.ts';

function slug(label: string): string {
  return label.toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'fault';
}

const n = (x: number) => x.toLocaleString('en-US');

/** `faults.suggested.yaml` for `suggestions` read from `source` (a path, for the header). */
export function renderSuggestionsYaml(suggestions: FaultSuggestions, source: string): string {
  const lines = [
    `# Suggested by \`debrief faults suggest\` from ${n(suggestions.texts)} distinct texts of ${source}`,
    '# (customer texts in fault scope: negative or without a sentiment label).',
    "# Under each fault: words and phrases that stand out in the texts its keywords match against the",
    '# other texts (log-likelihood keyness, G²), with how many of its texts and of the others hold them.',
    '# Under context: one-word keywords the crisis uses ambiguously (mostly with no other word of the fault',
    '# near, mostly beside another fault\'s words): accepted, each counts only near a word of its fault.',
    '# Delete the lines you do not want and uncomment the candidate faults you do, then run',
    `# \`debrief faults accept <crisis-dir>\`: it adds what is left here to crisis.yaml's faults:.`,
  ];
  const body: string[] = [];
  for (const f of suggestions.faults) {
    const head = `${f.label}: from ${n(f.matched)} of its texts`;
    if (!f.keywords.length && !f.ambiguous.length) {
      body.push(`  # ${f.faultId} (${head}): no keyword stands out, none is ambiguous`);
      continue;
    }
    body.push(`  ${f.faultId}:`, `    # ${head}`);
    if (f.keywords.length) {
      body.push('    keywords:');
      const width = Math.max(...f.keywords.map((k) => scalar(k.keyword).length));
      for (const k of f.keywords) body.push(`      - ${scalar(k.keyword).padEnd(width)}  # ${n(k.inFault)} of its texts, ${n(k.elsewhere)} others; G² ${k.keyness.toFixed(1)}`);
    }
    if (f.ambiguous.length) {
      body.push('    context:  # ambiguous keywords: each counts only near a word of the fault');
      for (const a of f.ambiguous) {
        body.push(`      # ${scalar(a.keyword)}: ${usageNote(a)}`);
        body.push(`      - { keywords: [${scalar(a.keyword)}], near: ${flowList(a.near)}, within: ${a.within} }`);
      }
    }
  }
  const taken = new Set(suggestions.faults.map((f) => f.faultId));
  if (suggestions.candidates.length) {
    body.push(`  # Candidate faults: recurring complaints no fault covers (${n(suggestions.candidates.length)} of ${n(suggestions.candidatesTotal)}, most frequent first).`);
    body.push('  # Uncomment one to accept it; check that its keyword is how people write it.');
    for (const c of suggestions.candidates) {
      let id = slug(c.label);
      for (let i = 2; taken.has(id); i++) id = `${slug(c.label)}-${i}`;
      taken.add(id);
      const when = `${new Date(c.firstSeen).toISOString().slice(0, 10)} to ${new Date(c.lastSeen).toISOString().slice(0, 10)}`;
      body.push(`  # ${id}:`, `  #   label: ${scalar(c.label)}  # ${n(c.count)} texts, ${when}`, `  #   keywords: [${scalar(c.label)}]`);
    }
  }
  const empty = !suggestions.faults.some((f) => f.keywords.length || f.ambiguous.length);
  return `${[...lines, empty ? 'faults: {}' : 'faults:', ...body].join('\n')}\n`;
}

/** How an ambiguous keyword is used, as the suggestions print it. */
export function usageNote(a: AmbiguousKeyword): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const scope = a.outOfScope === null ? '' : `; ${a.outOfScope.toFixed(2)}× the crisis's share of its texts outside fault scope`;
  return `in ${n(a.texts)} texts, no word of the fault near in ${pct(a.alone)}, another fault matched in ${pct(a.elsewhere)}${scope}`;
}


/** One fault as the suggestions file gives it. */
interface Suggested {
  label?: string;
  kind?: string;
  keywords: string[];
  /** Keywords to count only near a word of the fault: taken out of `keywords:`, added under `context:`. */
  context?: SuggestedContext[];
}

/** The `faults:` of a suggestions file, checked. @throws Error naming what is wrong */
export function readSuggestedFaults(text: string, file: string): Map<string, Suggested> {
  const raw = parse(text) as { faults?: unknown } | null;
  const faults = raw?.faults ?? {};
  if (faults === null || typeof faults !== 'object' || Array.isArray(faults)) throw new Error(`${file}: faults: must be a mapping of fault id → { keywords: [...] }`);
  const out = new Map<string, Suggested>();
  for (const [id, value] of Object.entries(faults as Record<string, unknown>)) {
    const def = (value ?? {}) as Record<string, unknown>;
    const keywords = def['keywords'] ?? [];
    if (!Array.isArray(keywords) || keywords.some((k) => typeof k !== 'string')) throw new Error(`${file}: faults.${id}.keywords must be a list of words or phrases`);
    if (def['label'] !== undefined && typeof def['label'] !== 'string') throw new Error(`${file}: faults.${id}.label must be text`);
    const context = def['context'] === undefined || def['context'] === null ? undefined : readContext(def['context'], `${file}: faults.${id}.context`);
    out.set(id, { label: def['label'] as string | undefined, kind: def['kind'] as string | undefined, keywords: keywords as string[], ...(context ? { context } : {}) });
  }
  return out;
}


/** The edit that adds `keywords` to a keyword list node. */
function addToList(text: string, seq: YAMLSeq, keywords: readonly string[]): Edit {
  if (seq.flow) {
    const close = text.lastIndexOf(']', seq.range![1]);
    return { start: close, end: close, text: `${seq.items.length ? ', ' : ''}${keywords.map(scalar).join(', ')}` };
  }
  const last = seq.items.at(-1) as Node;
  const at = lineEnd(text, last.range![1] - 1);
  const dash = indentAt(text, last.range![0]);
  return { start: at, end: at, text: keywords.map((k) => `\n${dash}- ${scalar(k)}`).join('') };
}

/**
 * crisis.yaml's text with the suggested faults merged in: each fault's new
 * keywords appended to its list (a keyword it already has, in any wording that
 * matches the same, is skipped), a fault listed without a value (`support-delay: ~`)
 * given a keywords list, a new fault added whole. Only those places change.
 * @returns the new text and what was added per fault id
 * @throws Error when crisis.yaml cannot be edited in place (the message says to copy by hand)
 */
export function mergeSuggestedFaults(
  crisisYaml: string,
  suggested: ReadonlyMap<string, Suggested>,
): { text: string; added: Map<string, string[]>; contexts: Map<string, SuggestedContext[]> } {
  const doc = parseDocument(crisisYaml);
  if (doc.errors.length) throw new Error(`crisis.yaml is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const faults = doc.get('faults', true);
  const edits: Edit[] = [];
  const added = new Map<string, string[]>();
  const appended: string[] = [];
  const contexts = new Map<string, SuggestedContext[]>();
  for (const [id, want] of suggested) {
    const node = isMap(faults) ? (faults as YAMLMap).get(id, true) : undefined;
    if (want.context?.length) {
      if (!isMap(node)) throw new Error(`crisis.yaml: faults.${id} has no keywords: to take the ambiguous ones from; add its context: by hand`);
      const moved = contextEdits(crisisYaml, node, want.context, id);
      edits.push(...moved.edits);
      if (moved.entries.length) contexts.set(id, moved.entries);
    }
    const pair = isMap(faults) ? (faults as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === id) : undefined;
    const current: unknown = isMap(node) ? node.get('keywords', true) : undefined;
    const have = new Set(isSeq(current) ? current.items.map((k) => tokenizeStems(String(isScalar(k) ? k.value : k)).join(' ')) : []);
    const fresh = [...new Set(want.keywords)].filter((k) => {
      const key = tokenizeStems(k).join(' ');
      if (!key || have.has(key)) return false;
      have.add(key);
      return true;
    });
    if (!fresh.length) continue;
    if (pair === undefined) {
      // A new fault, whole.
      const def = [want.label !== undefined ? `label: ${scalar(want.label)}` : '', want.kind !== undefined ? `kind: ${want.kind}` : '', `keywords: ${flowList(fresh)}`].filter(Boolean);
      appended.push(`${id}: { ${def.join(', ')} }`);
    } else if (node === undefined || node === null || (isScalar(node) && (node.value === null || node.value === undefined))) {
      const valueEnd = isScalar(node) && node.range ? node.range[1] : lineEnd(crisisYaml, (pair.key as Node).range![1]);
      const valueStart = isScalar(node) && node.range ? node.range[0] : valueEnd;
      edits.push({ start: valueStart, end: valueEnd, text: `${valueStart === valueEnd ? ' ' : ''}{ keywords: ${flowList(fresh)} }` });
    } else if (isMap(node)) {
      const list = node.get('keywords', true);
      if (isSeq(list) && list.items.length) edits.push(addToList(crisisYaml, list, fresh));
      else if (node.flow) {
        const last = node.items.at(-1);
        const at = last ? ((last.value ?? last.key) as Node).range![1] : crisisYaml.lastIndexOf('}', node.range![1]);
        edits.push({ start: at, end: at, text: last ? `, keywords: ${flowList(fresh)}` : `keywords: ${flowList(fresh)}` });
      } else {
        const last = node.items.at(-1)!;
        const at = lineEnd(crisisYaml, ((last.value ?? last.key) as Node).range![1] - 1);
        edits.push({ start: at, end: at, text: `\n${indentAt(crisisYaml, (last.key as Node).range![0])}keywords: ${flowList(fresh)}` });
      }
    } else throw new Error(`crisis.yaml: faults.${id} is not a mapping; add the keywords by hand`);
    added.set(id, fresh);
  }
  if (appended.length) {
    if (isMap(faults) && !faults.flow && faults.items.length) {
      const last = faults.items.at(-1)!;
      const at = lineEnd(crisisYaml, ((last.value ?? last.key) as Node).range![2] - 1);
      const indent = indentAt(crisisYaml, (faults.items[0]!.key as Node).range![0]);
      edits.push({ start: at, end: at, text: appended.map((a) => `\n${indent}${a}`).join('') });
    } else if (faults === undefined || faults === null) {
      const end = crisisYaml.length;
      edits.push({ start: end, end, text: `${crisisYaml.endsWith('\n') || !end ? '' : '\n'}faults:\n${appended.map((a) => `  ${a}`).join('\n')}\n` });
    } else throw new Error('crisis.yaml: faults: is written on one line; add the new faults by hand');
  }
  let text = crisisYaml;
  for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  checkMerged(crisisYaml, text, added, contexts);
  return { text, added, contexts };
}

/** The edit must read back as the old faults plus exactly what was added (and moved); anything else is refused. */
function checkMerged(before: string, after: string, added: ReadonlyMap<string, string[]>, contexts: ReadonlyMap<string, SuggestedContext[]>): void {
  type Def = { keywords?: string[]; context?: unknown } | null;
  const old = ((parse(before) as { faults?: Record<string, Def> } | null)?.faults ?? {}) as Record<string, Def>;
  const now = ((parse(after) as { faults?: Record<string, Def> } | null)?.faults ?? {}) as Record<string, Def>;
  for (const id of new Set([...added.keys(), ...contexts.keys()])) {
    const moved = new Set((contexts.get(id) ?? []).flatMap((c) => c.keywords.map((k) => tokenizeStems(k).join(' '))));
    const expected = [...(old[id]?.keywords ?? []).filter((k) => !moved.has(tokenizeStems(k).join(' '))), ...(added.get(id) ?? [])];
    const oldContext = old[id]?.context === undefined ? [] : [old[id]!.context].flat();
    const expectedContext = [...oldContext, ...(contexts.get(id) ?? [])];
    const nowContext = now[id]?.context === undefined ? [] : [now[id]!.context].flat();
    if (JSON.stringify(now[id]?.keywords ?? []) !== JSON.stringify(expected) || JSON.stringify(nowContext) !== JSON.stringify(expectedContext)) {
      throw new Error(`crisis.yaml: could not change the keywords of faults.${id} in place; copy them from the suggestions by hand`);
    }
  }
}
