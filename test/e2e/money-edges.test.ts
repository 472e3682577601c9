/**
 * Screens that never mis-tell a sum (issue 13, items 8 and 16–22), walked as a kiosk customer at arm's
 * length (1080×1920) and a cashier in a hurry (1920×1080), with screenshots looked at.
 */
import { describe, expect, it } from 'vitest';
import { e2eSuite, KIOSK_NEXT, kioskCheck, openKioskAdmin, type E2E } from './fixture.js';

const suite = e2eSuite();
let e: E2E;
const KIOSK = { width: 1080, height: 1920 };
const DESK = { width: 1920, height: 1080 };
// The agent's limits for mobile operators (the catalog carries none): 50 ₸ to 100 000 ₸ credited.
const LIMITS = { limits: { groups: { 'Сотовая связь': { min: '50.00', max: '100000.00' } } } };

/** A kiosk customer opens Herbalife (a fixed amount) and has partner and order number checked. */
async function kioskHerbalife(page: E2E['page']): Promise<void> {
  await page.click('[data-testid=service-P1012]');
  await page.waitForSelector('[data-testid=on-screen-keyboard]');
  for (const d of '1234567890') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
  // «Далее» moves to the next field, then checks.
  await page.click(KIOSK_NEXT);
  for (const d of '0000000001') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
  expect(await page.inputValue('[data-testid=input-ev_account1]')).toBe('0000000001');
  await page.click(KIOSK_NEXT);
  await page.waitForSelector('[data-testid=kiosk-cash]');
}

/** A cashier checks a Beeline number and types 1 000 ₸ to credit (1 020 ₸ with the commission) and the cash received. */
async function deskBeeline(page: E2E['page'], account: string, received: string): Promise<void> {
  await page.click('[data-testid=service-P1011]');
  await page.fill('[data-testid=input-account]', account);
  await page.click('[data-testid=check]');
  await page.waitForSelector('[data-testid=payment-details]');
  await page.fill('[data-testid=amount]', '1000');
  await expect.poll(() => page.textContent('[data-testid=quote-total]')).toMatch(/1\s020,00\s₸/);
  await page.fill('[data-testid=cash-received]', received);
}

const pays = (x: E2E) => new Set(x.requests.filter((r) => r.method === 'pay').map((r) => r.body)).size;

describe('the kiosk PIN (item 8)', () => {
  it('a wrong try leaves the field empty, so the next try is the attendant\'s own digits', async () => {
    e = await suite.start({ mode: 'kiosk', viewport: KIOSK, env: { TOLEM_ADMIN_PIN: '0000' } });
    const { page } = e;
    await openKioskAdmin(page);
    for (const d of '1234') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    await page.waitForSelector('[data-testid=admin-message]');
    expect(await page.inputValue('[data-testid=pin]')).toBe('');
    for (const d of '0000') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    await page.waitForSelector('[data-testid=refresh-catalog]');
  });
});

describe.each([
  ['kiosk 1080×1920', KIOSK],
  ['kiosk 1920×1080', DESK],
])('a kiosk never takes cash for a payment it would refuse (item 16), %s', (name, viewport) => {
  it('says the limits before the first note, keeps Pay off below the minimum, returns a note past the maximum', async () => {
    e = await suite.start({ mode: 'kiosk', viewport, config: LIMITS, env: { TOLEM_IDLE_TIMEOUT_SECONDS: '600' } });
    const { page } = e;
    await kioskCheck(page, 'P1013', '7011234567');
    await page.waitForSelector('[data-testid=kiosk-cash]');
    // 50 ₸ credited needs 70 ₸ with the commission (1 %, at least 20 ₸); at most 100 000 + 1 000.
    await expect.poll(() => page.textContent('[data-testid=cash-limits]')).toMatch(/от 70,00\s₸ до 101\s000,00\s₸/);
    expect(await page.textContent('[data-testid=pay-why]')).toMatch(/Внесите не менее 70,00\s₸/);
    expect(await page.textContent('[data-testid=kiosk-cash]')).not.toContain('Считаем');
    expect(await page.isDisabled('[data-testid=pay]')).toBe(true);
    await e.shot(`limits-before-note-${name.replace(/\W+/g, '-')}`);
    await page.click('[data-testid=insert-50]');
    await page.waitForSelector('[data-testid=insert-more]');
    expect(await page.textContent('[data-testid=insert-more]')).toMatch(/20,00\s₸/);
    expect(await page.isDisabled('[data-testid=pay]')).toBe(true);
    await page.click('[data-testid=insert-20]');
    await expect.poll(() => page.isDisabled('[data-testid=pay]')).toBe(false);
    for (let i = 0; i < 5; i += 1) await page.click('[data-testid=insert-20000]');
    await expect.poll(() => page.textContent('[data-testid=inserted]')).toMatch(/100\s070,00\s₸/);
    await page.click('[data-testid=insert-20000]');
    await page.waitForSelector('[data-testid=cash-note][data-returned=yes]');
    expect(await page.textContent('[data-testid=cash-note]')).toMatch(/максимум 101\s000,00\s₸/);
    expect(await page.textContent('[data-testid=inserted]')).toMatch(/100\s070,00\s₸/);
    await e.shot(`limits-note-returned-${name.replace(/\W+/g, '-')}`);
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final][data-state=success]', { timeout: 15_000 });
    expect(e.sandbox.processing.ledger()).toEqual([expect.objectContaining({ serviceId: 'P1013', amountFrom: 100_070_00 })]);
  });
});

