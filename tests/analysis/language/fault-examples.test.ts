/** Fault examples: chosen once by the analysis, earliest first, one per distinct text, messages and cases in one time line. */
import { describe, expect, it } from 'vitest';
import { examplesOfRecordColumns, examplesOfRecords, faultExamples, type FaultRecord } from '../../../src/analysis/language/fault-examples.ts';
import type { Case, Message } from '../../../src/analysis/model.ts';
import { caseRow } from '../../helpers/cases.ts';

const kase = (id: string, day: number, text = 'late payment reported'): Case => caseRow({ id, openedAt: Date.UTC(2019, 1, day), text, sourceFile: 'complaints.csv', sourceRow: day });

const message = (id: string, day: number, text: string): Message => ({
  id,
  conversationId: id,
  parentId: null,
  channel: 'twitter',
  author: 'a',
  isBrand: false,
  inbound: true,
  createdAt: Date.UTC(2019, 1, day),
  text,
  likes: null,
  shares: null,
  replies: null,
  sourceFile: 'posts.csv',
  sourceRow: day,
  attributes: {},
});

describe('faultExamples', () => {
  it('takes the earliest, once per text (case-insensitive, retweets folded), with cases prefixed', () => {
    const cases = [kase('7', 20, 'a late payment again'), kase('3', 18), kase('5', 19), kase('9', 21, 'Late payment reported')];
    const faults: Record<string, string> = { 'case:7': 'late', 'case:3': 'late', 'case:9': 'late' };
    expect(faultExamples([], cases, (id) => (faults[id] ? [faults[id]] : undefined)).get('late')).toEqual(['case:3', 'case:7']);
  });

  it('puts messages and cases in one time line and keeps at most five', () => {
    const messages = [1, 2, 3, 4, 5, 6].map((d) => message(`m${d}`, d, d === 2 ? 'RT lock dead' : `lock dead ${d}`));
    messages.push(message('m0', 0, 'lock dead'));
    const cases = [kase('c', 1, 'my lock is dead')];
    const fault = (id: string) => (id === 'case:c' || id.startsWith('m') ? ['dead'] : undefined);
    expect(faultExamples(messages, cases, fault).get('dead')).toEqual(['m0', 'm1', 'case:c', 'm3', 'm4']);
  });

  it('makes a record with several faults an example of each', () => {
    const cases = [kase('a', 1, ''), kase('b', 2, '')];
    const faults: Record<string, string[]> = { 'case:a': ['engine', 'power-train'], 'case:b': ['engine'] };
    const examples = faultExamples([], cases, (id) => faults[id]);
    expect(examples.get('engine')).toEqual(['case:a', 'case:b']);
    expect(examples.get('power-train')).toEqual(['case:a']);
  });

  it('gives the same examples from the records with a fault, in any order, ties of time in the tables\' order', () => {
    const messages = [message('m1', 3, 'lock dead'), message('m2', 1, 'lock dead twice'), message('m3', 1, 'lock dead again')];
    const cases = [kase('c1', 1, 'my lock is dead'), kase('c2', 2, 'lock dead')];
    const faults: Record<string, string[]> = { m1: ['dead'], m2: ['dead'], m3: ['dead', 'battery'], 'case:c1': ['dead'], 'case:c2': ['battery'] };
    const records: FaultRecord[] = [
      { id: 'case:c2', at: cases[1]!.openedAt, text: cases[1]!.text, faults: faults['case:c2']!, order: 4 },
      { id: 'm3', at: messages[2]!.createdAt, text: messages[2]!.text, faults: faults['m3']!, order: 2 },
      { id: 'case:c1', at: cases[0]!.openedAt, text: cases[0]!.text, faults: faults['case:c1']!, order: 3 },
      { id: 'm1', at: messages[0]!.createdAt, text: messages[0]!.text, faults: faults['m1']!, order: 0 },
      { id: 'm2', at: messages[1]!.createdAt, text: messages[1]!.text, faults: faults['m2']!, order: 1 },
    ];
    const expected = faultExamples(messages, cases, (id) => faults[id]);
    expect(examplesOfRecords(records)).toEqual(expected);
    expect(expected.get('dead')).toEqual(['m2', 'm3', 'case:c1', 'm1']);
    expect(expected.get('battery')).toEqual(['m3', 'case:c2']);
  });

  it('gives the same examples from records read by index, and reads no further once every fault has its examples', () => {
    // Ties of time broken by place; one text repeated (one example); two faults, one record of both.
    const records: FaultRecord[] = Array.from({ length: 400 }, (_, i) => ({
      id: `m${i}`,
      at: Date.UTC(2019, 1, 1 + (i % 9)),
      text: i % 5 === 0 ? 'lock dead' : `lock dead ${i}`,
      faults: i === 7 ? ['dead', 'battery'] : [i % 2 ? 'dead' : 'battery'],
      order: (i * 37) % 400,
    }));
    const expected = examplesOfRecords([...records]);
    let made = 0;
    const columns = { at: Float64Array.from(records, (r) => r.at), order: Float64Array.from(records, (r) => r.order), record: (i: number) => (made++, records[i]!) };
    expect(examplesOfRecordColumns(columns, ['dead', 'battery'])).toEqual(expected);
    expect(expected.get('dead')!.length).toBe(5);
    expect(made).toBeLessThan(100);
    // A fault that never fills its examples: every record is read, the examples the same.
    made = 0;
    expect(examplesOfRecordColumns(columns, ['dead', 'battery', 'never'])).toEqual(expected);
    expect(made).toBe(400);
  });
});
