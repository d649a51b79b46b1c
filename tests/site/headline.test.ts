/** The summary's headline sentence, from report.json only: each clause only when the data supports its figure. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TimelineSection } from '../../src/analysis/crisis/types.ts';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import { formatShare } from '../../src/site/format.ts';
import { headlineSentence } from '../../src/site/headline.ts';

/** The top product fault's share as the faults analysis computed it (that analysis has its own tests). */
const topShare = (r: ReportModel) => formatShare(r.sections.faults!.pareto.find((f) => (f.kind ?? 'product') === 'product')!.share);
const golden = (slug: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../golden/${slug}/report.json`), 'utf8')) as ReportModel;

describe('headline sentence', () => {
  it('smart lock: onset, peak and when, first reply, median and response rate, the pause, top cause, back to normal and the later surges', () => {
    const r = golden('smartlock-firmware-2024');
    r.crisis.events = [{ at: '2024-10-09T16:20:00.000Z', label: 'Rollout paused', kind: 'mitigated' }];
    expect(headlineSentence(r)).toBe(
      'Customer messages surged from 9 Oct 2024, 02:00 EDT and peaked at 292 an hour 12 h after onset; ' +
        'the brand first replied to the surge 7.1 h after onset, answered conversations in a median 5.8 h and 51% of conversations got a reply; ' +
        'rollout paused 10.3 h after onset; ' +
        `top cause: Locked out / lock won't open (in ${topShare(r)} of the records with a product fault); ` +
        'volume was back to normal by 14 Oct 2024; 3 smaller surges followed, the last over by 15 Oct 2024.',
    );
  });

  it('CFPB complaints (cases only): days, the multiple, timely share, top cause, and the surge still under way at the end', () => {
    const r = golden('cfpb-credit-bureaus-2019');
    expect(headlineSentence(r)).toBe(
      'New cases surged from 27 Mar 2019 and peaked at 84 a day (×21 the usual) 9 d after onset; ' +
        "100% of cases were answered on time (by the export's own flag); " +
        `top cause: Wrong balance, status or late payments (in ${topShare(r)} of the records with a product fault); ` +
        'volume was back to normal by 19 Apr 2019, but another surge was under way when the data ends (28 Apr 2019).',
    );
  });

  it('no brand replies: no response clause (never "0%" or a made-up time)', () => {
    const r = golden('smartlock-firmware-2024');
    r.counts.brandMessages = 0;
    const s = headlineSentence(r)!;
    expect(s).not.toMatch(/brand|conversations|reply/);
    expect(s).toMatch(/^Customer messages surged .*; top cause: /);
  });

  it('no surge: the volume and span, saying there was no surge; no peak, no state', () => {
    const r = golden('smartlock-firmware-2024');
    r.sections.timeline = { ...(r.sections.timeline as TimelineSection), episodes: [], mainEpisodeIndex: null };
    delete r.sections.faults;
    delete r.sections.candidateFaults;
    const s = headlineSentence(r)!;
    expect(s).toMatch(/^8,089 customer messages from 7 Oct 2024 to 17 Oct 2024, with no surge above the normal band; the brand answered conversations in a median 5\.8 h and 51% of conversations got a reply\.$/);
  });

  it('nothing loaded: no headline', () => {
    const r = golden('cfpb-credit-bureaus-2019');
    r.counts.cases = 0;
    expect(headlineSentence(r)).toBeNull();
  });
});
