/**
 * Screens where money is at stake (issue 8, items 17–21), in Chromium: the service that opens is the
 * one whose name is in the box; a service that cannot be paid offline says so before any cash; a
 * kiosk customer with too little cash is told how much more and is never stuck; a kiosk that printed
 * no receipt says so; a demo terminal says it is one on every screen.
 */
import { describe, expect, it } from 'vitest';
import { generatedServices, SANDBOX_SERVICES } from '../../dev/sandbox/catalog.js';
import { audit } from './audit.js';
import { deskPay, e2eSuite, kioskCheck, openKioskAdmin, type E2E } from './fixture.js';

const suite = e2eSuite();
let e: E2E;

describe('paste and Enter at once (item 17)', () => {
  it('the first row for the text in the box now opens, never a row of the list before it', async () => {
    // A big catalog, as agents have: the filtered list is redrawn a frame or two after the text changes.
    e = await suite.start({ services: [...SANDBOX_SERVICES, ...generatedServices(5000)] });
    const { page } = e;
    for (let i = 0; i < 8; i += 1) {
      await page.focus('[data-testid=search]');
      // All at once, as a paste or a barcode scanner gives it, and Enter in the same breath.
      await page.keyboard.insertText('Казахтелеком');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=payment]');
      expect(await page.textContent('[data-testid=payment] h1')).toMatch(/Казахтелеком/);
      await page.click('[data-testid=back]');
      await page.waitForSelector('[data-testid=home]');
    }
  });
});

describe('offline promises (item 18)', () => {
  it('with processing down, a service with contracts says it cannot be paid before any cash, in words, with no pay button', async () => {
    e = await suite.start({ mode: 'kiosk', env: { TOLEM_IDLE_TIMEOUT_SECONDS: '600' } });
    const { page } = e;
    await e.stopProcessing();
    await kioskCheck(page, 'P0006', '870412300123');
    await page.waitForSelector('[data-testid=offline-blocked]');
    expect(await page.textContent('[data-testid=offline-blocked]')).toMatch(/эту услугу без него оплатить нельзя/);
    expect(await page.locator('[data-testid=kiosk-cash]').count()).toBe(0);
    expect(await page.locator('[data-testid=pay]').count()).toBe(0);
    const body = await page.textContent('body');
    expect(body).not.toMatch(/--item|ECONNREFUSED|invoice lines|required/);
    await e.shot('kiosk-offline-blocked');
  });
});

describe('a kiosk customer with too little cash (item 19)', () => {
  it('10 ₸ in: told how much more, the first note raises no alarm; Back hands the cash to the attendant and says so; only the attendant sees it after', async () => {
    e = await suite.start({ mode: 'kiosk', viewport: { width: 1080, height: 1920 }, env: { TOLEM_IDLE_TIMEOUT_SECONDS: '600', TOLEM_ADMIN_PIN: '0000' } });
    const { page } = e;
    await kioskCheck(page, 'P1011', '7771234567');
    await page.click('[data-testid=insert-10]');
    await page.waitForSelector('[data-testid=insert-more]');
    expect(await page.textContent('[data-testid=insert-more]')).toMatch(/Внесите ещё 11,00\s₸/);
    expect(await page.locator('[data-testid=cash-without-payment]').count()).toBe(0);
    expect(await page.isDisabled('[data-testid=back]')).toBe(false);
    await e.shot('kiosk-insert-more');
    await page.click('[data-testid=back]');
    // Asked once before the cash goes to the attendant.
    await page.click('[data-testid=cancel-yes]');
    await page.waitForSelector('[data-testid=handed-over]');
    expect(await page.textContent('[data-testid=handed-over]')).toMatch(/10,00\s₸.*переданы оператору/);
    await e.shot('kiosk-handed-over');
    expect(e.terminal.cash.unpaid()).toEqual([expect.objectContaining({ total: 10_00 })]);
    // The next customer is not told about this one's cash: the attendant finds it in the service menu.
    await page.click('[data-testid=done]');
    await page.waitForSelector('[data-testid=home][data-ready=yes]');
    expect(await page.locator('[data-testid=cash-without-payment]').count()).toBe(0);
    await openKioskAdmin(page);
    for (const d of '0000') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    await page.waitForSelector('[data-testid=admin-alerts] [data-testid=cash-without-payment]');
    expect(await page.textContent('[data-testid=cash-without-payment]')).toBe('Наличные без платежа: 1');
    await page.waitForSelector('[data-testid=cash-unpaid]');
    await audit(e, page, 'kiosk-admin-cash-alert', true);
  });

  it('left alone with too little cash, the kiosk hands it to the attendant and says so (it never waits forever)', async () => {
    e = await suite.start({ mode: 'kiosk', env: { TOLEM_IDLE_TIMEOUT_SECONDS: '2' } });
    const { page } = e;
    await kioskCheck(page, 'P1011', '7771234567');
    await page.click('[data-testid=insert-10]');
    await page.waitForSelector('[data-testid=handed-over]', { timeout: 10_000 });
    expect(e.sandbox.processing.ledger()).toEqual([]);
    expect(e.terminal.cash.unpaid()).toEqual([expect.objectContaining({ total: 10_00 })]);
  });
});

