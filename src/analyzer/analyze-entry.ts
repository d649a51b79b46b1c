/**
 * The `/analyze/` page's script: starts the analyser on the page's form.
 * Browsers run no module script or worker from disk, so on `file:` the page
 * says why instead (its inline script). Built for the browser by
 * site/client-scripts.ts.
 */
import { startAnalyzer } from './analyze-page.ts';

const root = document.querySelector<HTMLElement>('[data-analyzer]');
if (root && location.protocol !== 'file:') startAnalyzer(root);
