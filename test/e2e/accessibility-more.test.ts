/**
 * The other screens at the sizes kiosks and desks have (1080×1920 portrait, 1920×1080, 1280×800), in
 * ru and kk, checked by axe-core with a screenshot each (test/e2e/audit.ts): not paid, cash to card,
 * the service menu and the journal.
 */
import { describe, expect, it } from 'vitest';
import { e2eSuite, KIOSK_NEXT, kioskCheck, openKioskAdmin, type E2E } from './fixture.js';
import { audit, CASES } from './audit.js';

const suite = e2eSuite();
let e: E2E;

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
      // A kiosk's last screen says when it goes back to Home, in the customer's language; a desk's stays.
      if (kiosk) expect(await page.textContent('[data-testid=back-home-soon]')).toMatch(c.lang === 'kk' ? /^Басты экранға \d+ с кейін ораламыз$/ : /^Главный экран через \d+ с$/);
      else expect(await page.locator('[data-testid=back-home-soon]').count()).toBe(0);
      await audit(e, page, `a11y-${tag}-not-paid`, kiosk);
      await page.click('[data-testid=done]');
      // Cash to card.
      await page.click('[data-testid=open-payout]');
      await page.waitForSelector('[data-testid=payout][data-step=form]');
      await audit(e, page, `a11y-${tag}-payout-form`, kiosk);
      if (kiosk) {
        for (const d of '1000') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
        await page.click(KIOSK_NEXT);
        // The recipient's name as the card has it: the keyboard opens in Latin letters, whatever the screen's language.
        await page.waitForSelector('[data-testid=on-screen-keyboard][data-layout=en]');
        for (const ch of 'ivan') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${ch}"]`);
        await page.click(KIOSK_NEXT);
        expect(await page.locator('[data-testid=payout-next]').count()).toBe(0);
        await page.click(KIOSK_NEXT);
      } else {
        await page.fill('[data-testid=payout-amount]', '1000');
        await page.fill('[data-testid=payout-name]', 'IVAN');
        await page.click('[data-testid=payout-next]');
      }
      await page.waitForSelector('[data-testid=payout-cash]');
      await audit(e, page, `a11y-${tag}-payout-cash`, kiosk);
      if (kiosk) {
        await page.click('[data-testid=payout-insert-1000]');
        await page.click('[data-testid=payout-insert-20]');
      } else await page.fill('[data-testid=payout-cash-received]', '2000');
      await page.click('[data-testid=payout-to-flow]');
      await page.click('[data-testid=payout-page]');
      await page.waitForSelector('[data-testid=payout-waiting]');
      await audit(e, page, `a11y-${tag}-payout-page`, kiosk);
      // The service menu.
      await page.reload();
      await page.waitForSelector('[data-testid=home][data-ready=yes]');
      if (kiosk) {
        await openKioskAdmin(page);
        for (const d of '0000') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
        await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
      } else await page.click('[data-testid=open-admin]');
      await page.waitForSelector('[data-testid=admin-info]');
      await audit(e, page, `a11y-${tag}-admin`, kiosk);
      if (!kiosk) {
        await page.click('[data-testid=back]');
        await page.click('[data-testid=open-journal]');
        await page.waitForSelector('[data-testid=journal-totals]');
        await audit(e, page, `a11y-${tag}-journal`, kiosk);
      }
    });
  }
});
