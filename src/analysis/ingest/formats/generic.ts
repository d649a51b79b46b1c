import { headerKey, type FormatSpec } from './types.ts';

/**
 * Header synonyms for any CSV/TSV/JSON export, most specific first. The first
 * header cell that matches a synonym claims the field.
 */
export const SYNONYMS: Record<string, string[]> = {
  id: ['id', 'message_id', 'post_id', 'tweet_id', 'comment_id', 'ticket_id', 'ticket_no', 'ticket_number', 'case_id', 'case_number', 'complaint_id', 'uuid'],
  created_at: ['created_at', 'created', 'created_time', 'date', 'timestamp', 'time', 'datetime', 'date_time', 'date_received', 'posted_at', 'published_at', 'sent_at', 'tweet_created'],
  opened_at: ['opened_at', 'opened', 'created_at', 'created', 'date_received', 'submitted_at', 'date', 'timestamp'],
  text: ['text', 'body', 'message', 'content', 'comment', 'full_text', 'post_text', 'description', 'narrative', 'consumer_complaint_narrative', 'subject'],
  author: ['author', 'author_id', 'user', 'username', 'user_name', 'screen_name', 'handle', 'from', 'sender', 'requester', 'customer', 'name'],
  parent_id: ['parent_id', 'in_reply_to', 'in_reply_to_id', 'in_response_to', 'in_response_to_tweet_id', 'reply_to', 'in_reply_to_status_id'],
  conversation_id: ['conversation_id', 'thread_id', 'thread'],
  channel: ['channel', 'platform', 'network', 'source', 'via', 'submitted_via'],
  inbound: ['inbound', 'is_inbound', 'incoming'],
  is_brand: ['is_brand', 'from_brand', 'outbound', 'is_agent'],
  likes: ['likes', 'like_count', 'favorites', 'favorite_count', 'reactions'],
  shares: ['shares', 'share_count', 'retweets', 'retweet_count', 'reposts'],
  replies: ['replies', 'reply_count', 'comments_count'],
  first_response_at: ['first_response_at', 'first_reply_at', 'first_responded_at', 'responded_at'],
  resolved_at: ['resolved_at', 'resolved', 'solved_at', 'solved'],
  closed_at: ['closed_at', 'closed'],
  updated_at: ['updated_at', 'updated', 'last_modified', 'modified_at', 'modified'],
  status: ['status', 'state'],
  category: ['category', 'topic', 'issue', 'type', 'reason'],
  subcategory: ['subcategory', 'sub_category', 'sub_issue', 'subtopic'],
  product: ['product', 'product_name', 'model', 'sku'],
  company: ['company', 'brand', 'organization', 'mfr_name'],
  // Ticket fields (cases only). A flag that is true when the SLA was *breached* (`sla_breached`) is not `sla_met`: no synonym for it.
  priority: ['priority', 'severity', 'urgency', 'priority_level'],
  team: ['team', 'assignment_group', 'assigned_group', 'group', 'group_name', 'queue'],
  agent: ['agent', 'assignee', 'assigned_to', 'assignee_name', 'agent_name', 'owner'],
  due_at: ['due_at', 'due', 'due_date', 'due_by', 'sla_due', 'sla_due_at', 'target_date', 'target_dt', 'resolve_by'],
  sla_met: ['sla_met', 'made_sla', 'within_sla', 'sla_status', 'ontime_status', 'on_time', 'ontime'],
  reopen_count: ['reopen_count', 'reopens', 'reopened_count', 'times_reopened'],
  reassignment_count: ['reassignment_count', 'reassignments', 'reassign_count', 'times_reassigned'],
};

const MESSAGE_KEYS = ['id', 'created_at', 'text', 'author', 'parent_id', 'conversation_id', 'channel', 'inbound', 'is_brand', 'likes', 'shares', 'replies'];
const CASE_KEYS = [
  'id', 'opened_at', 'first_response_at', 'resolved_at', 'closed_at', 'updated_at', 'status', 'category', 'subcategory', 'product', 'company', 'channel', 'text',
  'priority', 'team', 'agent', 'due_at', 'sla_met', 'reopen_count', 'reassignment_count',
];

/** Finds a column for each canonical field from the header's names. */
export function guessColumns(header: string[], table: 'messages' | 'cases'): Record<string, string> {
  const byKey = new Map<string, string>();
  for (const h of header) if (!byKey.has(headerKey(h))) byKey.set(headerKey(h), h);
  // Nested JSON arrives as dotted keys (`user.screen_name`): the last part names the field too,
  // after every name of the record's own (`tweet_id` is the id, not a nested `user.id`).
  const byLast = new Map<string, string>();
  for (const h of header) {
    const last = h.includes('.') ? headerKey(h.slice(h.lastIndexOf('.') + 1)) : '';
    if (last && !byKey.has(last) && !byLast.has(last)) byLast.set(last, h);
  }
  const used = new Set<string>();
  const out: Record<string, string> = {};
  for (const field of table === 'cases' ? CASE_KEYS : MESSAGE_KEYS) {
    for (const names of [byKey, byLast]) {
      const col = SYNONYMS[field].map((syn) => names.get(headerKey(syn))).find((c) => c !== undefined && !used.has(c));
      if (col !== undefined) {
        out[field] = col;
        used.add(col);
        break;
      }
    }
  }
  return out;
}

/** True when a header reads like cases (tickets, complaints) rather than messages. */
export function looksLikeCases(header: string[]): boolean {
  const keys = new Set(header.map(headerKey));
  return ['status', 'state', 'resolvedat', 'solvedat', 'closedat', 'openedat', 'ticketid', 'caseid', 'complaintid'].filter((k) => keys.has(k)).length >= 2;
}

/**
 * Any delimited or JSON export, mapped by header synonyms or explicit columns.
 * Texts are kept exactly as written, except on records whose channel is
 * `twitter` or `x`: those come from the X API, which HTML-escapes `&`, `<`
 * and `>`, and are decoded once (a social-listening export mixes channels).
 */
export const generic: FormatSpec = {
  id: 'generic',
  table: 'messages',
  kind: 'csv',
  columns: {},
  attributes: [],
  channel: 'unknown',
  detect: () => true,
  expand: (value) => (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : { value: v })),
  notes: [],
  htmlEscapedText: 'twitter-channel',
};
