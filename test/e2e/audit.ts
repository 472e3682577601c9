/**
 * The accessibility audit of a screen: axe-core (no serious or critical violations of WCAG 2 A/AA),
 * a screenshot, and at a kiosk touch targets of at least 60 px. The sizes and languages every screen
 * is audited at.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { E2E } from './fixture.js';

interface AxeViolation {
  id: string;
  impact?: string | null;
  nodes: { target: string[] }[];
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core run in the page itself: its 580 KB source is parsed once per page load, not once per audit,
 * and it runs in place (the renderer has no frames), without @axe-core/playwright's extra blank page per
 * run: a third of the accessibility files' time on a busy machine. Only violations are described in full.
 */
async function axe(page: Page): Promise<{ violations: AxeViolation[] }> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] })`)) as { violations: AxeViolation[] };
}

export async function audit(e: E2E, page: Page, name: string, kiosk: boolean): Promise<void> {
  await e.shot(name);
  const r = await axe(page);
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, name).toEqual([]);
  if (kiosk) {
    // Touch targets a finger can hit at arm's length (the keyboard's keys included).
    // Evaluated in the page (the test's own TypeScript has no DOM types).
    const small = (await page.evaluate(`[...document.querySelectorAll('button, input, [role=button], .hg-button')]
      .filter((el) => el.offsetParent !== null && !el.closest('.status-bar .langs') && !el.classList.contains('admin-corner'))
      .map((el) => ({ el: el.dataset.testid ?? el.className, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 60 || r.width < 60)
      .map(({ el, r }) => el + ' ' + Math.round(r.width) + '×' + Math.round(r.height))`)) as string[];
    expect(small, `${name}: touch targets under 60 px`).toEqual([]);
  }
}

export const CASES = [
  { mode: 'kiosk' as const, lang: 'ru' as const, viewport: { width: 1080, height: 1920 } },
  { mode: 'kiosk' as const, lang: 'kk' as const, viewport: { width: 1920, height: 1080 } },
  { mode: 'cashier' as const, lang: 'ru' as const, viewport: { width: 1920, height: 1080 } },
  { mode: 'cashier' as const, lang: 'kk' as const, viewport: { width: 1280, height: 800 } },
];
