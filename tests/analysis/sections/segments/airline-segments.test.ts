/**
 * Segments on real data: Twitter US Airline Sentiment (../shared/data/
 * airline-sentiment/Tweets-dev.csv: 9,494 tweets about United, US Airways and
 * American, see its SOURCE.md) split by its `airline` column. Each airline's
 * volume and negative share are checked against a count written here from the
 * raw file with papaparse, not with Debrief's reader. Skipped, visibly, when
 * ../shared is absent.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { responseAnalysis } from '../../../../src/analysis/crisis/response.ts';
import type { CrisisFiles } from '../../../../src/analysis/ingest/ingest-crisis.ts';
import { sentimentAnalysis } from '../../../../src/analysis/language/sentiment-analysis.ts';
import type { AnalyzeResult } from '../../../../src/analysis/pipeline.ts';
import { segmentsAnalysis } from '../../../../src/analysis/sections/segments/analysis.ts';
import type { SegmentBreakdown } from '../../../../src/analysis/sections/segments/schema.ts';
import { nodeFileSource } from '../../../../src/node/files.ts';
import { runCrisis } from '../../crisis/helpers.ts';
import { sharedData } from '../../../helpers/shared-data.ts';

const data = sharedData('airline-sentiment/Tweets-dev.csv');
const FILE = 'Tweets-dev.csv';
const YAML = `title: US airlines on Twitter, Feb 2015\ntimezone: America/Los_Angeles\nsources:\n  - file: ${FILE}\n    format: airline\nsegments: [airline]\n`;

/** The shared file plus a crisis.yaml held in memory (../shared is read-only). */
function airlineCrisis(file: string): CrisisFiles {
  return {
    async list() {
      return ['crisis.yaml', FILE];
    },
    async readText(name) {
      return name === 'crisis.yaml' ? YAML : null;
    },
    open(name) {
      return nodeFileSource(file, name);
    },
  };
}

interface Reference {
  rows: number;
  /** First row of each tweet_id (the file repeats 155 ids; a repeated id is the same tweet). */
  tweets: { id: string; airline: string; humanLabel: string }[];
}

/** The file read with papaparse, the first row of each tweet_id kept. */
function reference(file: string): Reference {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const seen = new Set<string>();
  const tweets: Reference['tweets'] = [];
  for (const r of parsed.data) {
    if (seen.has(r.tweet_id!)) continue;
    seen.add(r.tweet_id!);
    tweets.push({ id: r.tweet_id!, airline: r.airline!, humanLabel: r.airline_sentiment! });
  }
  return { rows: parsed.data.length, tweets };
}

/** Rounded as report shares are (4 decimals). */
const share = (part: number, whole: number) => Math.round((part / whole) * 10_000) / 10_000;

describe.skipIf(!data.exists)('segments on Twitter US Airline Sentiment, by airline', () => {
  let result: AnalyzeResult;
  let ref: Reference;
  let airline: SegmentBreakdown;
  const airlines = () => [...new Set(ref.tweets.map((t) => t.airline))];
  const of = (name: string) => ref.tweets.filter((t) => t.airline === name);

  beforeAll(async () => {
    ref = reference(data.path);
    result = await runCrisis(airlineCrisis(data.path), [sentimentAnalysis, responseAnalysis, segmentsAnalysis]);
    airline = result.report.sections.segments!.breakdowns[0]!;
  }, 300_000);

  it('the reference agrees with SOURCE.md: 9,494 rows, three airlines, 155 repeated ids', () => {
    expect(ref.rows).toBe(9_494);
    expect(ref.rows - ref.tweets.length).toBe(155);
    expect(airlines().sort()).toEqual(['American', 'US Airways', 'United']);
    expect(ref.tweets.every((t) => t.airline !== '')).toBe(true);
  });

  it('splits by the kept airline attribute, one segment per airline, largest first', () => {
    expect(airline).toMatchObject({ field: 'airline', source: 'attribute', table: 'messages', segmentsTotal: 3, omittedVolume: 0 });
    const expected = airlines()
      .map((a) => [a, of(a).length] as const)
      .sort((x, y) => y[1] - x[1]);
    expect(airline.segments.map((s) => [s.value, s.volume])).toEqual(expected);
    expect(airline.overall.volume).toBe(ref.tweets.length);
    expect(result.report.counts.inboundMessages).toBe(ref.tweets.length);
    for (const s of airline.segments) expect(s.share).toBe(share(s.volume, ref.tweets.length));
  });

  it('negative share per airline is the share of its tweets the sentiment model labelled negative', () => {
    // The model's label of each tweet (the messages.csv `sentiment` column), grouped by the airline read here.
    const label = (id: string) => result.columns.value(id, 'sentiment');
    for (const s of airline.segments) {
      const tweets = of(s.value);
      const negative = tweets.filter((t) => label(t.id) === 'negative').length;
      expect([s.value, s.labelled, s.negative, s.negativeShare]).toEqual([s.value, tweets.length, negative, share(negative, tweets.length)]);
    }
  });

  it('negative share per airline is within 4 points of the annotators\', in the same order', () => {
    const human = (a: string) => share(of(a).filter((t) => t.humanLabel === 'negative').length, of(a).length);
    for (const s of airline.segments) expect(Math.abs(s.negativeShare! - human(s.value))).toBeLessThan(0.04);
    const order = (f: (a: string) => number) => airlines().sort((a, b) => f(b) - f(a));
    expect(order((a) => airline.segments.find((s) => s.value === a)!.negativeShare!)).toEqual(order(human));
  });

  it('response figures are not measurable: the export has no brand replies', () => {
    for (const s of [airline.overall, ...airline.segments]) {
      expect(s).toMatchObject({ firstResponse: { medianSeconds: null, p90Seconds: null }, slaShare: null });
      expect(s.firstResponseNotMeasurable).toBe('the export contains no brand replies');
      expect(s.slaShareNotMeasurable).toBe('the export contains no brand replies');
    }
  });
});
