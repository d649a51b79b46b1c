/**
 * Notebook frontmatter: crisis, title, authors, status, date and action
 * items. Checked here so a typo fails the build with the file name instead
 * of rendering a half-empty page. Pure: no Vite, no MDX.
 */

/** One action item of a review. */
export interface ActionItem {
  action: string;
  owner: string;
  /** `YYYY-MM-DD` (or free text when the team wrote something else). */
  due: string;
  /** `open` until the team marks it `done` (default open). */
  status: ActionStatus;
  /** `YYYY-MM-DD` it was done, when the notebook says; empty otherwise. */
  done: string;
}

/** Where an action item stands. */
export type ActionStatus = 'open' | 'done';
const ACTION_FIELDS = ['action', 'owner', 'due', 'status', 'done'];

export interface NotebookMeta {
  crisis: string;
  title: string;
  authors: string[];
  status: 'draft' | 'final';
  date: string;
  actions: ActionItem[];
}

/** A YAML date (a Date, or the ISO text Astro may turn it into) as `YYYY-MM-DD`; other text unchanged. */
function dayText(v: unknown): string {
  if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]') return (v as Date).toISOString().slice(0, 10);
  const s = v === undefined || v === null ? '' : String(v).trim();
  return /^\d{4}-\d\d-\d\dT00:00:00(\.000)?Z$/.test(s) ? s.slice(0, 10) : s;
}

/** Checks and normalises frontmatter; throws listing every problem with the file name. */
export function parseNotebookMeta(raw: Record<string, unknown>, file: string): NotebookMeta {
  const problems: string[] = [];
  const text = (key: string, required = true): string => {
    const v = raw[key];
    const s = typeof v === 'string' || typeof v === 'number' || v instanceof Date ? dayText(v) : '';
    if (s) return s;
    if (required) problems.push(`${key}: required text`);
    return '';
  };
  const crisis = text('crisis');
  const title = text('title');
  const date = text('date');
  const authorsRaw = raw.authors;
  const authors = Array.isArray(authorsRaw) ? authorsRaw.map(String) : typeof authorsRaw === 'string' ? [authorsRaw] : [];
  const status = raw.status === undefined ? 'draft' : raw.status;
  if (status !== 'draft' && status !== 'final') problems.push(`status: "${String(status)}" must be draft or final`);
  const actions: ActionItem[] = [];
  if (raw.actions !== undefined && raw.actions !== null) {
    if (!Array.isArray(raw.actions)) problems.push('actions: must be a list of { action, owner, due, status }');
    else
      raw.actions.forEach((a: unknown, i: number) => {
        if (typeof a !== 'object' || a === null) return problems.push(`actions[${i}]: must be { action, owner, due, status }`);
        const item = a as Record<string, unknown>;
        const field = (k: string) => dayText(item[k]);
        for (const k of Object.keys(item)) if (!ACTION_FIELDS.includes(k)) problems.push(`actions[${i}].${k}: unknown field (known: ${ACTION_FIELDS.join(', ')})`);
        if (!field('action')) problems.push(`actions[${i}].action: required`);
        const status = item.status === undefined || item.status === null ? 'open' : String(item.status).trim().toLowerCase();
        if (status !== 'open' && status !== 'done') problems.push(`actions[${i}].status: "${String(item.status)}" must be open or done`);
        const done = field('done');
        if (done && !/^\d{4}-\d\d-\d\d$/.test(done)) problems.push(`actions[${i}].done: "${done}" must be a date (YYYY-MM-DD)`);
        if (done && status === 'open') problems.push(`actions[${i}].done: a done date on an open item; set status: done, or remove done`);
        actions.push({ action: field('action'), owner: field('owner') || 'unassigned', due: field('due'), status: status === 'done' ? 'done' : 'open', done });
      });
  }
  if (problems.length) throw new Error(`${file}: frontmatter has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { crisis, title, authors, status: status as NotebookMeta['status'], date, actions };
}
