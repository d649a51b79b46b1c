/**
 * axe-core in a page under test: its serious and critical violations, as
 * "rule: first targets" lines. Every browser test asks axe the same thing
 * through this one function.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Every WCAG 2.1 A/AA rule and axe's best practices. */
const ALL_RULES = { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] };
/** The rules a colour scheme can change: a dark mode changes colours, not structure. */
const COLOUR_RULES = { type: 'rule', values: ['color-contrast', 'link-in-text-block', 'non-text-contrast'] };

/** The page's serious and critical violations as it is now; `colourOnly` runs only the colour rules. */
export async function axeViolations(page: Page, { colourOnly = false } = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (runOnly) => {
    const axe = (window as unknown as { axe: { getRules(): { ruleId: string }[]; run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    // Rules this axe version does not know are left out rather than failing the run.
    const known = new Set(axe.getRules().map((r) => r.ruleId));
    const values = runOnly.type === 'rule' ? runOnly.values.filter((v) => known.has(v)) : runOnly.values;
    const result = await axe.run(document, { runOnly: { ...runOnly, values } });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }, colourOnly ? COLOUR_RULES : ALL_RULES);
}
