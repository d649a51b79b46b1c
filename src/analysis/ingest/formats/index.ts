/** The format registry and auto-detection. */
import type { FormatId } from '../../config/source-config.ts';
import { airline } from './airline.ts';
import { cfpb } from './cfpb.ts';
import { generic } from './generic.ts';
import { twcs } from './twcs.ts';
import { twitterV2 } from './twitter-v2.ts';
import { zendesk } from './zendesk.ts';
import type { FormatSpec } from './types.ts';

export type { FlatRecord, FormatSpec } from './types.ts';

/** Specific formats first: detection takes the first that matches, generic last. */
export const FORMAT_SPECS: FormatSpec[] = [twcs, airline, cfpb, twitterV2, zendesk, generic];

export function formatSpec(id: FormatId): FormatSpec {
  return FORMAT_SPECS.find((f) => f.id === id)!;
}

/** The format a CSV header or a parsed JSON value looks like. */
export function detectFormat(sample: { header?: string[]; json?: unknown }): FormatSpec {
  const kind = sample.json !== undefined ? 'json' : 'csv';
  return FORMAT_SPECS.find((f) => f.id !== 'generic' && f.kind === kind && f.detect(sample)) ?? generic;
}