describe('stranded cash leaves the customer proof (item 17)', () => {
  it.each(['ru', 'kk'] as const)('cancel with cash asks once; the kiosk prints a slip; the attendant sees service, account, number and why (%s)', async (lang) => {
    e = await suite.start({ mode: 'kiosk', viewport: KIOSK, lang, env: { TOLEM_ADMIN_PIN: '0000', TOLEM_IDLE_TIMEOUT_SECONDS: '600' } });
    const { page } = e;
    await kioskCheck(page, 'P1011', '7771234567');
    await page.waitForSelector('[data-testid=kiosk-cash]');
    await page.click('[data-testid=insert-500]');
    await expect.poll(() => page.textContent('[data-testid=inserted]')).toMatch(/500,00\s₸/);
    const printed = e.terminal.virtualPrinter!.receipts.length;
    await page.click('[data-testid=cancel-cash]');
    await page.waitForSelector('[data-testid=cancel-ask]');
    await e.shot(`cancel-ask-${lang}`);
    // "Go on" keeps the cash in the payment.
    await page.click('[data-testid=cancel-no]');
    await page.waitForSelector('[data-testid=cancel-ask]', { state: 'detached' });
    expect(e.terminal.cash.unpaid()).toEqual([]);
    await page.click('[data-testid=cancel-cash]');
    await page.click('[data-testid=cancel-yes]');
    await page.waitForSelector('[data-testid=take-slip]');
    await e.shot(`cash-slip-taken-${lang}`);
    // The slip came out of the printer (a raster image: its PNG is saved beside the receipts, and looked at).
    await e.terminal.virtualPrinter!.waitForReceipts(printed + 1);
    expect(e.terminal.virtualPrinter!.receipts.at(-1)!.image?.width).toBeGreaterThan(0);
    const [cash] = e.terminal.cash.unpaid();
    expect(cash).toMatchObject({ total: 500_00, release: { reason: 'cancelled' }, forPayment: { serviceName: 'Билайн Казахстан', account: '7771234567' } });
    await page.click('[data-testid=done]');
    await openKioskAdmin(page);
    for (const d of '0000') await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
    await page.click('[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]');
    await page.waitForSelector('[data-testid=cash-unpaid]');
    const row = await page.textContent('[data-testid=cash-unpaid]');
    expect(row).toContain('7771234567');
    expect(row).toContain(cash!.forPayment!.agentTransactionId);
    expect(await page.textContent(`[data-testid=cash-why-${cash!.id}]`)).toBe(lang === 'kk' ? 'сатып алушы бас тартты' : 'покупатель отменил');
    expect(row).not.toMatch(/отключение питания|қуат өшуі/);
    await e.shot(`admin-cash-why-${lang}`);
  });

  it('walking away from a locked amount with cash in: the slip is printed and the reason is "walked away"', async () => {
    e = await suite.start({ mode: 'kiosk', viewport: KIOSK, env: { TOLEM_IDLE_TIMEOUT_SECONDS: '2' } });
    const { page } = e;
    await kioskHerbalife(page);
    await page.click('[data-testid=insert-10000]');
    await page.waitForSelector('[data-testid=still-there]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid=still-there-then]')).toMatch(/10\s000,00\s₸ будут переданы оператору .*чек/);
    await e.shot('still-there-says-what-happens');
    await page.waitForSelector('[data-testid=handed-over]', { timeout: 10_000 });
    await page.waitForSelector('[data-testid=take-slip]');
    expect(e.terminal.cash.unpaid()).toEqual([expect.objectContaining({ total: 10_000_00, release: expect.objectContaining({ reason: 'walked-away' }) })]);
  });
});

describe('the cashier is told the right sums (items 18 and 20)', () => {
  it('refused: «Верните клиенту» names, large, exactly the cash the cashier took', async () => {
    e = await suite.start({ viewport: DESK });
    const { page } = e;
    await deskBeeline(page, '7771239241', '2000');
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final][data-state=failed]');
    expect(await page.textContent('[data-testid=final-give-back]')).toMatch(/Верните клиенту 2\s000,00\s₸/);
    const size = Number(await page.evaluate("parseFloat(getComputedStyle(document.querySelector('[data-testid=final-give-back]')).fontSize)"));
    expect(size).toBeGreaterThanOrEqual(28);
    await e.shot('cashier-refused-give-back');
  });

  it('Enter right after typing the cash received pays what the fields hold, every time, once each', async () => {
    e = await suite.start({ viewport: DESK });
    const { page } = e;
    for (let i = 0; i < 6; i += 1) {
      await page.click('[data-testid=service-P1011]');
      await page.fill('[data-testid=input-account]', `777123450${i}`);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=payment-details]');
      await page.focus('[data-testid=amount]');
      // At full speed: the amount, Tab, the cash, Enter, with no wait for any screen update.
      await page.keyboard.type(String(1000 + i * 111), { delay: 0 });
      await page.keyboard.press('Tab');
      await page.focus('[data-testid=cash-received]');
      await page.keyboard.type('5000', { delay: 0 });
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=final][data-state=success]');
      expect(await page.textContent('[data-testid=final]')).not.toContain('Проверьте введённые данные');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=home][data-ready=yes]');
    }
    expect(pays(e)).toBe(6);
    expect(e.sandbox.processing.ledger().map((l) => l.amountTo)).toEqual([0, 1, 2, 3, 4, 5].map((i) => (1000 + i * 111) * 100));
  });
});

