/** Reply trees and who speaks for the brand: decided once every row is loaded. */
import { Interner } from '../core/intern.ts';
import type { Message } from '../model.ts';
import type { MessageDraft } from './map-record.ts';
import { normalizeHandle } from './values.ts';

/**
 * Resolves conversation ids (the export's, else the root of the parent chain
 * within the data: a message whose parent is absent starts its own tree) and
 * brand/inbound flags (configured handles, else the export's own flags).
 * Completes the drafts in place and returns the same array as messages.
 * `byId` is the drafts by id, when the reader has kept them so (a million
 * messages: one map fewer to fill).
 */
export function finishMessages(drafts: MessageDraft[], brandHandles: string[], byId: { get(id: string): MessageDraft | undefined } = draftsById(drafts)): Message[] {
  // One path buffer for every walk; reply chains are short, so a cycle is looked for in the path itself
  // until it grows long (a per-walk Set for a million messages is mostly garbage).
  const path: MessageDraft[] = [];
  const onPath = new Set<MessageDraft>();
  const seenOnPath = (d: MessageDraft): boolean => {
    if (path.length < 64) return path.includes(d);
    if (onPath.size === 0) for (const p of path) onPath.add(p);
    return onPath.has(d);
  };
  // A walked message's root is kept as its conversation id, so later walks stop there (a map of a million roots
  // cost a second).
  const rootOf = (start: MessageDraft): string => {
    path.length = 0;
    onPath.clear();
    let node = start;
    let root: string;
    for (;;) {
      if (node.conversationId !== null) {
        root = node.conversationId;
        break;
      }
      path.push(node);
      if (onPath.size) onPath.add(node);
      const parent = node.parentId ? byId.get(node.parentId) : undefined;
      // A cycle (corrupt export) is cut at the first message that repeats.
      if (!parent || seenOnPath(parent)) {
        root = node.id;
        break;
      }
      node = parent;
    }
    for (const p of path) p.conversationId = root;
    return root;
  };
  const handles = new Set(brandHandles.map(normalizeHandle));
  // One string per author, and a parent id that is its parent's own id: each record parsed its own copy, which a
  // million messages would keep (a few tens of MB).
  const authors = new Interner();
  for (const d of drafts) {
    if (d.author !== null) d.author = authors.keys[authors.id(d.author)]!;
    rootOf(d);
    if (d.parentId !== null) d.parentId = byId.get(d.parentId)?.id ?? d.parentId;
    // Until here isBrand and inbound are the export's flags.
    const isBrand = (d.author !== null && handles.has(normalizeHandle(d.author))) || d.isBrand === true || d.inbound === false;
    d.inbound = d.inbound ?? (d.isBrand === null ? !isBrand : !d.isBrand);
    d.isBrand = isBrand;
  }
  return drafts as Message[];
}

/** Each draft by its id (ids are unique: the reader keeps the first). */
function draftsById(drafts: readonly MessageDraft[]): Map<string, MessageDraft> {
  const byId = new Map<string, MessageDraft>();
  for (const d of drafts) byId.set(d.id, d);
  return byId;
}
