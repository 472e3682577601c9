/**
 * When things go wrong, the screen says so in words and money is neither lost nor paid twice: a
 * final refusal, processing going down in the middle of a shift and coming back.
 */
import { describe, expect, it } from 'vitest';
import { e2eSuite, type E2E } from './fixture.js';

const suite = e2eSuite();
let e: E2E;

async function checkAndPay(x: E2E, serviceId: string, account: string, amount: string, cash: string) {
  await x.page.click(`[data-testid=service-${serviceId}]`);
  await x.page.fill('[data-testid=input-account]', account);
  await x.page.click('[data-testid=check]');
  await x.page.waitForSelector('[data-testid=payment-details], [data-testid=final]');
  if (await x.page.locator('[data-testid=final]').count()) return;
  await x.page.fill('[data-testid=amount]', amount);
  await x.page.waitForSelector('[data-testid=quote]');
  await x.page.fill('[data-testid=cash-received]', cash);
  await x.page.click('[data-testid=pay]');
}

describe('failures, in words', () => {
  it('a final refusal of pay is shown as "not paid" with the reason, and the cashier is told to give the money back', async () => {
    e = await suite.start();
    await checkAndPay(e, 'P1011', '7771239007', '500', '520');
    await e.page.waitForSelector('[data-testid=final][data-state=failed]');
    expect(await e.page.textContent('[data-testid=final-title]')).toBe('Не оплачено');
    expect(await e.page.textContent('[data-testid=final-reason]')).toBe('Приём платежа запрещён поставщиком');
    expect(await e.page.textContent('[data-testid=final]')).toContain('Верните клиенту 520,00');
    await e.shot('final-not-paid');
  });

  it('a refusal at check (subscriber not found) ends there: nothing is paid', async () => {
    e = await suite.start({ lang: 'kk' });
    await checkAndPay(e, 'P1011', '7771239005', '500', '520');
    await e.page.waitForSelector('[data-testid=final][data-state=failed]');
    expect(await e.page.textContent('[data-testid=final-reason]')).toBe('Абонент табылмады');
    expect(e.requests.filter((r) => r.method === 'pay')).toHaveLength(0);
    await e.shot('final-not-found-kk');
  });
});

