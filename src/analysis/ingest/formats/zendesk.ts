import type { FormatSpec } from './types.ts';

// Placeholder until the Zendesk mapping lands (being written now); detects nothing.
export const zendesk: FormatSpec = { id: 'zendesk', table: 'cases', kind: 'json', columns: {}, attributes: [], channel: 'web', detect: () => false, expand: () => [], notes: [] };
