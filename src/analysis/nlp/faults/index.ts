/**
 * Faults: classify complaints against a configured taxonomy and discover
 * recurring complaints the taxonomy does not cover.
 *
 * ```ts
 * const result = classifyFaults(messages, taxonomy, { bucketMs: 3_600_000 });
 * result.assignments['123']; // { faultId: 'lost_luggage', evidence: { text: 'lost my bag', … } }
 * const candidates = discoverCandidateFaults(messages, { excludeIds: new Set(Object.keys(result.assignments)) });
 * ```
 */
export { classifyFaults, FAULTS_VERSION, inFaultScope, labelsInFaultScope } from './classify.ts';
export { discoverCandidateFaults, rankCandidateFaults } from './discover.ts';
export { parseFaultTaxonomy } from './taxonomy.ts';
export type {
  CandidateFault,
  CandidateFaultOptions,
  FaultAssignment,
  FaultDefinition,
  FaultEvidence,
  FaultsOptions,
  FaultsResult,
  FaultSummary,
  FaultTaxonomy,
} from './types.ts';
export type { SentimentLabel, TextMessage } from '../phrases/types.ts';
