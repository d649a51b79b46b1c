/**
 * Zendesk Support API exports → `cases` (tickets) and `messages` (ticket comments).
 *
 * Tickets: pages of `GET /api/v2/tickets.json`, `/api/v2/incremental/tickets.json`
 * (time-based: `next_page`, `end_time`, `end_of_stream`) or `…/incremental/tickets/cursor.json`
 * (`after_cursor`, `end_of_stream`), and `GET /api/v2/tickets/{id}.json` (`{ ticket }`),
 * with optional sideloads `users` and `metric_sets` (`include=users,metric_sets`), or a
 * `metric_set` nested in each ticket (search / show_many with `include=metric_sets`).
 *
 * Comments: `GET /api/v2/tickets/{id}/comments.json` does not repeat the ticket id in
 * its comments, so a comments page is read when it is wrapped as
 * `{ "ticket_id": 35436, "comments": [...], "users": [...] }`, or when each comment
 * carries its own `ticket_id` (as connector exports such as tap-zendesk write them).
 * Without either, a comment's conversation is unknown (null).
 *
 * One file may hold one page, a JSON array of pages, or NDJSON with one page per line;
 * bare tickets (with `requester_id`) and bare comments (with `ticket_id`), one per
 * line or array element as connector exports write them, are read too.
 */
import { CASE_FIELDS, MESSAGE_FIELDS } from '../../config/source-config.ts';
import type { FlatRecord, FormatSpec } from './types.ts';

type Obj = Record<string, unknown>;

// `priority` is a canonical case field (CASE_FIELDS), not an attribute.
const ATTRIBUTES = ['tags', 'requester_id', 'assignee_id', 'organization_id', 'satisfaction', 'reopens', 'public', 'author_role'];
/** Statuses of a ticket that is not (or no longer) solved. */
const ACTIVE = new Set(['new', 'open', 'pending', 'hold']);
const PAGING = ['next_page', 'previous_page', 'end_of_stream', 'after_cursor', 'count', 'meta'];

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An id as a lookup key. Zendesk ids are JSON integers; 64-bit ones beyond 2^53
 * arrive as their exact digits (exact-json.ts), so `String()` keeps every id exact.
 */
function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return null;
}

