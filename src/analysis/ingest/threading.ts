/** Reply trees and who speaks for the brand: decided once every row is loaded. */
import { Interner } from '../core/intern.ts';
import type { Message } from '../model.ts';
import type { MessageDraft } from './map-record.ts';
import { normalizeHandle } from './values.ts';

/**
 * Resolves conversation ids (the export's, else the root of the parent chain
 * within the data: a message whose parent is absent starts its own tree) and
 * brand/inbound flags (configured handles, else the export's own flags).
 * `byId` is the drafts by id, when the reader has kept them so (a million
 * messages: one map fewer to fill).
 */
export function finishMessages(drafts: MessageDraft[], brandHandles: string[], byId = draftsById(drafts)): Message[] {
  const roots = new Map<string, string>();
  // One path buffer for every walk; reply chains are short, so a cycle is looked for in the path itself
  // until it grows long (a per-walk Set for a million messages is mostly garbage).
  const path: MessageDraft[] = [];
  const onPath = new Set<MessageDraft>();
  const seenOnPath = (d: MessageDraft): boolean => {
    if (path.length < 64) return path.includes(d);
    if (onPath.size === 0) for (const p of path) onPath.add(p);
    return onPath.has(d);
  };
  const rootOf = (start: MessageDraft): string => {
    path.length = 0;
    onPath.clear();
    let node = start;
    let root: string | undefined;
    for (;;) {
      const known = node.conversationId ?? roots.get(node.id);
      if (known) {
        root = known;
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
    for (const p of path) roots.set(p.id, root);
    return root;
  };
  const handles = new Set(brandHandles.map(normalizeHandle));
  // One string per author, and a parent id that is its parent's own id: each record parsed its own copy, which a
  // million messages would keep (a few tens of MB).
  const authors = new Interner();
  const out = new Array<Message>(drafts.length);
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    if (d.author !== null) d.author = authors.keys[authors.id(d.author)]!;
    const isBrand = (d.author !== null && handles.has(normalizeHandle(d.author))) || d.isBrandFlag === true || d.inboundFlag === false;
    // A literal in the draft's key order (flags dropped, isBrand and inbound last): excerpts serialise messages in this order.
    out[i] = {
      id: d.id,
      conversationId: rootOf(d),
      parentId: d.parentId === null ? null : (byId.get(d.parentId)?.id ?? d.parentId),
      channel: d.channel,
      author: d.author,
      createdAt: d.createdAt,
      text: d.text,
      likes: d.likes,
      shares: d.shares,
      replies: d.replies,
      sourceFile: d.sourceFile,
      sourceRow: d.sourceRow,
      attributes: d.attributes,
      isBrand,
      inbound: d.inboundFlag ?? (d.isBrandFlag === null ? !isBrand : !d.isBrandFlag),
    };
  }
  return out;
}

/** Each draft by its id (ids are unique: the reader keeps the first). */
function draftsById(drafts: readonly MessageDraft[]): Map<string, MessageDraft> {
  const byId = new Map<string, MessageDraft>();
  for (const d of drafts) byId.set(d.id, d);
  return byId;
}
