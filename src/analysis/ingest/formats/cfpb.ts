import { hasColumns, type FormatSpec } from './types.ts';

/** CFPB Consumer Complaint Database export: one complaint per row → `cases`. */
export const cfpb: FormatSpec = {
  id: 'cfpb',
  table: 'cases',
  kind: 'csv',
  columns: {
    id: 'Complaint ID',
    opened_at: 'Date received',
    product: 'Product',
    category: 'Issue',
    subcategory: 'Sub-issue',
    text: 'Consumer complaint narrative',
    company: 'Company',
    channel: 'Submitted via',
    status: 'Company response to consumer',
  },
  attributes: ['Sub-product', 'Company public response', 'State', 'Tags', 'Consumer consent provided?', 'Date sent to company', 'Timely response?', 'Consumer disputed?'],
  channel: 'web',
  detect: ({ header }) => hasColumns(header, ['Complaint ID', 'Date received', 'Issue']),
  notes: ['CFPB: the export has no company response timestamp, only "Timely response?" (kept as an attribute).'],
};