/** An id field of a record: a number a double could not hold exactly stays a number, for the ingest to refuse (cleanId). */
function idField(value: unknown): string | number | null {
  return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value) ? value : idOf(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A JSON number, or the digits of an integer beyond 2^53. */
function num(value: unknown): number | null {
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isTicket(value: unknown): value is Obj {
  return isObj(value) && idOf(value.id) !== null && 'status' in value && ('subject' in value || 'via' in value || 'requester_id' in value);
}

function isComment(value: unknown): value is Obj {
  return isObj(value) && idOf(value.id) !== null && 'author_id' in value && ['body', 'plain_body', 'html_body'].some((k) => typeof value[k] === 'string');
}

/** `key` holds a list whose first item passes `test`; an empty list counts when the page has paging keys. */
function listPage(value: Obj, key: string, test: (v: unknown) => boolean): boolean {
  const list = value[key];
  if (!Array.isArray(list)) return false;
  if (list.length > 0) return test(list[0]);
  return PAGING.some((k) => k in value) || 'ticket_id' in value;
}

function isPage(value: unknown): value is Obj {
  if (!isObj(value)) return false;
  return listPage(value, 'tickets', isTicket) || listPage(value, 'comments', isComment) || isTicket(value.ticket);
}

/** One ticket per line/element, as connector exports write them: `requester_id` makes it a ticket. */
function isBareTicket(value: unknown): value is Obj {
  return isTicket(value) && 'requester_id' in value;
}

/** One comment per line/element: only read with its own `ticket_id`, else it belongs nowhere. */
function isBareComment(value: unknown): value is Obj {
  return isComment(value) && 'ticket_id' in value;
}

function isReadable(value: unknown): boolean {
  return isPage(value) || isBareTicket(value) || isBareComment(value);
}

/** Sideloaded records by id (`users`) or by `ticket_id` (`metric_sets`). */
function index(list: unknown, key: string): Map<string, Obj> {
  const out = new Map<string, Obj>();
  if (Array.isArray(list)) {
    for (const item of list) {
      const id = isObj(item) ? idOf(item[key]) : null;
      if (id !== null) out.set(id, item as Obj);
    }
  }
  return out;
}

/** `created_at` plus a duration, as ISO 8601; null when either is missing. */
function after(start: string | null, ms: number | null): string | null {
  const base = start === null ? NaN : Date.parse(start);
  return ms === null || Number.isNaN(base) ? null : new Date(base + ms).toISOString();
}

/** Calendar duration of a metric in ms: `…_in_seconds` (messaging tickets) is finer than `…_in_minutes`. */
function duration(metrics: Obj | undefined, name: string): number | null {
  if (!metrics) return null;
  const seconds = metrics[`${name}_in_seconds`];
  if (isObj(seconds) && num(seconds.calendar) !== null) return num(seconds.calendar)! * 1000;
  const minutes = metrics[`${name}_in_minutes`];
  return isObj(minutes) && num(minutes.calendar) !== null ? num(minutes.calendar)! * 60_000 : null;
}

function channelOf(via: unknown): string | null {
  const channel = isObj(via) ? str(via.channel) : null;
  return channel === null ? null : channel.toLowerCase();
}

/** Custom field values as `custom_field_<id>` keys: field names are account-specific, so crisis.yaml `attributes:` picks the ones to keep. */
function customFields(fields: unknown): FlatRecord {
  const out: FlatRecord = {};
  if (!Array.isArray(fields)) return out;
  for (const field of fields) {
    if (!isObj(field) || idOf(field.id) === null || field.value === null || field.value === undefined) continue;
    const value = Array.isArray(field.value) ? field.value.join(',') : String(field.value);
    if (value !== '') out[`custom_field_${idOf(field.id)}`] = value;
  }
  return out;
}

/** One ticket → one case record. */
function ticketRecord(ticket: Obj, metricSets: Map<string, Obj>): FlatRecord {
  const id = idOf(ticket.id);
  const metrics = isObj(ticket.metric_set) ? ticket.metric_set : id === null ? undefined : metricSets.get(id);
  const status = str(ticket.status)?.toLowerCase() ?? null;
  const opened = str(ticket.created_at);
  const updated = str(ticket.updated_at);
  const tags = Array.isArray(ticket.tags) ? ticket.tags.filter((t): t is string => typeof t === 'string') : [];
  // A reopened ticket keeps its old solved_at; it is not resolved while it is active again.
  const resolved = status !== null && ACTIVE.has(status) ? null : (str(metrics?.solved_at) ?? after(opened, duration(metrics, 'full_resolution_time')));
  const subject = str(ticket.subject);
  const description = str(ticket.description);
  const satisfaction = isObj(ticket.satisfaction_rating) ? str(ticket.satisfaction_rating.score) : null;
  return {
    __table: 'cases',
    ...customFields(ticket.custom_fields),
    id: idField(ticket.id),
    opened_at: opened,
    // Zendesk's reply time is to the first public agent reply, whole minutes unless seconds are given.
    first_response_at: after(opened, duration(metrics, 'reply_time')),
    resolved_at: resolved,
    // Closed tickets can no longer change, so their last update is when they were closed.
    closed_at: status === 'closed' ? updated : null,
    updated_at: updated,
    status,
    // Zendesk's `type` (question/incident/problem/task) when set; else the first tag.
    category: str(ticket.type) ?? tags[0] ?? null,
    // Tag order carries no meaning in Zendesk, so no tag is promoted to subcategory.
    subcategory: null,
    // Product, if recorded at all, lives in an account-specific custom field whose name this export does not carry.
    product: null,
    company: null,
    channel: channelOf(ticket.via),
    text: subject !== null && description !== null ? `${subject}\n\n${description}` : (subject ?? description),
    priority: str(ticket.priority),
    tags: tags.length > 0 ? tags.join(',') : null,
    requester_id: idOf(ticket.requester_id),
    assignee_id: idOf(ticket.assignee_id),
    organization_id: idOf(ticket.organization_id),
    satisfaction: satisfaction === 'unoffered' ? null : satisfaction,
    reopens: num(metrics?.reopens) === null ? null : String(metrics?.reopens),
  };
}

/** One comment → one message record; brand vs customer comes from the author's sideloaded role. */
function commentRecord(comment: Obj, ticketId: string | number | null, users: Map<string, Obj>): FlatRecord {
  const authorId = idOf(comment.author_id);
  const role = authorId === null ? null : str(users.get(authorId)?.role);
  const isBrand = role === 'agent' || role === 'admin' ? true : role === 'end-user' ? false : null;
  return {
    __table: 'messages',
    id: idField(comment.id),
    conversation_id: idField(comment.ticket_id) ?? ticketId,
    parent_id: null,
    channel: channelOf(comment.via),
    author: authorId,
    inbound: isBrand === null ? null : !isBrand,
    is_brand: isBrand,
    created_at: str(comment.created_at),
    // `plain_body` is the text without formatting; older payloads have only `body`.
    text: str(comment.plain_body) ?? str(comment.body),
    likes: null,
    shares: null,
    replies: null,
    public: typeof comment.public === 'boolean' ? String(comment.public) : null,
    author_role: role,
  };
}

function pageRecords(page: Obj): FlatRecord[] {
  const users = index(page.users, 'id');
  const metricSets = index(page.metric_sets, 'ticket_id');
  const tickets = Array.isArray(page.tickets) ? page.tickets : isTicket(page.ticket) ? [page.ticket] : [];
  const comments = Array.isArray(page.comments) ? page.comments : [];
  const ticketId = idField(page.ticket_id);
  return [
    ...tickets.filter(isTicket).map((t) => ticketRecord(t, metricSets)),
    ...comments.filter(isComment).map((c) => commentRecord(c, ticketId, users)),
  ];
}

/** Records of one page, bare ticket or bare comment (without sideloads: roles and metrics unknown). */
function records(value: unknown): FlatRecord[] {
  if (isPage(value)) return pageRecords(value);
  if (isBareTicket(value)) return [ticketRecord(value, new Map())];
  if (isBareComment(value)) return [commentRecord(value, null, new Map())];
  return [];
}

/** Zendesk Support tickets (→ cases) and ticket comments (→ messages). */
export const zendesk: FormatSpec = {
  id: 'zendesk',
  table: 'cases',
  kind: 'json',
  // Records come out keyed by canonical names already; `__table` routes each one.
  columns: Object.fromEntries([...new Set<string>([...CASE_FIELDS, ...MESSAGE_FIELDS])].map((f) => [f, f])),
  attributes: ATTRIBUTES,
  channel: 'web',
  detect: ({ json }) => isReadable(Array.isArray(json) ? json.find((v) => v !== null) : json),
  expand: (value) => (Array.isArray(value) ? value : [value]).flatMap(records),
  notes: [
    'Zendesk: first_response_at = created_at + metric_set reply_time (calendar, whole minutes unless reply_time_in_seconds is given); tickets without a sideloaded metric set have no first response or resolution time.',
    'Zendesk: resolved_at = metric_set solved_at (else created_at + full_resolution_time), left empty while a ticket is new/open/pending/hold; closed_at = updated_at of closed tickets.',
    'Zendesk: category = ticket type, else the first tag; product is empty (custom fields carry ids, not names): list custom_field_<id> under attributes in crisis.yaml to keep one.',
    'Zendesk comments: conversation = the ticket id from a { ticket_id, comments } wrapper or the comment’s ticket_id; brand/customer comes from sideloaded users’ role (agent/admin vs end-user), unknown authors stay unknown.',
  ],
};
