/**
 * Typed access to `report.sections`. The report keeps sections as
 * `Record<string, unknown>` because each analysis adds its own; here each is
 * read as the type its analysis declares, after a shape check, so a page
 * renders a section only when it is really there (and never a stale or
 * half-written one).
 */
import type { AmplifiersSection, CoverageSection, PlaybookSection, ResponseSection, TimelineSection } from '../analysis/crisis/types.ts';
import type { SentimentSection } from '../analysis/language/sentiment-analysis.ts';
import type { ThemesResult } from '../analysis/nlp/themes/types.ts';
import type { ReportModel } from '../analysis/report/report-model.ts';

export interface Sections {
  timeline?: TimelineSection;
  response?: ResponseSection;
  coverage?: CoverageSection;
  playbook?: PlaybookSection;
  amplifiers?: AmplifiersSection;
  themes?: ThemesResult;
  sentiment?: SentimentSection;
}

type Check = (value: Record<string, unknown>) => boolean;

const isArray = (v: unknown) => Array.isArray(v);
const CHECKS: Record<keyof Sections, Check> = {
  timeline: (s) => isArray(s.buckets) && isArray(s.episodes) && isArray(s.keyMoments),
  response: (s) => 'conversations' in s && 'firstHop' in s && isArray(s.byChannel),
  coverage: (s) => isArray(s.grid) && typeof s.businessHours === 'object' && s.businessHours !== null,
  playbook: (s) => isArray(s.steps) && typeof s.customer === 'object',
  amplifiers: (s) => isArray(s.mostEngagedPosts) && isArray(s.topAuthorsByMessages),
  themes: (s) => isArray(s.themes),
  sentiment: (s) => typeof s.customer === 'object' && s.customer !== null && isArray(s.byChannel),
};

const cache = new WeakMap<ReportModel, Sections>();

/** The sections of a report that are present and well-formed. */
export function sections(report: ReportModel): Sections {
  let out = cache.get(report);
  if (out) return out;
  out = {};
  for (const key of Object.keys(CHECKS) as (keyof Sections)[]) {
    const value = report.sections[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && CHECKS[key](value as Record<string, unknown>)) {
      (out as Record<string, unknown>)[key] = value;
    }
  }
  cache.set(report, out);
  return out;
}

/** Reads a dotted path (`response.conversations.time.medianSeconds`) from an object. */
export function readPath(root: unknown, dotted: string): unknown {
  let node: unknown = root;
  for (const part of dotted.split('.')) {
    if (node === null || node === undefined) return undefined;
    if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else if (typeof node === 'object') node = (node as Record<string, unknown>)[part];
    else return undefined;
  }
  return node;
}
