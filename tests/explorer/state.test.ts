import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, parseState, stateQuery, withFilter, type ExplorerState } from '../../src/explorer/state.ts';

describe('explorer state in the URL', () => {
  it('round-trips every filter, one link per view', () => {
    const s: ExplorerState = { from: '2024-03-06T02:00:00.000Z', to: '2024-03-06T06:00:00.000Z', channel: 'reddit', sentiment: 'negative', theme: 'app-offline', fault: 'lockout', segmentField: 'customer.plan', segment: 'Pro & more', author: 'user-1a2b3c', who: 'customer', q: 'battery "dead"', sort: '-sentiment', page: 3 };
    expect(parseState(stateQuery(s))).toEqual(s);
    expect(stateQuery(DEFAULT_STATE)).toBe('');
    expect(stateQuery(parseState('?page=1&sort=time'))).toBe('');
  });
  it('round-trips the cases view: the table and the case filters', () => {
    const s: ExplorerState = { table: 'cases', from: '2019-02-01T00:00:00.000Z', channel: 'postal mail', status: 'Closed with explanation', category: 'Incorrect information on your report', product: 'Credit reporting', company: 'EQUIFAX, INC.', fault: 'identity-theft', segmentField: 'company', segment: 'EQUIFAX, INC.', q: 'dispute', sort: '-time', page: 2 };
    expect(parseState(stateQuery(s))).toEqual(s);
    expect(stateQuery(s)).toMatch(/^\?table=cases&from=/);
    expect(parseState('?table=messages').table).toBe('messages');
    // An unknown table is ignored: the crisis's default is shown.
    expect(parseState('?table=users')).toEqual(DEFAULT_STATE);
  });
  it('ignores what is malformed instead of trusting it', () => {
    expect(parseState('?from=yesterday&to=2024-13-45T99:00Z&who=admin&sort=drop&page=-2')).toEqual(DEFAULT_STATE);
    // A segment means nothing without its field, nor a field without a segment.
    expect(parseState('?segment=north')).toEqual(DEFAULT_STATE);
    expect(parseState('?segmentField=region')).toEqual(DEFAULT_STATE);
  });
  it('a filter change goes back to page 1; clearing a filter removes it', () => {
    const s: ExplorerState = { ...DEFAULT_STATE, channel: 'reddit', page: 4 };
    expect(withFilter(s, { sentiment: 'negative' })).toEqual({ ...DEFAULT_STATE, channel: 'reddit', sentiment: 'negative' });
    expect(withFilter(s, { channel: undefined })).toEqual(DEFAULT_STATE);
  });
});
