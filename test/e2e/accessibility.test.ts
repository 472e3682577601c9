/**
 * Every screen at the sizes kiosks and desks have (1080×1920 portrait, 1920×1080, 1280×800), in ru and
 * kk, checked by axe-core (no serious or critical violations), with a screenshot each; a kiosk's touch
 * targets at least 60 px.
 */
import { describe, expect, it } from 'vitest';
import { e2eSuite, kioskCheck, type E2E } from './fixture.js';
import { audit, CASES } from './audit.js';

const suite = e2eSuite();
let e: E2E;

describe('every screen, at every size, in ru and kk', () => {
  for (const c of CASES) {
    it(`${c.mode} ${c.lang} ${c.viewport.width}×${c.viewport.height}: Home, form, details, paid`, async () => {
      e = await suite.start({ mode: c.mode, lang: c.lang, viewport: c.viewport, env: { TOLEM_IDLE_TIMEOUT_SECONDS: '600' } });
      const { page } = e;
      const tag = `${c.mode}-${c.lang}-${c.viewport.width}x${c.viewport.height}`;
      const kiosk = c.mode === 'kiosk';
      await audit(e, page, `a11y-${tag}-home`, kiosk);
      // Home's one level-one heading, in the customer's language (shown large at a kiosk, for screen readers at a desk).
      expect(await page.locator('h1').allTextContents()).toEqual([c.lang === 'kk' ? 'Қызметті таңдаңыз' : 'Выберите услугу']);
      const heading = (await page.locator('[data-testid=home-title]').boundingBox())!;
      expect(heading.height > 20, 'the heading is large at a kiosk, hidden at a desk').toBe(kiosk);
      if (kiosk) {
        await page.click('[data-testid=service-P1011]');
        await page.waitForSelector('[data-testid=payment-form]');
        await audit(e, page, `a11y-${tag}-form`, kiosk);
        // The keypad is for a finger at arm's length: keys of 96 px and more, digits of 40 px and more, one «Далее».
        const key = (await page.locator('[data-testid=on-screen-keyboard] [data-skbtn="5"]').boundingBox())!;
        expect(Math.min(key.width, key.height)).toBeGreaterThanOrEqual(96);
        expect(Number.parseFloat(await page.evaluate('getComputedStyle(document.querySelector(\'[data-testid=on-screen-keyboard] [data-skbtn="5"]\')).fontSize'))).toBeGreaterThanOrEqual(40);
        expect(await page.getByText(c.lang === 'kk' ? 'Әрі қарай' : 'Далее', { exact: true }).count()).toBe(1);
        await page.click('[data-testid=back]');
        await kioskCheck(page, 'P1011', '7771234567');
        await page.waitForSelector('[data-testid=kiosk-cash]');
        await page.click('[data-testid=insert-1000]');
        await page.waitForSelector('[data-testid=pay]:not([disabled])');
      } else {
        await page.click('[data-testid=service-P1011]');
        await page.waitForSelector('[data-testid=payment-form]');
        await audit(e, page, `a11y-${tag}-form`, kiosk);
        await page.fill('[data-testid=input-account]', '7771234567');
        await page.click('[data-testid=check]');
        await page.fill('[data-testid=amount]', '1000');
        await page.fill('[data-testid=cash-received]', '2000');
        await page.waitForSelector('[data-testid=pay]:not([disabled])');
      }
      await audit(e, page, `a11y-${tag}-details`, kiosk);
      await page.click('[data-testid=pay]');
      await page.waitForSelector('[data-testid=final][data-state=success]');
      await audit(e, page, `a11y-${tag}-paid`, kiosk);
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
    await audit(e, page, 'a11y-cashier-ru-1920x1080-invoice5', false);
  });
});
