/**
 * Offline, the same rules hold as online (issue 13, items 13 and 14): a fixed-amount service is never
 * accepted for another amount, and a mobile payment accepted offline is never credited to an operator
 * that does not own the number (processing is asked before the first pay leaves).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NUMBER_MOVED, RefusedError } from '../../main/payments/payment-engine.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { paymentJson } from '../../main/payments/payment-view.js';
import { paymentReceipt } from '../../main/receipts/receipt.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

// Accounts ending 9610: the sandbox's check answers 503 (processing half down), its pay works.
const CHECK_DOWN = '9610';

describe('offline amount rules', () => {
  it('a fixed-amount service (P1012, exactly what check names) is refused offline for any amount, as online for a wrong one', async () => {
    h = await startHarness();
    await h.terminal.catalog.refresh();
    const offline = h.terminal.engine.pay({ serviceId: 'P1012', account: `123456${CHECK_DOWN}`, fields: { ev_account1: '0000000001' }, amountTo: 100_00 }, 3000);
    await expect(offline).rejects.toThrow(RefusedError);
    await expect(h.terminal.engine.pay({ serviceId: 'P1012', account: `123456${CHECK_DOWN}`, fields: { ev_account1: '0000000001' }, amountTo: 15_000_00 }, 3000)).rejects.toMatchObject({ code: 'offline-needs-check' });
    expect(h.requests.filter((r) => r.method === 'pay')).toHaveLength(0);
    expect(h.sandbox.processing.ledger()).toHaveLength(0);
    // Online, the wrong amount is refused too, and the right one paid.
    await expect(h.terminal.engine.pay({ serviceId: 'P1012', account: '1234560001', fields: { ev_account1: '0000000001' }, amountTo: 100_00 }, 3000)).rejects.toThrow(/exactly/);
  });
});

describe('number portability offline', () => {
  it('a Beeline payment for a number Kcell owns, accepted offline, is never paid to Beeline: nothing is sent, a person decides, and it says why', async () => {
    h = await startHarness();
    await h.terminal.catalog.refresh();
    const p = await h.terminal.engine.pay({ serviceId: 'P1011', account: `701123${CHECK_DOWN}`, amountTo: 500_00 }, 5000);
    expect(p.offline).toBe(true);
    expect(p.state).toBe('review');
    expect(p.stateReason).toContain(NUMBER_MOVED);
    expect(p.stateReason).toMatch(/P1013/);
    expect(p.resultMessage).toMatch(/теперь обслуживает/);
    expect(h.requests.filter((r) => r.method === 'pay')).toHaveLength(0);
    expect(h.sandbox.processing.ledger()).toHaveLength(0);
    // The screens get the cause as a code, and the receipt says it in the customer's language.
    expect(paymentJson(p, h.terminal.journal).reviewCause).toBe('number-moved');
    const header = h.config.receipts.header;
    const text = (lang: 'ru' | 'kk') => paymentReceipt(p, { header, terminalId: 7, lang, service: null, printedAt: new Date() }).lines.map((l) => ('text' in l ? l.text : '')).join('\n');
    expect(text('ru')).toMatch(/другой оператор: платёж не отправлен/);
    expect(text('kk')).toMatch(/басқа оператор .*төлем жіберілмеді/);
  });

  it('a number its operator still owns is paid as accepted, once', async () => {
    h = await startHarness();
    await h.terminal.catalog.refresh();
    const p = await h.terminal.engine.pay({ serviceId: 'P1011', account: `777123${CHECK_DOWN}`, amountTo: 500_00 }, 5000);
    expect(p.offline).toBe(true);
    expect(p.state).toBe('success');
    expect(h.sandbox.processing.ledger()).toEqual([expect.objectContaining({ account: `777123${CHECK_DOWN}`, serviceId: 'P1011', payRequests: 1 })]);
  });
});
