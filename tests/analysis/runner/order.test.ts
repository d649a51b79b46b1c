/** The runner orders analyses by their declarations and holds each to them. */
import { describe, expect, it } from 'vitest';
import { setColumn, type Analysis, type AnalysisContext } from '../../../src/analysis/runner/analysis.ts';
import { orderAnalyses, runAnalyses } from '../../../src/analysis/runner/order.ts';
import { defaultAnalyses } from '../../../src/analysis/runner/default-analyses.ts';
import { RowColumns } from '../../../src/analysis/runner/row-columns.ts';
import { FullLists } from '../../../src/analysis/runner/full-lists.ts';
import type { ReportModel } from '../../../src/analysis/report/report-model.ts';

const analysis = (name: string, declared: Partial<Analysis>, run: (ctx: AnalysisContext) => void = () => {}): Analysis => ({ name, sections: [], ...declared, run: async (ctx) => run(ctx) });

function context(): AnalysisContext {
  const report = { sections: {} } as ReportModel;
  const messages = [{ id: 'm1' }] as unknown as AnalysisContext['messages'];
  const columns = new RowColumns(['m1']);
  const caseColumns = new RowColumns([]);
  return { report, messages, cases: [], columns, columnNames: columns.names, caseColumns, caseColumnNames: caseColumns.names, lists: new FullLists(), progress: () => {} } as unknown as AnalysisContext;
}

describe('orderAnalyses', () => {
  it('runs producers first and otherwise keeps the given order', () => {
    const a = analysis('themes', { needs: ['timeline'], needsColumns: ['sentiment'], sections: ['themes'] });
    const b = analysis('timeline', { needsColumns: ['sentiment'], sections: ['timeline'] });
    const c = analysis('sentiment', { sections: ['sentiment'], columns: ['sentiment'] });
    const d = analysis('amplifiers', { sections: ['amplifiers'] });
    expect(orderAnalyses([a, d, b, c]).map((x) => x.name)).toEqual(['sentiment', 'timeline', 'themes', 'amplifiers']);
  });

  it('runs an analysis that runs late after every other that does not need it, and before those that do', () => {
    const timeline = analysis('timeline', { sections: ['timeline'] });
    const themes = analysis('themes', { needs: ['timeline'], sections: ['themes'], runLate: true });
    const faults = analysis('faults', { needs: ['timeline'], sections: ['faults'] });
    const segments = analysis('segments', { needs: ['themes', 'faults'], sections: ['segments'] });
    const tickets = analysis('tickets', { sections: ['tickets'] });
    expect(orderAnalyses([timeline, themes, faults, segments, tickets]).map((x) => x.name)).toEqual(['timeline', 'faults', 'themes', 'segments', 'tickets']);
    expect(orderAnalyses([timeline, themes, faults, tickets]).map((x) => x.name)).toEqual(['timeline', 'faults', 'tickets', 'themes']);
  });

  it('treats a need nobody produces as absent', () => {
    expect(orderAnalyses([analysis('faults', { needs: ['timeline'], sections: ['faults'] })]).map((x) => x.name)).toEqual(['faults']);
  });

  it('refuses two producers of one section and cycles', () => {
    expect(() => orderAnalyses([analysis('a', { sections: ['themes'] }), analysis('b', { sections: ['themes'] })])).toThrow(/"a" and "b" both write section themes/);
    expect(() => orderAnalyses([analysis('a', { needs: ['faults'], sections: ['themes'] }), analysis('b', { needs: ['themes'], sections: ['faults'] })])).toThrow(/cycle: a → b → a/);
  });

  it('orders the default analyses with every need met by an earlier one', () => {
    const ordered = orderAnalyses(defaultAnalyses());
    const seen = new Set<string>();
    for (const a of ordered) {
      for (const s of a.needs ?? []) expect(seen.has(`section ${s}`), `${a.name} needs ${s}`).toBe(true);
      for (const c of a.needsColumns ?? []) expect(seen.has(`column ${c}`), `${a.name} needs column ${c}`).toBe(true);
      for (const s of a.sections) seen.add(`section ${s}`);
      for (const c of a.columns ?? []) seen.add(`column ${c}`);
    }
  });
});

