/**
 * Prints each crisis of a built site to PDF with the installed Chromium:
 * `dist/<crisis>.pdf` (its front page: the notebook when there is one, else
 * the executive summary) and, when a notebook took the front page,
 * `dist/<crisis>-summary.pdf`. Pages are opened from disk (file://), the way
 * a shared copy of dist/ would be.
 *
 *   node --import tsx scripts/pdf.ts [dist] [--format A4|Letter]
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { format: { type: 'string', default: 'A4' } } });
  const dist = path.resolve(positionals[0] ?? 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    process.stderr.write(`pdf: no built site in ${dist} (run npm run build first)\n`);
    return 1;
  }
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`pdf: Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)\n`);
    return 1;
  }
  const crises = readdirSync(dist, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dist, e.name, 'report.json')))
    .map((e) => e.name)
    .sort();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    // Never reach the network: the site is self-contained, and a request would mean a bug.
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    for (const slug of crises) {
      const targets: [string, string][] = [[path.join(dist, slug, 'index.html'), `${slug}.pdf`]];
      const summary = path.join(dist, slug, 'summary', 'index.html');
      if (existsSync(summary)) targets.push([summary, `${slug}-summary.pdf`]);
      for (const [html, pdf] of targets) {
        await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
        const bytes = await page.pdf({ format: values.format as 'A4' | 'Letter', printBackground: true, margin: { top: '11mm', bottom: '11mm', left: '10mm', right: '10mm' } });
        writeFileSync(path.join(dist, pdf), bytes);
        process.stderr.write(`pdf: ${path.join(path.relative(process.cwd(), dist), pdf)} (${Math.round(bytes.length / 1024)} KB)\n`);
      }
    }
  } finally {
    await browser.close();
  }
  return 0;
}

process.exitCode = await main();
