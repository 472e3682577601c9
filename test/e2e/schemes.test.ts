/**
 * A cashier takes a payment of each scheme from Home to the final screen, in Chromium, as a person
 * would: search, type, choose, read the totals, pay.
 */
import { describe, expect, it } from 'vitest';
import { parseWire, toPlain } from '../../main/base/wire-json.js';
import { contractsFor } from '../../dev/sandbox/processing.js';
import { e2eSuite, type E2E } from './fixture.js';

const suite = e2eSuite();
let e: E2E;

/** The pay bodies processing received, numbers kept as the exact text on the wire ("359.80"). */
/**
 * The pay bodies processing received, each once: a repeat of the same body (a slow answer on a busy
 * machine cut off by the request's deadline) is the protocol's retry, not a second payment.
 */
const pays = (x: E2E) => [...new Set(x.requests.filter((r) => r.method === 'pay').map((r) => r.body))].map((body) => toPlain(parseWire(body)) as Record<string, unknown>);

describe('a payment of each scheme, Home to final screen', () => {
  it('simple with displays: search, a validation error with nothing sent, check, commission and change, paid', async () => {
    e = await suite.start();
    const { page } = e;
    await e.shot('home-ru');
    await page.fill('[data-testid=search]', 'казахтел');
    await expect.poll(() => page.getAttribute('[data-testid=service-list]', 'data-count')).toBe('1');
    await page.click('[data-testid=service-P2001]');
    await page.fill('[data-testid=input-account]', '12ab');
    await page.click('[data-testid=check]');
    await expect.poll(() => page.textContent('[data-testid=input-account-note]')).toBe('«Лицевой счёт»: от 6 до 12 цифр');
    await e.shot('form-validation-error');
    expect(e.requests.filter((r) => r.method === 'check')).toHaveLength(0);

    await page.fill('[data-testid=input-account]', '7172123456');
    await page.click('[data-testid=check]');
    await page.waitForSelector('[data-testid=payment-details]');
    expect(await page.textContent('[data-testid=displays]')).toContain('Абонент');
    // The debt check named is a sum as every other, and the amount starts from it (written as the cashier writes it).
    const debt = (await page.textContent('[data-testid=display-debt]'))!;
    expect(debt).toMatch(/^\d\s\d{3},00\s₸$/);
    expect(await page.inputValue('[data-testid=amount]')).toBe(debt.replace(/[\s₸]/g, ''));
    await page.fill('[data-testid=amount]', '1500');
    await expect.poll(() => page.textContent('[data-testid=quote-total]')).toMatch(/1\s520,00\s₸/);
    expect(await page.textContent('[data-testid=quote-commission]')).toMatch(/20,00\s₸/);
    await page.fill('[data-testid=cash-received]', '1000');
    expect(await page.isDisabled('[data-testid=pay]')).toBe(true);
    await page.fill('[data-testid=cash-received]', '2000');
    expect(await page.textContent('[data-testid=change]')).toMatch(/480,00\s₸/);
    await e.shot('details-simple');
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final][data-state=success]');
    expect(await page.textContent('[data-testid=final-title]')).toBe('Оплачено');
    // Every fact, said after paying: the customer's name from check, the change given, the receipt.
    expect(await page.textContent('[data-testid=final]')).toContain('Абонент');
    expect(await page.textContent('[data-testid=final-display-debt]')).toBe(debt);
    expect(await page.textContent('[data-testid=final-change]')).toMatch(/480,00\s₸/);
    await expect.poll(() => page.textContent('[data-testid=final-receipt]')).toBe('напечатан');
    expect(await page.textContent('[data-testid=final]')).not.toContain('К оплате');
    await e.shot('final-paid');
    expect(pays(e)).toEqual([expect.objectContaining({ serviceId: 'P2001', account: '7172123456' })]);
    expect(pays(e)[0]).toMatchObject({ amountTo: '1500.00', amountFrom: '1520.00' });
  });

  it('a mobile number goes to the operator that serves it (number portability)', async () => {
    e = await suite.start();
    const { page } = e;
    await page.click('[data-testid=service-P1011]');
    await page.fill('[data-testid=input-account]', '7011234567');
    await page.click('[data-testid=check]');
    await page.waitForSelector('[data-testid=rerouted]');
    expect(await page.textContent('[data-testid=screen-title]')).toBe('Kcell');
    await page.fill('[data-testid=amount]', '500');
    await page.fill('[data-testid=cash-received]', '520');
    await e.shot('details-rerouted');
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final][data-state=success]');
    expect(pays(e)).toEqual([expect.objectContaining({ serviceId: 'P1013' })]);
  });

  it('with choice: a contract is chosen from the list, its sum prefilled', async () => {
    e = await suite.start();
    const { page } = e;
    await page.click('[data-testid=group-Банки\\ и\\ кредиты]');
    await page.click('[data-testid=service-P0006]');
    await page.fill('[data-testid=input-account]', '870412300123');
    await page.click('[data-testid=check]');
    await page.waitForSelector('[data-testid=contracts]');
    expect(await page.isDisabled('[data-testid=pay]')).toBe(true);
    const second = page.locator('[data-testid^=contract-]').nth(1);
    const contractId = (await second.getAttribute('data-testid'))!.replace('contract-', '');
    const contractNumber = contractsFor('870412300123').find((c) => c.contractId === contractId)!.contractNumber;
    await second.click();
    await expect.poll(() => page.inputValue('[data-testid=amount]')).toBe('2000,00');
    await page.fill('[data-testid=cash-received]', '2100');
    await e.shot('details-contracts');
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final][data-state=success]');
    // The contract paid is named on the final screen: its number (or id) as the list showed it.
    expect(await page.textContent('[data-testid=final-contract]')).toContain(contractNumber);
    expect(pays(e)).toEqual([expect.objectContaining({ extras: expect.objectContaining({ contractId }) })]);
  });

  it('invoice: lines with checkboxes, amounts from paySum, meter readings, limits, the total recomputed', async () => {
    e = await suite.start();
    const { page } = e;
    await page.click('[data-testid=service-P0005]');
    await page.fill('[data-testid=input-account]', '1234567890');
    await page.click('[data-testid=check]');
    await page.waitForSelector('[data-testid=invoice]');
    // All four lines come prefilled: 359.80 + 80.00 + 925.20 + 1200.50 = 2565.50, written as the cashier writes sums.
    await expect.poll(() => page.textContent('[data-testid=quote-amount-to]')).toMatch(/2\s565,50\s₸/);
    expect(await page.inputValue('[data-testid=line-36-amount]')).toBe('359,80');
    expect(await page.textContent('[data-testid=line-37-info]')).toMatch(/^Долг: 300,00\s₸ · мин\. 100,00\s₸ · макс\. 50\s000,00\s₸ · поверка до 2027$/);
    // In Kazakh, the terminal's words are Kazakh; processing's comment stays as processing wrote it.
    await page.click('[data-testid=lang-kk]');
    await expect.poll(() => page.textContent('[data-testid=line-37-info]')).toMatch(/^Қарыз: 300,00\s₸ · кемінде 100,00\s₸ · ең көбі 50\s000,00\s₸ · поверка до 2027$/);
    await e.shot('invoice-kk');
    await page.click('[data-testid=lang-ru]');
    // A reading below the last one names the last one as its label does.
    await page.fill('[data-testid=line-36-meter]', '4000');
    await expect.poll(() => page.textContent('[data-testid=line-36]')).toContain('(4870,00)');
    await page.uncheck('[data-testid=line-13-pick]');
    await expect.poll(() => page.textContent('[data-testid=quote-amount-to]')).toMatch(/2\s485,50\s₸/);
    // Water: at least 100.00; its meter cannot go below the last reading (112.5).
    await page.fill('[data-testid=line-37-amount]', '50');
    await page.fill('[data-testid=line-37-meter]', '100');
    await expect.poll(() => page.textContent('[data-testid=line-37]')).toContain('Не меньше 100,00');
    expect(await page.isDisabled('[data-testid=pay]')).toBe(true);
    await e.shot('invoice-problems');
    await page.fill('[data-testid=line-37-amount]', '1000');
    await expect.poll(() => page.textContent('[data-testid=line-37]')).toContain('не может быть меньше предыдущего');
    await page.fill('[data-testid=line-37-meter]', '120.5');
    await page.fill('[data-testid=line-36-meter]', '4901');
    await expect.poll(() => page.textContent('[data-testid=quote-amount-to]')).toMatch(/2\s285,00\s₸/);
    await page.fill('[data-testid=cash-received]', '2400');
    await e.shot('details-invoice');
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final][data-state=success]');
    // The bill's lines paid, with their meter readings, on the final screen.
    expect(await page.textContent('[data-testid=final-line-37]')).toMatch(/1\s000,00\s₸ · показание 120\.5/);
    const [pay] = pays(e);
    expect(pay!.extraServices).toEqual([
      { subServiceId: '36', amount: '359.80', lastCount: '4901' },
      { subServiceId: '2', amount: '925.20' },
      { subServiceId: '37', amount: '1000.00', lastCount: '120.5' },
    ]);
  });

  it('international: the rate and what the recipient gets, before paying', async () => {
    e = await suite.start();
    const { page } = e;
    await page.fill('[data-testid=search]', 'steam');
    await page.click('[data-testid=service-P3001]');
    await page.fill('[data-testid=input-account]', 'gamer_01');
    await page.click('[data-testid=check]');
    await page.waitForSelector('[data-testid=rate]');
    // The rate as processing converts with it (so what arrives can be checked against it), and what one dollar costs beside it.
    expect(await page.textContent('[data-testid=rate]')).toBe('1 ₸ = 0,0020833333 USD (1 USD ≈ 480,00\u00a0₸)');
    await page.fill('[data-testid=amount]', '4800');
    await expect.poll(() => page.textContent('[data-testid=quote-final-amount]')).toMatch(/^9,99 USD \(по курсу за 4\s800,00\s₸ к зачислению; комиссия 48,00\s₸ не конвертируется\)$/);
    // Kazakh, in Chromium, whose own kk-KZ data would write «KZT 4,800.00»: the terminal's formatter instead.
    await page.click('[data-testid=lang-kk]');
    await expect.poll(() => page.textContent('[data-testid=quote-amount-to]')).toBe('4\u00a0800,00\u00a0₸');
    expect(await page.textContent('body')).not.toContain('KZT');
    await page.click('[data-testid=lang-ru]');
    await page.fill('[data-testid=cash-received]', '5000');
    await e.shot('details-international');
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final][data-state=success]');
    expect(await page.textContent('[data-testid=final-arrives]')).toBe('9,99 USD');
  });

  it('fixed amount: locked to what check named', async () => {
    e = await suite.start();
    const { page } = e;
    await page.click('[data-testid=service-P1012]');
    await page.fill('[data-testid=input-account]', '1234567890');
    await page.fill('[data-testid=input-ev_account1]', '5555555555');
    await page.click('[data-testid=check]');
    await page.waitForSelector('[data-testid=fixed-amount]');
    expect(await page.locator('[data-testid=amount]').count()).toBe(0);
    await expect.poll(() => page.textContent('[data-testid=quote-amount-to]')).toMatch(/15\s000,00\s₸/);
    await page.fill('[data-testid=cash-received]', '15150');
    await e.shot('details-fixed');
    await page.click('[data-testid=pay]');
    await page.waitForSelector('[data-testid=final][data-state=success]');
    expect(pays(e)).toEqual([expect.objectContaining({ amountTo: '15000.00', amountFrom: '15150.00' })]);
  });
});
