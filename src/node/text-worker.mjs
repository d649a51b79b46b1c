// Entry of a text worker thread. The worker code is TypeScript, and a worker
// does not inherit the parent's loader when the parent was bundled (Astro) or
// registered tsx through its API (bin/debrief.mjs), so register it here.
import { register } from 'tsx/esm/api';

register();
await import('./text-worker.ts');
