/**
 * The accessibility audit of a screen: axe-core (no serious or critical violations of WCAG 2 A/AA),
 * a screenshot, and at a kiosk touch targets of at least 60 px. The sizes and languages every screen
 * is audited at.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { E2E } from './fixture.js';

export async function audit(e: E2E, page: Page, name: string, kiosk: boolean): Promise<void> {
  await e.shot(name);
  // Only violations are described in full: passes and inapplicable rules are counted, not detailed (a cheaper audit).
  const r = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa']).options({ resultTypes: ['violations'] }).analyze();
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
