/**
 * The tables the explorer can explore — the bundle's messages and cases —
 * described once, so the same state, queries, filters, charts and table code
 * serve both: which column is the time, which single-valued columns are
 * filters, which charts and sorts apply, and the table's columns. Pure: runs
 * in Node (tests), at build time and in the browser.
 */

/** The bundle tables the explorer can explore. */
export const TABLE_NAMES = ['messages', 'cases'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** Single-valued text columns a table filters on with a select (a state key each). */
export type SelectKey = 'channel' | 'status' | 'category' | 'product' | 'company';

/** A bar chart of the filtered rows (a state key each: a click on a bar filters on it). */
export type ChartKey = 'sentiment' | 'theme' | 'fault' | 'category';

/** One column of the explorer's table: its heading, and what a cell shows. */
export interface TableColumn {
  head: string;
  /** `text` is the row's text: shown first, and on phones. */
  cell: 'text' | 'time' | 'author' | 'channel' | 'sentiment' | 'topics' | 'status' | 'category' | 'company';
}

/** What the explorer needs to know of a table. */
export interface ExploreTable {
  name: TableName;
  /** Its attribute table (a segment of an attribute reads it). */
  attributes: 'message_attributes' | 'case_attributes';
  /** The column of a row's time: the timeline, the time range and the oldest-first order. */
  time: 'created_at' | 'opened_at';
  /** What a row is called: "12 cases". */
  noun: string;
  selects: readonly SelectKey[];
  /**
   * Selects of {@link selects} offered only when the crisis's rows have more
   * than one value in them: a complaints export often has one intake channel
   * ("web"), and a filter with nothing to choose is noise.
   */
  variedSelects: readonly SelectKey[];
  charts: readonly ChartKey[];
  /** Sorts the table offers (state.ts `SORTS`); others fall back to oldest first. */
  sorts: readonly string[];
  /** True when rows have an author and a brand flag (the Who and Author filters, the brand's share). */
  authors: boolean;
  /** True when likes, shares and replies add up to an engagement (the "most engagement" order). */
  engagement: boolean;
  /** Columns selected for a page of rows (those the crisis has). */
  rowColumns: readonly string[];
  columns: readonly TableColumn[];
}

/** The messages: posts and replies, by channel, author and sentiment. */
export const MESSAGES_TABLE: ExploreTable = {
  name: 'messages',
  attributes: 'message_attributes',
  time: 'created_at',
  noun: 'messages',
  selects: ['channel'],
  variedSelects: [],
  charts: ['sentiment', 'theme', 'fault'],
  sorts: ['time', '-time', 'sentiment', '-sentiment', 'engagement'],
  authors: true,
  engagement: true,
  rowColumns: ['id', 'ms', 'author', 'is_brand', 'channel', 'text', 'sentiment', 'themes', 'fault'],
  columns: [
    { head: 'Message', cell: 'text' },
    { head: 'Time', cell: 'time' },
    { head: 'Author', cell: 'author' },
    { head: 'Channel', cell: 'channel' },
    { head: 'Sentiment', cell: 'sentiment' },
    { head: 'Themes and faults', cell: 'topics' },
  ],
};

/** The cases: tickets and complaints, by channel (when they have several), status, category, product and company. */
export const CASES_TABLE: ExploreTable = {
  name: 'cases',
  attributes: 'case_attributes',
  time: 'opened_at',
  noun: 'cases',
  selects: ['channel', 'status', 'category', 'product', 'company'],
  variedSelects: ['channel'],
  charts: ['category', 'theme', 'fault', 'sentiment'],
  sorts: ['time', '-time'],
  authors: false,
  engagement: false,
  rowColumns: ['id', 'ms', 'status', 'category', 'product', 'company', 'text', 'sentiment', 'themes', 'fault'],
  columns: [
    { head: 'Case', cell: 'text' },
    { head: 'Opened', cell: 'time' },
    { head: 'Status', cell: 'status' },
    { head: 'Category / product', cell: 'category' },
    { head: 'Company', cell: 'company' },
    { head: 'Themes and faults', cell: 'topics' },
  ],
};

/**
 * The bundle columns each kind of cell reads, with the heading a cell takes
 * when only that one of them has values: a column of the table is shown
 * when some row has a value in one of its columns (the time always is).
 * A complaints export without narratives (NHTSA's) shows no "Case" column of
 * dashes, and its "Category / product" is headed "Product".
 */
export const CELL_SOURCES: Record<TableColumn['cell'], readonly { column: string; head: string }[]> = {
  text: [{ column: 'text', head: 'Text' }],
  time: [],
  author: [{ column: 'author', head: 'Author' }],
  channel: [{ column: 'channel', head: 'Channel' }],
  sentiment: [{ column: 'sentiment', head: 'Sentiment' }],
  topics: [
    { column: 'themes', head: 'Themes' },
    { column: 'fault', head: 'Faults' },
  ],
  status: [{ column: 'status', head: 'Status' }],
  category: [
    { column: 'category', head: 'Category' },
    { column: 'product', head: 'Product' },
  ],
  company: [{ column: 'company', head: 'Company' }],
};

/**
 * The columns of `table` worth drawing, given the bundle columns in which
 * some row has a value (`withValues`, queries.ts `tableFactsSql`): a column
 * no row has a value in is left out, and a cell of two columns with values
 * in only one is headed by that one.
 */
export function shownColumns(table: ExploreTable, withValues: ReadonlySet<string>): TableColumn[] {
  const out: TableColumn[] = [];
  for (const c of table.columns) {
    const sources = CELL_SOURCES[c.cell];
    if (sources.length === 0) {
      out.push(c);
      continue;
    }
    const filled = sources.filter((s) => withValues.has(s.column));
    if (filled.length === 0) continue;
    out.push(filled.length === 1 && sources.length > 1 ? { ...c, head: filled[0]!.head } : c);
  }
  return out;
}

/** The description of a table by name. */
export function exploreTable(name: TableName): ExploreTable {
  return name === 'cases' ? CASES_TABLE : MESSAGES_TABLE;
}

/** The table shown when the URL names none (or one the crisis lacks): the messages when there are any, else the cases. */
export function defaultTable(counts: { messages: number; cases: number }): TableName {
  return counts.messages > 0 || counts.cases === 0 ? 'messages' : 'cases';
}

/** The table a view shows: the URL's choice when the crisis has rows in it, else {@link defaultTable}. */
export function chosenTable(wanted: TableName | undefined, counts: { messages: number; cases: number }): TableName {
  return wanted && counts[wanted] > 0 ? wanted : defaultTable(counts);
}
