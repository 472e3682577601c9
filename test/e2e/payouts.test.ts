/**
 * Cash to card in Chromium (issue 10): a kiosk customer puts cash in, scans the bank page's QR code,
 * the card is entered on the bank's page (here: the sandbox's page, posted by the test as the
 * recipient's phone would), and the screen turns to "paid" by itself. Screenshots kept.
 */
import { enterCardOnBankPage } from '../payouts/cards.js';
import { describe, expect, it } from 'vitest';
import { e2eSuite, type E2E } from './fixture.js';

const suite = e2eSuite();
let e: E2E;

describe('cash to card', () => {
  it('a kiosk payout through the bank page: amount and name, cash in, QR, the card on the phone, paid', async () => {
    e = await suite.start({ mode: 'kiosk', payouts: true, env: { TOLEM_IDLE_TIMEOUT_SECONDS: '600' } });
    const { page } = e;
    await page.click('[data-testid=open-payout]');
    await page.waitForSelector('[data-testid=payout][data-step=form]');
    for (const d of '1000') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    // The recipient's name in Latin letters, as the card has it: the keyboard opens in them.
    for (const ch of 'ivan') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${ch}"]`);
    expect(await page.inputValue('[data-testid=payout-name]')).toBe('IVAN');
    await e.shot('payout-kiosk-form');
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    await page.waitForSelector('[data-testid=payout-cash]');
    expect(await page.textContent('[data-testid=payout-total]')).toMatch(/1\s020,00\s₸/);
    await page.click('[data-testid=payout-insert-1000]');
    await page.waitForSelector('[data-testid=payout-insert-more]');
    expect(await page.textContent('[data-testid=payout-insert-more]')).toMatch(/20,00\s₸/);
    await page.click('[data-testid=payout-insert-20]');
    await expect.poll(() => page.isDisabled('[data-testid=payout-to-flow]')).toBe(false);
    await e.shot('payout-kiosk-cash');
    await page.click('[data-testid=payout-to-flow]');
    await page.click('[data-testid=payout-page]');
    await page.waitForSelector('[data-testid=payout-qr]');
    expect(await page.textContent('[data-testid=payout-countdown]')).toMatch(/\d+:\d\d/);
    await e.shot('payout-kiosk-qr');
    const formUrl = (await page.getAttribute('[data-testid=payout-waiting]', 'data-form-url'))!;
    const orderId = new URL(formUrl).searchParams.get('mdOrder')!;
    expect(await enterCardOnBankPage(e.sandbox.url, orderId)).toBe('orderStatus 2');
    await page.waitForSelector('[data-testid=payout-final][data-state=paid]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid=payout-masked-pan]')).toBe('411111******1111');
    // Its receipt came out: the kiosk says to take it.
    await page.waitForSelector('[data-testid=payout-take-receipt]');
    await e.shot('payout-kiosk-paid');
    const orders = e.sandbox.payouts.orders();
    expect(orders).toEqual([expect.objectContaining({ amount: 1000_00, orderStatus: 2, paidCount: 1 })]);
    expect(e.terminal.cash.unpaid()).toEqual([]);
  });
});

describe('cash to card at a desk', () => {
  it('a cashier\'s direct payout by keyboard: the card typed, checked, shown 6/4, paid; the service menu shows the module, the balance and the payout', async () => {
    e = await suite.start({ payouts: true, env: { TOLEM_PAYOUTS_DIRECT: '1' } });
    const { page } = e;
    await page.click('[data-testid=open-payout]');
    await page.fill('[data-testid=payout-amount]', '500');
    await page.fill('[data-testid=payout-name]', 'aigerim');
    expect(await page.inputValue('[data-testid=payout-name]')).toBe('AIGERIM');
    await page.click('[data-testid=payout-next]');
    await page.fill('[data-testid=payout-cash-received]', '1000');
    await page.click('[data-testid=payout-to-flow]');
    await page.click('[data-testid=payout-direct]');
    await page.fill('[data-testid=payout-pan]', '4111 1111 1111 1112');
    expect(await page.textContent('[data-testid=payout-pan-note]')).toMatch(/ошибкой/);
    expect(await page.isDisabled('[data-testid=payout-send]')).toBe(true);
    await page.fill('[data-testid=payout-pan]', '4111 1111 1111 1111');
    expect(await page.textContent('[data-testid=payout-pan-note]')).toBe('411111******1111');
    await e.shot('payout-cashier-card');
    await page.click('[data-testid=payout-send]');
    await page.waitForSelector('[data-testid=payout-final][data-state=paid]');
    // The card number is not in the page any more (nor in its state): only the masked form.
    expect(await page.content()).not.toContain('4111111111111111');
    await e.shot('payout-cashier-paid');
    await page.click('[data-testid=payout-done]');
    await page.click('[data-testid=open-admin]');
    await page.waitForSelector('[data-testid=payouts-health]');
    await expect.poll(() => page.textContent('[data-testid=payouts-health]')).toMatch(/на связи · баланс выплат/);
    expect(await page.textContent('[data-testid=admin-payouts]')).toMatch(/411111\*{6}1111 · Выплачено/);
    await e.shot('admin-payouts');
  });
});