describe('runAnalyses', () => {
  it('calls its host before each analysis (where Node collects garbage), in the order they run', async () => {
    const calls: string[] = [];
    const a = analysis('a', { needs: ['timeline'] }, () => void calls.push('run a'));
    const b = analysis('b', { sections: ['timeline'] }, () => void calls.push('run b'));
    await runAnalyses([a, b], context(), () => void calls.push('between'));
    expect(calls).toEqual(['between', 'run b', 'between', 'run a']);
  });

  it("calls an analysis's prefetch once, as soon as what it depends on has run, before the analyses still to run", async () => {
    const calls: string[] = [];
    const sentiment = analysis('sentiment', { sections: ['sentiment'], columns: ['sentiment'] }, () => void calls.push('run sentiment'));
    const timeline = analysis('timeline', { needsColumns: ['sentiment'], sections: ['timeline'] }, () => void calls.push('run timeline'));
    const response = analysis('response', { needs: ['timeline'], sections: ['response'] }, () => void calls.push('run response'));
    const themes: Analysis = { ...analysis('themes', { needs: ['timeline'], sections: ['themes'] }, () => void calls.push('run themes')), prefetch: () => void calls.push('prefetch themes') };
    const early: Analysis = { ...analysis('amplifiers', { sections: ['amplifiers'] }, () => void calls.push('run amplifiers')), prefetch: () => void calls.push('prefetch amplifiers') };
    await runAnalyses([response, early, themes, timeline, sentiment], context());
    // Amplifiers depend on nothing: started before the first analysis.
    expect(calls).toEqual(['prefetch amplifiers', 'run sentiment', 'run timeline', 'prefetch themes', 'run response', 'run amplifiers', 'run themes']);
  });

  it('leaves sections and columns in the order the analyses are given, whatever order they ran in', async () => {
    const ran: string[] = [];
    const late = analysis('themes', { sections: ['themes'], columns: ['themes'], runLate: true }, (ctx) => {
      ran.push('themes');
      ctx.report.sections.themes = {} as never;
      setColumn(ctx, 'm1', 'themes', 't1');
    });
    const faults = analysis('faults', { sections: ['faults', 'candidateFaults'], columns: ['fault', 'fault_evidence'] }, (ctx) => {
      ran.push('faults');
      // Its own in the order it wrote them.
      ctx.report.sections.candidateFaults = [] as never;
      ctx.report.sections.faults = {} as never;
      setColumn(ctx, 'm1', 'fault_evidence', 'x');
      setColumn(ctx, 'm1', 'fault', 'f1');
    });
    const ctx = context();
    await runAnalyses([late, faults], ctx);
    expect(ran).toEqual(['faults', 'themes']);
    expect(Object.keys(ctx.report.sections)).toEqual(['themes', 'candidateFaults', 'faults']);
    expect(ctx.columnNames).toEqual(['themes', 'fault_evidence', 'fault']);
  });

  it('refuses a section written by a prefetch', async () => {
    const sneaky: Analysis = { ...analysis('sneaky', { sections: ['themes'] }), prefetch: (ctx) => void (ctx.report.sections.faults = {} as never) };
    await expect(runAnalyses([analysis('timeline', { sections: ['timeline'] }), sneaky], context())).rejects.toThrow(/wrote section "faults", which it does not declare/);
  });

  it('refuses a section or a column the analysis did not declare', async () => {
    await expect(runAnalyses([analysis('sneaky', { sections: ['themes'] }, (ctx) => void (ctx.report.sections.faults = {} as never))], context())).rejects.toThrow(/"sneaky" wrote section "faults", which it does not declare/);
    await expect(runAnalyses([analysis('sneaky', {}, (ctx) => setColumn(ctx, 'm1', 'fault', 'x'))], context())).rejects.toThrow(/added column "fault"/);
    const list = { name: 'authors', columns: [{ name: 'author' }], rows: [['a']] };
    await expect(runAnalyses([analysis('sneaky', {}, (ctx) => ctx.lists.add(list))], context())).rejects.toThrow(/"sneaky" added full list "authors", which it does not declare/);
    await expect(runAnalyses([analysis('honest', { lists: ['authors'] }, (ctx) => ctx.lists.add(list))], context())).resolves.toBeUndefined();
  });

  it("refuses an analysis that changes another's section", async () => {
    const timeline = analysis('timeline', { sections: ['timeline'] }, (ctx) => void (ctx.report.sections.timeline = { episodes: [] } as never));
    const meddler = analysis('meddler', { needs: ['timeline'], sections: ['themes'] }, (ctx) => void ((ctx.report.sections.timeline as { episodes: unknown[] }).episodes.push(1)));
    await expect(runAnalyses([timeline, meddler], context())).rejects.toThrow(/"meddler" changed section "timeline" of another analysis/);
  });
});