describe('no receipt, said (item 20) and the demo banner (item 10)', () => {
  it('a kiosk payment whose receipt did not print says so, with the payment number large', async () => {
    e = await suite.start({ mode: 'kiosk', env: { TOLEM_IDLE_TIMEOUT_SECONDS: '600' } });
    const { page } = e;
    await kioskCheck(page, 'P1011', '7771234567');
    await page.click('[data-testid=insert-1000]');
    await expect.poll(() => page.isDisabled('[data-testid=pay]')).toBe(false);
    // The printer answers its paper check, then drops the receipt half-way (a jam).
    await e.terminal.virtualPrinter!.setFault('drop-mid-receipt');
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final][data-state=success]');
    await page.waitForSelector('[data-testid=no-receipt]');
    expect(await page.textContent('[data-testid=no-receipt]')).toContain(e.sandbox.processing.ledger()[0]!.agentTransactionId);
    await e.shot('kiosk-no-receipt');
  });

  it('a desk with no printer set up says so on the final screen, and where the receipt is: in the journal, on screen', async () => {
    e = await suite.start({ lang: 'kk', config: { receipts: { printer: null } } });
    const { page } = e;
    await deskPay(page, 'P1011', '7771234567', '500', '1000');
    await page.waitForSelector('[data-testid=final][data-state=success]');
    expect(await page.textContent('[data-testid=final-receipt]')).toContain('принтер бапталмаған');
    await e.shot('cashier-kk-no-printer');
    const atid = e.sandbox.processing.ledger()[0]!.agentTransactionId;
    await page.click('[data-testid=open-journal]');
    await page.click(`[data-testid=journal-row-${atid}]`);
    await page.waitForSelector('[data-testid=receipt-preview]');
  });
});

describe('the start link (the browser host)', () => {
  it('opened again (another browser, a bookmark), it says it was used and how to open the screens; without one, how to get one (ru, kk)', async () => {
    e = await suite.start();
    const { page } = e;
    // A browser without this page's session cookie opens the same link.
    await page.context().clearCookies();
    e.allowErrors(/status of 401 \(Unauthorized\)|\/events' failed: .*403/);
    await page.goto('about:blank');
    await page.goto(e.host.url);
    await page.waitForSelector('[data-testid=no-session][data-why=link-used]');
    expect(await page.textContent('[data-testid=no-session] h1')).toBe('Эта ссылка уже использована');
    expect(await page.textContent('[data-testid=no-session]')).toContain('перезапустите терминал (Ctrl+C в его окне, затем npm start)');
    expect(await page.locator('text=Терминал не отвечает').count()).toBe(0);
    await audit(e, page, 'start-link-used', false);
    // The address alone, in Kazakh.
    await page.evaluate(`localStorage.setItem('tolem.settings', '{"lang":"kk"}')`);
    await page.goto(new URL(e.host.url).origin + '/');
    await page.waitForSelector('[data-testid=no-session][data-why=no-session]');
    expect(await page.textContent('[data-testid=no-session] h1')).toBe('Экрандар терминалға қосылмаған');
    await e.shot('start-link-none-kk');
  });
});

describe('safe mode (the terminal stopped unexpectedly three times in ten minutes)', () => {
  it('every screen says it takes no money, in the customer\'s language, and a payment is refused in words before any cash (kk, 1080×1920)', async () => {
    e = await suite.start({ mode: 'kiosk', lang: 'kk', viewport: { width: 1080, height: 1920 }, safeMode: true, env: { TOLEM_IDLE_TIMEOUT_SECONDS: '600' } });
    const { page } = e;
    await page.waitForSelector('[data-testid=safe-mode]');
    expect(await page.textContent('[data-testid=safe-mode]')).toContain('Терминал қауіпсіз режимде');
    // Said once, and a service touched does not open: no cash can go in.
    expect(await page.locator('[data-testid=kiosk-refusal]').count()).toBe(0);
    await audit(e, page, 'kiosk-kk-safe-mode', true);
    await page.click('[data-testid=service-P1011]');
    expect(await page.locator('[data-testid=payment-form]').count()).toBe(0);
    expect(e.requests.filter((r) => r.method === 'check' || r.method === 'pay')).toEqual([]);
  });
});
