/**
 * Per-text tasks: the hot loops of the language analyses, as pure functions
 * of one text. Each is named and built from plain, cloneable parameters, so
 * the same task runs in-process (browser, small inputs) or in a worker
 * thread (Node, large inputs) with identical results.
 */
import { compileTaxonomy } from '../nlp/faults/compile.ts';
import { findComplaints, type ComplaintMatch } from '../nlp/faults/complaintPatterns.ts';
import { matchMessage } from '../nlp/faults/match.ts';
import { decodeFaultMatches, encodeFaultMatches } from '../nlp/faults/match-codes.ts';
import type { FaultAssignment, FaultTaxonomy } from '../nlp/faults/types.ts';
import { indexDocuments, type IndexedDocs } from '../nlp/phrases/corpus.ts';
import { DISCOVERY_BATCH, discoverPhrases, type DiscoveredPhrase } from '../nlp/phrases/discover.ts';
import { PhraseMatcher } from '../nlp/phrases/matcher.ts';
import { copyKeyHash } from '../nlp/repeat-key.ts';
import { createSentimentScorer, type SentimentResult } from '../nlp/sentiment/index.ts';
import { arrowBatchCsv, type ArrowCsvOptions } from '../report/arrow-csv.ts';
import { createPrivacy, type PrivacySettings } from '../report/privacy.ts';

/** Every task: its parameters and its result for one text. */
export interface TextTasks {
  /** Sentiment label and score (shipped model). */
  sentiment: { params: Record<string, never>; result: SentimentResult };
  /** The configured fault a text shows, with evidence, or null. */
  'fault-match': { params: { taxonomy: FaultTaxonomy }; result: FaultAssignment | null };
  /** Complaint shapes for fault discovery ("my X won't Y"). */
  complaints: { params: Record<string, never>; result: ComplaintMatch[] };
  /**
   * A text as a shared report may show it (report/privacy.ts): personal data
   * masked, mentions pseudonymised; null when that leaves it unchanged, as
   * for most texts, so no copy of it comes back from a worker.
   */
  'privacy-text': { params: { settings: PrivacySettings; brandHandles: string[]; salt: string }; result: string | null };
  /** A hash of the text's repeat key (nlp/repeat-key.ts), or -1 when it is too short to count as a copy. */
  'copy-key': { params: Record<string, never>; result: number };
}

export type TextTaskName = keyof TextTasks;
export type TextTaskParams<K extends TextTaskName> = TextTasks[K]['params'];
export type TextTaskResult<K extends TextTaskName> = TextTasks[K]['result'];

type Factories = { [K in TextTaskName]: (params: TextTaskParams<K>) => (text: string) => TextTaskResult<K> };

const FACTORIES: Factories = {
  sentiment: () => createSentimentScorer(),
  'fault-match': ({ taxonomy }) => {
    const compiled = compileTaxonomy(taxonomy);
    return (text) => matchMessage(text, compiled);
  },
  complaints: () => findComplaints,
  'privacy-text': ({ settings, brandHandles, salt }) => {
    const { text } = createPrivacy(settings, brandHandles, salt);
    return (value) => {
      const out = text(value);
      return out === value ? null : out;
    };
  },
  'copy-key': () => copyKeyHash,
};

/** True when `name` is a known task (messages from a worker channel are untyped). */
export function isTextTaskName(name: unknown): name is TextTaskName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(FACTORIES, name);
}

/** Build the function for a task; setup (model, taxonomy compilation) happens once here. */
export function createTextTask<K extends TextTaskName>(name: K, params: TextTaskParams<K>): (text: string) => TextTaskResult<K> {
  return FACTORIES[name](params);
}

/**
 * How a task's results for a chunk of texts travel between threads when not
 * as they are: numbers rather than an object per text, which the receiving
 * thread would otherwise rebuild one by one as each answer arrives.
 */
interface ResultCodec<R> {
  encode(results: readonly R[]): unknown;
  /** The results again, given the chunk's texts in order. */
  decode(encoded: unknown, texts: readonly string[]): R[];
}

const CODECS: { [K in TextTaskName]?: ResultCodec<TextTaskResult<K>> } = {
  'fault-match': { encode: encodeFaultMatches, decode: (encoded, texts) => decodeFaultMatches(encoded as ReturnType<typeof encodeFaultMatches>, texts) },
};

