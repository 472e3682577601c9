/** A payout as the screens and the CLI show it: exact amounts, the card masked, the page's address only while it is open, and the cash to hand back. */
import { describe, expect, it } from 'vitest';
import type { Payout } from '../../main/payouts/payout-journal.js';
import { payoutJson, payoutLines } from '../../main/payouts/payout-view.js';

const base: Payout = {
  id: 1, orderNumber: 'T7-000001', flow: 'page', amount: 1500_00, amountFrom: 1520_00, fee: null, clientName: 'IVAN IVANOV', phone: null,
  maskedPan: null, orderId: 'o-1', formUrl: 'https://bank.example/pay?o=1', state: 'registered', reason: null, errorCode: null,
  sessionTimeoutSecs: 1200, expiresAt: Date.UTC(2026, 11, 3, 6, 20), nextCheckAt: null, checks: 0, createdAt: Date.UTC(2026, 11, 3, 6), finishedAt: null, cashReceived: null,
};

describe('payout view', () => {
  it('amounts as decimal text, the commission between them, times as ISO', () => {
    expect(payoutJson(base)).toMatchObject({ amount: '1500.00', commission: '20.00', amountFrom: '1520.00', expiresAt: '2026-12-03T06:20:00.000Z', formUrl: 'https://bank.example/pay?o=1' });
  });

  it("the bank page's address is shown only while it waits for the card", () => {
    for (const state of ['paid', 'declined', 'expired', 'review', 'pending'] as const) expect(payoutJson({ ...base, state }).formUrl).toBeNull();
  });

  it('paid with 2000 handed over: 480.00 change; declined: all 2000.00 back', () => {
    expect(payoutJson({ ...base, state: 'paid', cashReceived: 2000_00 })).toMatchObject({ cashReceived: '2000.00', change: '480.00', giveBack: null });
    expect(payoutJson({ ...base, state: 'declined', cashReceived: 2000_00 })).toMatchObject({ cashReceived: '2000.00', change: null, giveBack: '2000.00' });
  });

  it('the CLI lines say the state in words and only the masked card', () => {
    const lines = payoutLines({ ...base, flow: 'direct', state: 'paid', maskedPan: '440043******1234', formUrl: null });
    expect(lines[0]).toBe('payout T7-000001: PAID to the card');
    expect(lines.join('\n')).toContain('card 440043******1234');
    expect(payoutLines(base).join('\n')).toContain('bank page: https://bank.example/pay?o=1');
  });
});
