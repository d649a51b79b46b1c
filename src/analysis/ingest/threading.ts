/** Reply trees and who speaks for the brand: decided once every row is loaded. */
import type { Message } from '../model.ts';
import type { MessageDraft } from './map-record.ts';
import { normalizeHandle } from './values.ts';

/**
 * Resolves conversation ids (the export's, else the root of the parent chain
 * within the data: a message whose parent is absent starts its own tree) and
 * brand/inbound flags (configured handles, else the export's own flags).
 */
export function finishMessages(drafts: MessageDraft[], brandHandles: string[]): Message[] {
  const byId = new Map<string, MessageDraft>();
  for (const d of drafts) byId.set(d.id, d);
  const roots = new Map<string, string>();
  const rootOf = (start: MessageDraft): string => {
    const path: MessageDraft[] = [];
    const onPath = new Set<string>();
    let node = start;
    let root: string | undefined;
    for (;;) {
      const known = node.conversationId ?? roots.get(node.id);
      if (known) {
        root = known;
        break;
      }
      path.push(node);
      onPath.add(node.id);
      const parent = node.parentId ? byId.get(node.parentId) : undefined;
      // A cycle (corrupt export) is cut at the first message that repeats.
      if (!parent || onPath.has(parent.id)) {
        root = node.id;
        break;
      }
      node = parent;
    }
    for (const p of path) roots.set(p.id, root);
    return root;
  };
  const handles = new Set(brandHandles.map(normalizeHandle));
  return drafts.map((d) => {
    const isBrand = (d.author !== null && handles.has(normalizeHandle(d.author))) || d.isBrandFlag === true || d.inboundFlag === false;
    const { inboundFlag, isBrandFlag, ...rest } = d;
    return { ...rest, conversationId: rootOf(d), isBrand, inbound: inboundFlag ?? (isBrandFlag === null ? !isBrand : !isBrandFlag) };
  });
}