describe('international and locked amounts (items 19 and 21)', () => {
  it('the rate shown and what arrives agree, and the commission is said', async () => {
    e = await suite.start({ viewport: DESK });
    const { page } = e;
    await page.click('[data-testid=service-P3001]');
    await page.fill('[data-testid=input-account]', 'player_one');
    await page.click('[data-testid=check]');
    await page.waitForSelector('[data-testid=rate]');
    expect(await page.textContent('[data-testid=rate]')).toMatch(/1 ₸ = 0,0020833333 USD/);
    await page.fill('[data-testid=amount]', '4800');
    await expect.poll(() => page.textContent('[data-testid=quote-final-amount]')).toMatch(/9,99 USD/);
    // 4 800 × 0,0020833333 = 9,9999…, cut to the cent: what the rate shown gives.
    expect(await page.textContent('[data-testid=quote-final-note]')).toMatch(/4\s800,00\s₸ к зачислению; комиссия 48,00\s₸ не конвертируется/);
    await e.shot('international-rate-agrees');
  });

  it.each([['kiosk 1080×1920', KIOSK], ['kiosk 1920×1080', DESK]] as const)('a locked amount is one figure (%s)', async (name, viewport) => {
    e = await suite.start({ mode: 'kiosk', viewport, env: { TOLEM_IDLE_TIMEOUT_SECONDS: '600' } });
    const { page } = e;
    await kioskHerbalife(page);
    // The sum to pay comes from a quote the screen asks for after the check: wait for it, never read it early.
    await expect.poll(() => page.textContent('[data-testid=payment-details]')).toMatch(/к оплате: 15\s150,00\s₸/);
    const text = (await page.textContent('[data-testid=payment-details]'))!;
    expect(text).not.toMatch(/15000\.00|тенге/);
    expect(await page.textContent('[data-testid=pay]')).toBe('Оплатить');
    await e.shot(`locked-one-figure-${name.replace(/\W+/g, '-')}`);
  });
});

describe('payouts in the cashier\'s records (item 22)', () => {
  it('a desk payout: cash taken and change on its final screen; in the journal and the day\'s totals', async () => {
    e = await suite.start({ viewport: DESK, payouts: true, env: { TOLEM_PAYOUTS_DIRECT: '1' } });
    const { page } = e;
    await page.click('[data-testid=open-payout]');
    await page.fill('[data-testid=payout-amount]', '500');
    await page.fill('[data-testid=payout-name]', 'aigerim');
    await page.click('[data-testid=payout-next]');
    await page.fill('[data-testid=payout-cash-received]', '1000');
    await page.click('[data-testid=payout-to-flow]');
    await page.click('[data-testid=payout-direct]');
    await page.fill('[data-testid=payout-pan]', '4111 1111 1111 1111');
    await page.click('[data-testid=payout-send]');
    await page.waitForSelector('[data-testid=payout-final][data-state=paid]');
    expect(await page.textContent('[data-testid=payout-taken]')).toMatch(/520,00\s₸/);
    expect(await page.textContent('[data-testid=payout-received]')).toMatch(/1\s000,00\s₸/);
    expect(await page.textContent('[data-testid=payout-change]')).toMatch(/480,00\s₸/);
    await e.shot('payout-desk-final-cash');
    await page.click('[data-testid=payout-done]');
    await page.click('[data-testid=open-journal]');
    await page.waitForSelector('[data-testid=journal-payouts]');
    expect(await page.textContent('[data-testid=journal-payouts]')).toMatch(/411111\*{6}1111.*500,00\s₸.*520,00\s₸.*Выплачено/);
    expect(await page.textContent('[data-testid=journal-totals-all]')).toMatch(/520,00\s₸/);
    await e.shot('journal-with-payouts');
  });

  it('a cashier who chose ҚАЗ prints a Kazakh receipt', async () => {
    e = await suite.start({ viewport: DESK, lang: 'kk' });
    const { page } = e;
    await deskBeeline(page, '7771234567', '2000');
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final][data-state=success]');
    const p = e.terminal.journal.list()[0]!;
    expect(e.terminal.journal.receipts(p.id).at(-1)).toMatchObject({ lang: 'kk', outcome: 'printed' });
    expect(p.cashReceived).toBe(2000_00);
  });
});
