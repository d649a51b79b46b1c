/**
 * Totals that must agree (issue 10): every figure that splits the loaded records — the timeline's
 * buckets, channels, sentiment labels, case categories, faults with their "none" — adds up to what the
 * ledger loaded. Each broken identity is returned as one line naming the figure and both numbers.
 */
import type { AnalyzeResult } from '../../src/analysis/pipeline.ts';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Every identity `result` breaks, as readable lines; empty when the totals agree. */
export function partitionLeaks(result: AnalyzeResult): string[] {
  const { report } = result;
  const { counts, ledger, sections: s } = report;
  const leaks: string[] = [];
  const same = (what: string, got: number, want: number) => {
    if (got !== want) leaks.push(`${what}: ${got} ≠ ${want} (off by ${got - want})`);
  };
  const m = counts.messages;
  const c = counts.cases;

  // The ledger's loaded records are the tables.
  same('ledger loaded (messages sources) = counts.messages', sum(ledger.sources.filter((x) => x.table === 'messages').map((x) => x.loaded)), m);
  same('ledger loaded (cases sources) = counts.cases', sum(ledger.sources.filter((x) => x.table === 'cases').map((x) => x.loaded)), c);
  same('ledger loaded = messages + cases', ledger.totals.loaded, m + c);
  for (const x of ledger.sources) same(`ledger of ${x.file}: loaded + rejected + superseded + duplicates = read`, x.loaded + x.rejected + x.superseded + x.duplicates, x.read);
  same('rows in the messages table', result.messages.length, m);
  same('rows in the cases table', result.cases.length, c);
  same('counts.channels = counts.messages', sum(counts.channels.map((x) => x.messages)), m);

  const t = s.timeline;
  if (t) {
    const loaded = t.source === 'messages' ? m : c;
    const drawn = sum(t.buckets.map((b) => b.total));
    // Records left off the curve are allowed only when counted.
    same(`timeline (${t.source}): buckets + excludedBefore + excludedAfter = loaded`, drawn + t.domain.excludedBefore + t.domain.excludedAfter, loaded);
    t.buckets.forEach((b, i) => {
      const byChannel = sum(Object.values(b.byChannel));
      if (byChannel !== b.total) leaks.push(`timeline bucket ${i} (${b.start}): channels ${byChannel} ≠ total ${b.total}`);
    });
    if (t.source === 'messages' && !t.domain.excludedBefore && !t.domain.excludedAfter) {
      same('timeline: customer messages over the buckets = counts.inboundMessages', sum(t.buckets.map((b) => b.inbound)), counts.inboundMessages);
      same('timeline: brand messages over the buckets = counts.brandMessages', sum(t.buckets.map((b) => b.brand)), counts.brandMessages);
    }
    if (t.bySentiment) {
      const scoped = sum(t.buckets.map((b) => (t.bySentiment!.scope === 'inbound' ? b.inbound : b.total)));
      same(`timeline.bySentiment: labels over the buckets = ${t.bySentiment.scope} messages on the curve`, sum(t.bySentiment.labels.map((l) => sum(t.bySentiment!.counts[l] ?? []))), scoped);
      same('timeline.bySentiment.total = labels over the buckets', sum(t.bySentiment.total), scoped);
    }
  }

  const sent = s.sentiment;
  if (sent) {
    same('sentiment: customer + brand = counts.messages', sent.customer.total + sent.brand.total, m);
    same('sentiment: customer = counts.inboundMessages', sent.customer.total, counts.inboundMessages);
    for (const [who, x] of [['customer', sent.customer], ['brand', sent.brand]] as const) same(`sentiment.${who}: negative + neutral + positive = total`, x.negative + x.neutral + x.positive, x.total);
    same('sentiment.byChannel totals = customer total', sum(sent.byChannel.map((x) => x.total)), sent.customer.total);
    for (const x of sent.byChannel) same(`sentiment.byChannel ${x.channel}: negative + neutral + positive = total`, x.negative + x.neutral + x.positive, x.total);
    const labelled = result.messages.filter((msg) => result.columns.get(msg.id)?.sentiment != null).length;
    same('messages with a sentiment column = counts.messages', labelled, m);
  }

  const r = s.response;
  if (r?.conversations) {
    const { answered, unanswered } = r.conversations;
    // Not measurable (no brand messages): answered and unanswered are null, and there is nothing to add up.
    if (answered !== null && unanswered !== null) same('response: answered + unanswered = conversations', answered + unanswered, r.conversations.conversations);
    same('response.conversations = counts.conversations', r.conversations.conversations, counts.conversations);
    same('response.byChannel conversations = conversations', sum(r.byChannel.map((x) => x.conversations)), r.conversations.conversations);
    if (answered !== null) same('response.conversations.bands = answered', sum(r.conversations.bands.map((x) => x.conversations)), answered);
  }
  if (r?.firstHop) same('response.firstHop.inboundMessages = counts.inboundMessages', r.firstHop.inboundMessages, counts.inboundMessages);
  if (r?.cases) {
    same('response.cases.cases = counts.cases', r.cases.cases, c);
    for (const key of ['byCategory', 'byProduct', 'byChannel', 'byCompany'] as const) same(`response.cases.${key} (with "(none)") = cases`, sum(r.cases[key].map((x) => x.cases)), c);
    same('response.cases.statuses (with "(none)") = cases', sum(r.cases.statuses.map((x) => x.cases)), c);
    if (r.cases.timely) same('response.cases.timely: yes + no + unknown = cases', r.cases.timely.yes + r.cases.timely.no + r.cases.timely.unknown, c);
  }

  const cov = s.coverage;
  if (cov) {
    same('coverage.grid inbound = counts.inboundMessages', sum(cov.grid.map((x) => x.inbound)), counts.inboundMessages);
    same('coverage: inside + outside business hours inbound = counts.inboundMessages', cov.businessHours.inside.inbound + cov.businessHours.outside.inbound, counts.inboundMessages);
    same('coverage.grid conversations = counts.conversations', sum(cov.grid.map((x) => x.conversations)), counts.conversations);
    same('coverage: inside + outside conversations = counts.conversations', cov.businessHours.inside.conversations + cov.businessHours.outside.conversations, counts.conversations);
  }
  if (s.playbook) same('playbook.conversations = counts.conversations', s.playbook.conversations, counts.conversations);
  if (s.amplifiers) same('amplifiers.messages = counts.inboundMessages', s.amplifiers.messages, counts.inboundMessages);

  const f = s.faults;
  if (f) {
    // A record classified from its text gets one fault; one with a structured fault column may name several
    // (`ENGINE,POWER TRAIN`: its fault column holds them `;`-joined) and counts once per fault.
    const faultsOf = (v: unknown) => (typeof v === 'string' && v ? v.split(';').length : 0);
    const assignments = sum(result.messages.map((msg) => faultsOf(result.columns.get(msg.id)?.fault))) + sum(result.cases.map((x) => faultsOf(result.caseColumns.get(x.id)?.fault)));
    same('faults: pareto counts = fault assignments (one per record and fault)', sum(f.pareto.map((x) => x.count)), assignments);
    if (!f.codedRecords) same('faults: pareto counts = classified (text classification: one fault per record)', sum(f.pareto.map((x) => x.count)), f.classified);
    if (f.classified > f.considered) leaks.push(`faults: classified ${f.classified} > considered ${f.considered}`);
    if (f.casesClassified > f.casesConsidered) leaks.push(`faults: cases classified ${f.casesClassified} > considered ${f.casesConsidered}`);
    const messagesWithFault = result.messages.filter((msg) => result.columns.get(msg.id)?.fault != null).length;
    const casesWithFault = result.cases.filter((x) => result.caseColumns.get(x.id)?.fault != null).length;
    same('messages with a fault column = classified − cases classified', messagesWithFault, f.classified - f.casesClassified);
    same('cases with a fault column = cases classified', casesWithFault, f.casesClassified);
    for (const x of f.pareto) same(`faults.${x.faultId}: volume over the buckets = count`, sum(x.volume), x.count);
  }
  return leaks;
}
