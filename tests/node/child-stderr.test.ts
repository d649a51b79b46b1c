/** A child's stderr passed on line by line, V8's crash report kept back and classified. */
import { describe, expect, it } from 'vitest';
import { childStderr } from '../../src/node/child-stderr.ts';

// As Node 20 prints it when a process runs out of heap (addresses shortened).
const HEAP_CRASH = `
<--- Last few GCs --->

[30797:0x7f08b0000f00]      272 ms: Scavenge 50.7 (54.5) -> 50.6 (58.8) MB, 8.25 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure;

<--- JS stacktrace --->

FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory
----- Native stack trace -----

 1: 0xb78db3 node::OOMErrorHandler(char const*, v8::OOMDetails const&) [node]
`;

// A V8 check failure: an array beyond V8's largest.
const SIZE_CRASH = `

#
# Fatal error in , line 0
# Fatal JavaScript invalid size error 169220804
#
#
#
#FailureMessage Object: 0x7ffd
`;

function relay(chunks: string[]): { lines: string[]; crash: ReturnType<ReturnType<typeof childStderr>['crash']> } {
  const lines: string[] = [];
  const stderr = childStderr((l) => lines.push(l));
  for (const c of chunks) stderr.push(c);
  stderr.end();
  return { lines, crash: stderr.crash() };
}

describe('a child’s stderr', () => {
  it('passes ordinary lines on whole, however the chunks cut them, blank lines between them included', () => {
    const { lines, crash } = relay(['debrief: analysing data/acme\n  posts.c', 'sv: 20,000 records so far\n\n  analysis: faults', '\n']);
    expect(lines).toEqual(['debrief: analysing data/acme', '  posts.csv: 20,000 records so far', '', '  analysis: faults']);
    expect(crash).toBeNull();
  });

  it("keeps back V8's heap report, blank line before it included, and calls it running out of heap", () => {
    const { lines, crash } = relay(['  analysis: faults\n', HEAP_CRASH.slice(0, 40), HEAP_CRASH.slice(40)]);
    expect(lines).toEqual(['  analysis: faults']);
    expect(crash?.kind).toBe('heap');
    expect(crash?.text).toContain('FATAL ERROR: Reached heap limit');
  });

  it('tells an array beyond V8’s largest from running out of heap', () => {
    const { lines, crash } = relay(['  analysis: themes\n', SIZE_CRASH]);
    expect(lines).toEqual(['  analysis: themes']);
    expect(crash?.kind).toBe('size');
  });
});
