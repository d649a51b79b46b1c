/**
 * The analysis runner: orders analyses by what they declare they read and
 * write, runs them, and holds each to its declaration — an analysis adds only
 * the sections and columns it names and leaves every other section as it
 * found it. That is what lets a section be typed and read by one module.
 */
import type { Analysis, AnalysisContext } from './analysis.ts';

/**
 * `analyses` ordered so that each runs after the producers of what it needs
 * (among those given; a need nobody produces is simply absent). Ties keep the
 * given order, but an analysis that runs late ({@link Analysis.runLate}) comes
 * after every other that does not need it. Throws on two producers of one
 * section or column, or a cycle.
 */
export function orderAnalyses(analyses: readonly Analysis[]): Analysis[] {
  const deps = dependencies(analyses);
  const out: Analysis[] = [];
  const done = new Set<Analysis>();
  const visiting = new Set<Analysis>();
  const visit = (a: Analysis, path: string[]) => {
    if (done.has(a)) return;
    if (visiting.has(a)) throw new Error(`analyses depend on each other in a cycle: ${[...path, a.name].join(' → ')}`);
    visiting.add(a);
    for (const d of analyses.filter((x) => deps.get(a)!.has(x))) visit(d, [...path, a.name]);
    visiting.delete(a);
    done.add(a);
    out.push(a);
  };
  for (const a of analyses) if (!a.runLate) visit(a, []);
  for (const a of analyses) visit(a, []);
  return out;
}

/** Each analysis's producers of what it needs, among `analyses`. Throws on two producers of one section, column or list. */
function dependencies(analyses: readonly Analysis[]): Map<Analysis, Set<Analysis>> {
  const producer = new Map<string, Analysis>();
  const claim = (key: string, a: Analysis) => {
    const other = producer.get(key);
    if (other && other !== a) throw new Error(`analyses "${other.name}" and "${a.name}" both write ${key}`);
    producer.set(key, a);
  };
  for (const a of analyses) {
    for (const s of a.sections) claim(`section ${s}`, a);
    for (const c of a.columns ?? []) claim(`column ${c}`, a);
    for (const l of a.lists ?? []) claim(`list ${l}`, a);
  }
  const deps = (a: Analysis) =>
    new Set(
      [...(a.needs ?? []).map((s) => producer.get(`section ${s}`)), ...(a.needsColumns ?? []).map((c) => producer.get(`column ${c}`))].filter(
        (p): p is Analysis => p !== undefined && p !== a,
      ),
    );
  return new Map(analyses.map((a) => [a, deps(a)]));
}

/**
 * Runs `analyses` in dependency order on `ctx`, checking each against its
 * declaration; `beforeEach` is called before each. An analysis's `prefetch`
 * is called as soon as every analysis it depends on has run, so its worker
 * threads' work overlaps the analyses still running here.
 */
export async function runAnalyses(analyses: readonly Analysis[], ctx: AnalysisContext, beforeEach?: () => void): Promise<void> {
  const ordered = orderAnalyses(analyses);
  const deps = dependencies(ordered);
  const done = new Set<Analysis>();
  const prefetched = new Set<Analysis>();
  const prefetchReady = () => {
    // In the given order, not the running order: work that runs late often has the longest way to go.
    for (const a of analyses) {
      if (!a.prefetch || done.has(a) || prefetched.has(a) || ![...deps.get(a)!].every((d) => done.has(d))) continue;
      prefetched.add(a);
      a.prefetch(ctx);
    }
  };
  for (const analysis of ordered) {
    beforeEach?.();
    // Taken first, so that a prefetch writing anything is caught too.
    const before = snapshot(ctx);
    prefetchReady();
    ctx.progress(`analysis: ${analysis.name}`);
    await analysis.run(ctx);
    check(analysis, before, ctx);
    done.add(analysis);
  }
  inGivenOrder(analyses, ctx);
}

/**
 * Puts the sections and columns the analyses wrote in the order the analyses are given (each analysis's own in the
 * order it wrote them), whatever order they ran in: a bundle's bytes do not depend on the runner's choice.
 */
function inGivenOrder(analyses: readonly Analysis[], ctx: AnalysisContext): void {
  const rank = (declared: (a: Analysis) => readonly string[] | undefined) => {
    const of = new Map<string, number>();
    analyses.forEach((a, i) => declared(a)?.forEach((name) => of.set(name, i)));
    // Anything no analysis declares (set before they ran) stays first; the sort is stable.
    return (names: readonly string[]) => [...names].sort((x, y) => (of.get(x) ?? -1) - (of.get(y) ?? -1));
  };
  const sections = ctx.report.sections as Record<string, unknown>;
  const entries = Object.entries(sections);
  const order = rank((a) => a.sections)(entries.map(([name]) => name));
  for (const [name] of entries) delete sections[name];
  const byName = new Map(entries);
  for (const name of order) sections[name] = byName.get(name);
  const columns = rank((a) => a.columns);
  ctx.columns.arrange(columns);
  ctx.caseColumns.arrange(columns);
}

interface Snapshot {
  sections: Map<string, string>;
  columns: Set<string>;
  lists: Set<string>;
}

// Sections are small (tens of kB): their JSON is a cheap, exact way to see that nobody else changed them.
function snapshot(ctx: AnalysisContext): Snapshot {
  const sections = new Map(Object.entries(ctx.report.sections).map(([k, v]) => [k, JSON.stringify(v)]));
  return { sections, columns: new Set([...ctx.columnNames, ...ctx.caseColumnNames]), lists: new Set(ctx.lists.names) };
}

function check(analysis: Analysis, before: Snapshot, ctx: AnalysisContext): void {
  const own = new Set<string>(analysis.sections);
  for (const [name, value] of Object.entries(ctx.report.sections)) {
    if (own.has(name)) continue;
    if (!before.sections.has(name)) throw new Error(`analysis "${analysis.name}" wrote section "${name}", which it does not declare`);
    if (before.sections.get(name) !== JSON.stringify(value)) throw new Error(`analysis "${analysis.name}" changed section "${name}" of another analysis`);
  }
  for (const name of before.sections.keys()) if (!(name in ctx.report.sections)) throw new Error(`analysis "${analysis.name}" removed section "${name}"`);
  const declared = new Set(analysis.columns ?? []);
  for (const c of [...ctx.columnNames, ...ctx.caseColumnNames]) {
    if (!before.columns.has(c) && !declared.has(c)) throw new Error(`analysis "${analysis.name}" added column "${c}", which it does not declare`);
  }
  const lists = new Set(analysis.lists ?? []);
  for (const l of ctx.lists.names) if (!before.lists.has(l) && !lists.has(l)) throw new Error(`analysis "${analysis.name}" added full list "${l}", which it does not declare`);
}