/**
 * A chunk's results as a worker sends them: `[encoded]` for a task with a
 * codec, else the results themselves. {@link decodeResults} undoes it.
 */
export function encodeResults(task: TextTaskName, results: unknown[]): unknown[] {
  const codec = CODECS[task] as ResultCodec<unknown> | undefined;
  return codec ? [codec.encode(results)] : results;
}

/** A chunk's results as {@link encodeResults} gave them, back as one result per text of `texts`. */
export function decodeResults(task: TextTaskName, results: unknown[], texts: readonly string[]): unknown[] {
  const codec = CODECS[task] as ResultCodec<unknown> | undefined;
  return codec ? codec.decode(results[0], texts) : results;
}

/**
 * Tasks over a run of texts whose per-chunk results the caller merges
 * (phrase discovery tags texts in batches; a chunk must hold whole batches
 * for the merged result to equal one run over all texts).
 */
export interface ChunkTasks {
  /** Candidate phrases of the themes' discovery sample (merge with `mergeDiscovered`). */
  phrases: { params: Record<string, never>; result: Map<string, DiscoveredPhrase> };
  /**
   * The themes' document index of every distinct text, for the dictionary phrases given as stems: one chunk (its
   * documents are merged and folded across all texts), run on a worker thread while this one does other work.
   */
  'doc-index': { params: { phrases: string[][] }; result: IndexedDocs };
}

export type ChunkTaskName = keyof ChunkTasks;
export type ChunkTaskParams<K extends ChunkTaskName> = ChunkTasks[K]['params'];
export type ChunkTaskResult<K extends ChunkTaskName> = ChunkTasks[K]['result'];

type ChunkFactories = { [K in ChunkTaskName]: { align: number; create: (params: ChunkTaskParams<K>) => (texts: readonly string[]) => ChunkTaskResult<K> } };

/** The `align` of a task that runs over all its texts as one chunk. */
const WHOLE = Number.MAX_SAFE_INTEGER;

const CHUNK_FACTORIES: ChunkFactories = {
  phrases: { align: DISCOVERY_BATCH, create: () => (texts) => discoverPhrases(texts) },
  'doc-index': {
    align: WHOLE,
    create: ({ phrases }) => {
      const matcher = new PhraseMatcher(phrases);
      return (texts) => indexDocuments(texts, matcher);
    },
  },
};

/** True when `name` is a known chunk task. */
export function isChunkTaskName(name: unknown): name is ChunkTaskName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CHUNK_FACTORIES, name);
}

/** Chunks of a chunk task hold a multiple of this many texts (the last may hold fewer). */
export function chunkAlign(name: ChunkTaskName): number {
  return CHUNK_FACTORIES[name].align;
}

/** Build the function for a chunk task. */
export function createChunkTask<K extends ChunkTaskName>(name: K, params: ChunkTaskParams<K>): (texts: readonly string[]) => ChunkTaskResult<K> {
  return CHUNK_FACTORIES[name].create(params);
}

/**
 * Tasks over one buffer of bytes, whose result is bytes: the buffer moves to
 * the thread that runs the task, and the result moves back, uncopied. A task
 * owns its input's whole buffer and may write its result over it, so that
 * the same buffer comes back for the caller to use again. They are
 * asynchronous (they load what they need when first run).
 */
export interface ByteTasks {
  /** The CSV rows of an Arrow IPC stream's record batches (report/arrow-csv.ts). */
  'arrow-csv': { params: ArrowCsvOptions };
}

export type ByteTaskName = keyof ByteTasks;
export type ByteTaskParams<K extends ByteTaskName> = ByteTasks[K]['params'];

type ByteFactories = { [K in ByteTaskName]: (params: ByteTaskParams<K>) => (bytes: Uint8Array) => Promise<Uint8Array> };

const BYTE_FACTORIES: ByteFactories = {
  'arrow-csv': (options) => (bytes) => arrowBatchCsv(bytes, options),
};

/** True when `name` is a known byte task. */
export function isByteTaskName(name: unknown): name is ByteTaskName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(BYTE_FACTORIES, name);
}

/** Build the function for a byte task. */
export function createByteTask<K extends ByteTaskName>(name: K, params: ByteTaskParams<K>): (bytes: Uint8Array) => Promise<Uint8Array> {
  return BYTE_FACTORIES[name](params);
}