describe('processing down', () => {
  it('the payment is queued, shown as waiting, and delivered when processing is back, with nobody touching anything', async () => {
    e = await suite.start();
    const { page } = e;
    await e.stopProcessing();
    await checkAndPay(e, 'P2001', '7172123456', '1000', '1020');
    await page.waitForSelector('[data-testid=final][data-state=pending]');
    expect(await page.textContent('[data-testid=final-title]')).toBe('Принято, отправляется');
    expect(await page.textContent('[data-testid=final-pending-note]')).toContain('Платить повторно не нужно');
    await page.waitForSelector('[data-testid=connection][data-state=offline]');
    await page.waitForSelector('[data-testid=pending-count][data-count="1"]');
    await e.shot('final-queued-offline');
    const paysBefore = e.requests.filter((r) => r.method === 'pay').length;

    await e.startProcessing();
    // The probe notices, the worker replays the queue, the screen hears about it.
    await page.waitForSelector('[data-testid=final][data-state=success]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=connection][data-state=online]');
    expect(await page.locator('[data-testid=pending-count]').count()).toBe(0);
    await e.shot('final-delivered-after-reconnect');
    const pays = e.requests.filter((r) => r.method === 'pay');
    expect(pays.length).toBeGreaterThan(paysBefore);
    // Every pay attempt carried the same body: the payment was never taken twice.
    expect(new Set(pays.map((r) => r.body)).size).toBe(1);
    expect(e.sandbox.processing.ledger().filter((l) => l.state === 'paid')).toEqual([expect.objectContaining({ account: '7172123456', amountTo: 1000_00, amountFrom: 1020_00 })]);

    // Down again, a second payment waits: the journal says why in words, and, open on it while the queue
    // delivers it, says what it is now (paid, every attempt, the paid receipt).
    await e.stopProcessing();
    await page.click('[data-testid=done]');
    await checkAndPay(e, 'P2001', '7172123457', '500', '520');
    await page.waitForSelector('[data-testid=final][data-state=pending]');
    const atid = (await page.textContent('[data-testid=final-number]'))!;
    await page.click('[data-testid=done]');
    await page.click('[data-testid=open-journal]');
    await page.click(`[data-testid=journal-row-${atid}]`);
    await page.waitForSelector('[data-testid=receipt-preview]');
    // Taken offline and not tried yet, or tried and refused: either way in words.
    expect(await page.textContent('[data-testid=journal-why]')).toMatch(/^ — (ждёт отправки: процессинг недоступен: соединение не установлено|принят без связи: будет отправлен, когда связь вернётся)$/);
    const detail = (await page.textContent('[data-testid=journal-detail]'))!;
    expect(detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|refused/);
    // Each attempt refused in words, or (the one being sent as the page loaded) not answered yet.
    for (const attempt of await page.locator('[data-testid=attempts] li').allTextContents()) expect(attempt).toMatch(/(нет связи · процессинг недоступен: соединение не установлено| — нет ответа)$/);
    const pendingReceipt = await page.getAttribute('[data-testid=receipt-preview]', 'src');
    await e.shot('journal-pending-why');
    await e.startProcessing();
    await page.waitForSelector(`[data-testid=journal-row-${atid}][data-state=success]`, { timeout: 30_000 });
    await expect.poll(() => page.textContent('[data-testid=journal-detail] .state')).toBe('Оплачен');
    await expect.poll(() => page.locator('[data-testid=attempts] li').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-testid=journal-why]').count()).toBe(0);
    await expect.poll(() => page.getAttribute('[data-testid=receipt-preview]', 'src')).not.toBe(pendingReceipt);
    await e.shot('journal-paid-after-replay');
  });

  it('the home screen says the catalog comes from the saved copy while processing is down, and stops saying it once processing answers; after a restart it never says it', async () => {
    e = await suite.start();
    // The balance processing told before it went down (the terminal's probe asks it): the menu says that one.
    await expect.poll(() => e.terminal.agentBalance, { timeout: 15_000 }).not.toBeNull();
    await e.stopProcessing();
    await e.page.click('[data-testid=open-admin]');
    // The service menu says what this terminal is and how it stands.
    await e.page.waitForSelector('[data-testid=admin-info]');
    expect(await e.page.textContent('[data-testid=admin-info-processing]')).toMatch(/^127\.0\.0\.1:\d+$/);
    // The browser host keeps its secrets in config.json: said as it is, never called encrypted.
    expect(await e.page.textContent('[data-testid=admin-info-secrets]')).toBe('в config.json, доступном только владельцу (не зашифрованы)');
    expect(await e.page.textContent('[data-testid=admin-info-queue]')).toMatch(/ждут отправки: 0/);
    // The balance is the last one processing told, and says so; a refresh that could not reach processing says it did not refresh.
    expect(await e.page.textContent('[data-testid=admin-info-balance]')).toMatch(/^\d[\d\s]*,\d\d\s₸ · на \d\d\.\d\d\.\d{4}, \d\d:\d\d:\d\d, процессинг сейчас не отвечает$/);
    await e.page.click('[data-testid=refresh-catalog]');
    await e.page.waitForSelector('[data-testid=admin-message]');
    expect(await e.page.textContent('[data-testid=admin-message]')).toBe('Процессинг не отвечает: каталог не обновлён, работает сохранённая копия');
    await e.shot('admin');
    await e.page.click('text=← Назад');
    await e.page.waitForSelector('[data-testid=catalog-cached]');
    await e.page.waitForSelector('[data-testid=connection][data-state=offline]');
    await e.shot('home-offline-cached');
    // Processing is back: the banner goes with the «На связи», without a touch.
    await e.startProcessing();
    await e.page.waitForSelector('[data-testid=connection][data-state=online]');
    await e.page.waitForSelector('[data-testid=home][data-catalog=processing]');
    expect(await e.page.locator('[data-testid=catalog-cached]').count()).toBe(0);
    // A restarted terminal reads its saved copy first (nothing in memory): Home does not call processing
    // unavailable, and has the catalog from processing as soon as it is online.
    (e.terminal.catalog as unknown as { snapshot: unknown }).snapshot = null;
    await e.page.reload();
    await e.page.waitForSelector('[data-testid=home][data-ready=yes]');
    expect(await e.page.locator('[data-testid=catalog-cached]').count()).toBe(0);
    await e.page.waitForSelector('[data-testid=home][data-catalog=processing]');
    await e.page.waitForSelector('[data-testid=connection][data-state=online]');
    expect(await e.page.locator('[data-testid=catalog-cached]').count()).toBe(0);
  });
});
