/**
 * Every screen at the sizes kiosks and desks have (1080×1920 portrait, 1920×1080, 1280×800), in ru and
 * kk, checked by axe-core (no serious or critical violations), with a screenshot each; a kiosk's touch
 * targets at least 60 px.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite, kioskCheck, openKioskAdmin, type E2E } from './fixture.js';

const suite = e2eSuite();
let e: E2E;

async function audit(page: Page, name: string, kiosk: boolean): Promise<void> {
  await e.shot(name);
  const r = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa']).analyze();
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

const CASES = [
  { mode: 'kiosk' as const, lang: 'ru' as const, viewport: { width: 1080, height: 1920 } },
  { mode: 'kiosk' as const, lang: 'kk' as const, viewport: { width: 1920, height: 1080 } },
  { mode: 'cashier' as const, lang: 'ru' as const, viewport: { width: 1920, height: 1080 } },
  { mode: 'cashier' as const, lang: 'kk' as const, viewport: { width: 1280, height: 800 } },
];

describe('every screen, at every size, in ru and kk', () => {
  for (const c of CASES) {
    it(`${c.mode} ${c.lang} ${c.viewport.width}×${c.viewport.height}: Home, form, details, paid`, async () => {
      e = await suite.start({ mode: c.mode, lang: c.lang, viewport: c.viewport, env: { TOLEM_IDLE_TIMEOUT_SECONDS: '600' } });
      const { page } = e;
      const tag = `${c.mode}-${c.lang}-${c.viewport.width}x${c.viewport.height}`;
      const kiosk = c.mode === 'kiosk';
      await audit(page, `a11y-${tag}-home`, kiosk);
      if (kiosk) {
        await page.click('[data-testid=service-P1011]');
        await page.waitForSelector('[data-testid=payment-form]');
        await audit(page, `a11y-${tag}-form`, kiosk);
        await page.click('[data-testid=back]');
        await kioskCheck(page, 'P1011', '7771234567');
        await page.waitForSelector('[data-testid=kiosk-cash]');
        await page.click('[data-testid=insert-1000]');
        await page.waitForSelector('[data-testid=pay]:not([disabled])');
      } else {
        await page.click('[data-testid=service-P1011]');
        await page.waitForSelector('[data-testid=payment-form]');
        await audit(page, `a11y-${tag}-form`, kiosk);
        await page.fill('[data-testid=input-account]', '7771234567');
        await page.click('[data-testid=check]');
        await page.fill('[data-testid=amount]', '1000');
        await page.fill('[data-testid=cash-received]', '2000');
        await page.waitForSelector('[data-testid=pay]:not([disabled])');
      }
      await audit(page, `a11y-${tag}-details`, kiosk);
      await page.click('[data-testid=pay]');
      await page.waitForSelector('[data-testid=final][data-state=success]');
      await audit(page, `a11y-${tag}-paid`, kiosk);
    });
  }
});

describe('a desk at 1920×1080', () => {
  it('a bill with five lines: Pay is never below the fold, and says why it is not lit yet', async () => {
    e = await suite.start({ viewport: { width: 1920, height: 1080 } });
    const { page } = e;
    await page.fill('[data-testid=search]', 'астана');
    await page.click('[data-testid=service-P0008]');
    await page.fill('[data-testid=input-account]', '1234567890');
    await page.click('[data-testid=check]');
    await page.waitForSelector('[data-testid=line-41]');
    expect(await page.locator('[data-testid^=line-][data-testid$=-pick]').count()).toBe(5);
    const pay = (await page.locator('[data-testid=pay]').boundingBox())!;
    expect(pay.y + pay.height).toBeLessThanOrEqual(1080);
    // Pay is off and says why: the metered lines want their readings first.
    expect(await page.textContent('[data-testid=pay-why]')).toBe('Исправьте строки счёта');
    await audit(page, 'a11y-cashier-ru-1920x1080-invoice5', false);
  });
});

describe('the other screens, at every size, in ru and kk', () => {
  for (const c of CASES) {
    it(`${c.mode} ${c.lang} ${c.viewport.width}×${c.viewport.height}: not paid, cash to card (form, cash, the bank page), the service menu${c.mode === 'cashier' ? ', the journal' : ''}`, async () => {
      e = await suite.start({ mode: c.mode, lang: c.lang, viewport: c.viewport, payouts: true, env: { TOLEM_IDLE_TIMEOUT_SECONDS: '600', TOLEM_ADMIN_PIN: '0000' } });
      const { page } = e;
      const tag = `${c.mode}-${c.lang}-${c.viewport.width}x${c.viewport.height}`;
      const kiosk = c.mode === 'kiosk';
      // Not paid (processing refuses at check: subscriber not found).
      if (kiosk) await kioskCheck(page, 'P1011', '7771239005');
      else {
        await page.click('[data-testid=service-P1011]');
        await page.fill('[data-testid=input-account]', '7771239005');
        await page.click('[data-testid=check]');
      }
      await page.waitForSelector('[data-testid=final][data-state=failed]');
      await audit(page, `a11y-${tag}-not-paid`, kiosk);
      await page.click('[data-testid=done]');
      // Cash to card.
      await page.click('[data-testid=open-payout]');
      await page.waitForSelector('[data-testid=payout][data-step=form]');
      await audit(page, `a11y-${tag}-payout-form`, kiosk);
      if (kiosk) {
        for (const d of '1000') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
        await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
        await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{en}"]');
        for (const ch of 'ivan') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${ch}"]`);
      } else {
        await page.fill('[data-testid=payout-amount]', '1000');
        await page.fill('[data-testid=payout-name]', 'IVAN');
      }
      await page.click('[data-testid=payout-next]');
      await page.waitForSelector('[data-testid=payout-cash]');
      await audit(page, `a11y-${tag}-payout-cash`, kiosk);
      if (kiosk) {
        await page.click('[data-testid=payout-insert-1000]');
        await page.click('[data-testid=payout-insert-20]');
      } else await page.fill('[data-testid=payout-cash-received]', '2000');
      await page.click('[data-testid=payout-to-flow]');
      await page.click('[data-testid=payout-page]');
      await page.waitForSelector('[data-testid=payout-waiting]');
      await audit(page, `a11y-${tag}-payout-page`, kiosk);
      // The service menu.
      await page.reload();
      await page.waitForSelector('[data-testid=home][data-ready=yes]');
      if (kiosk) {
        await openKioskAdmin(page);
        for (const d of '0000') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
        await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
      } else await page.click('[data-testid=open-admin]');
      await page.waitForSelector('[data-testid=admin-info]');
      await audit(page, `a11y-${tag}-admin`, kiosk);
      if (!kiosk) {
        await page.click('[data-testid=back]');
        await page.click('[data-testid=open-journal]');
        await page.waitForSelector('[data-testid=journal-totals]');
        await audit(page, `a11y-${tag}-journal`, kiosk);
      }
    });
  }
});
