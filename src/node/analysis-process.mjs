// Entry of the analysis child process (analysis-process.ts) when its bundle (compiled-entry.ts) cannot be made: the
// analysis is TypeScript, and this process is started with Node's own flags only (the heap size), so tsx is
// registered here as bin/debrief.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-process-main.ts');
