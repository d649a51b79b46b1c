/**
 * The analysis child process (started by analysis-process.ts): runs `analyzeDirectory` on the crisis named in
 * argv, its progress on stderr as in process, and tells the parent over IPC what it is doing and how it ended.
 */
import type { AnalyzeCommandOptions } from '../cli/analyze.ts';
import type { AnalysisRequest, ChildMessage } from './analysis-process.ts';

if (!process.send) throw new Error('analysis-process-main.ts must be started by analysis-process.ts (with an IPC channel)');

let finished = false;

/** Sends the last message, then exits (any thread or timer left would otherwise keep the process alive). */
function finish(message: ChildMessage, code: number): void {
  if (finished) return;
  finished = true;
  if (process.connected) process.send!(message, () => process.exit(code));
  else process.exit(code);
}

// The parent died (killed, or its terminal closed): stop too rather than analyse for nobody. A bundle being
// written is left as a partial directory beside the previous one, which the next writer cleans.
process.on('disconnect', () => {
  if (!finished) process.exit(1);
});
// It may have died while this process was starting, before the handler was there.
if (!process.connected) process.exit(1);
// Whatever escapes the analysis is still one line, never a stack.
process.on('uncaughtException', (error) => finish({ type: 'failed', message: error instanceof Error ? error.message : String(error) }, 1));
process.on('unhandledRejection', (error) => finish({ type: 'failed', message: error instanceof Error ? error.message : String(error) }, 1));

const request = JSON.parse(process.argv[2] ?? '{}') as AnalysisRequest;
const options: AnalyzeCommandOptions = {
  ...request.options,
  onActivity: (activity) => {
    if (process.connected) process.send!({ type: 'activity', activity } satisfies ChildMessage);
  },
  // The heap guard's timer found the heap full between progress points: the analysis cannot be interrupted, so end here.
  onHeapExhausted: (error) => finish({ type: 'failed', message: error.message }, 1),
};
try {
  const { analyzeDirectory } = await import('../cli/analyze.ts');
  const result = await analyzeDirectory(request.dir, options);
  await result.engine.close();
  finish({ type: 'done' }, 0);
} catch (error) {
  finish({ type: 'failed', message: error instanceof Error ? error.message : String(error) }, 1);
}
