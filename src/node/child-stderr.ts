/**
 * A child's stderr passed on line by line, except V8's own crash report
 * ("<--- Last few GCs --->", "FATAL ERROR: … JavaScript heap out of memory",
 * "# Fatal error in …", the native stack): that is kept back, so the parent
 * can say what happened in one line instead.
 */

/** What V8 printed when it aborted the process, classified. */
export type V8Crash = { kind: 'heap'; text: string } | { kind: 'size'; text: string } | { kind: 'other'; text: string };

export interface ChildStderr {
  /** A chunk of the child's stderr (UTF-8 text). */
  push(chunk: string): void;
  /** The child's stderr ended: passes on what is left of a last line. */
  end(): void;
  /** V8's crash report, if the child printed one. */
  crash(): V8Crash | null;
}

/** Lines that open V8's crash report: the GC trace, the fatal error, or the `#` banner of a V8 check failure. */
const CRASH_START = /^(<--- Last few GCs --->|<--- JS stacktrace --->|FATAL ERROR: |----- Native stack trace -----|#$|# Fatal error)/;

/** Passes the child's ordinary lines to `write`; blank lines only once an ordinary line follows (V8's report starts with one). */
export function childStderr(write: (line: string) => void): ChildStderr {
  let partial = '';
  let blanks = 0;
  const crashLines: string[] = [];
  const line = (text: string) => {
    if (crashLines.length || CRASH_START.test(text)) {
      crashLines.push(text);
      return;
    }
    if (text === '') {
      blanks++;
      return;
    }
    for (; blanks > 0; blanks--) write('');
    write(text);
  };
  return {
    push(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      lines.forEach(line);
    },
    end() {
      if (partial) line(partial);
      partial = '';
    },
    crash() {
      if (!crashLines.length) return null;
      const text = crashLines.join('\n');
      // "Reached heap limit", "invalid table size", "semi-space copy": all end "Allocation failed - JavaScript heap out of memory".
      if (/heap out of memory/.test(text)) return { kind: 'heap', text };
      // An array or string beyond V8's largest (e.g. "Fatal JavaScript invalid size error 169220804").
      if (/invalid (size|array length|string length)/i.test(text)) return { kind: 'size', text };
      return { kind: 'other', text };
    },
  };
}
