/**
 * A payment as the screens and `--json` show it: exact amounts and the commission between them, the
 * cash to hand back named by the one rule, and the CLI's words for each state.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournalDatabase } from '../../main/store/database.js';
import { Journal } from '../../main/payments/payment-journal.js';
import { paymentJson, paymentLines, tableLine } from '../../main/payments/payment-view.js';
import { tempDir } from '../helpers/harness.js';

const base = { serviceId: 'P1011', serviceName: 'Билайн', account: '7771234567', fields: {}, amountTo: 500_00, amountFrom: 510_00 };
const T = Date.UTC(2026, 11, 3, 6);

function journal(): Journal {
  return new Journal(openJournalDatabase(path.join(tempDir(), 'journal.sqlite')), 3);
}

describe('payment view', () => {
  it('an accepted payment: amounts as text, the commission, the change from the cash handed over, ISO times, its attempts', () => {
    const j = journal();
    const p = j.acceptNew(base, T, '2026-12-03T11:00:00', (id) => `{"agentTransactionId":${id}}`, false, 'accepted after check');
    j.setCashReceived(p.id, 1000_00);
    const v = paymentJson(j.mustGet(p.id), j);
    expect(v).toMatchObject({ amountTo: '500.00', amountFrom: '510.00', commission: '10.00', state: 'pending', cashReceived: '1000.00', change: '490.00', giveBack: null, acceptedAt: '2026-12-03T06:00:00.000Z', receipt: null, reviewCause: null });
    expect(v.agentTransactionId).toMatch(/^3\d{13}$/);
  });

  it('a draft whose check was refused: not paid, all the cash back', () => {
    const j = journal();
    const { payment } = j.createDraft(base, T, '2026-12-03T11:00:00', () => null);
    j.setCashReceived(payment.id, 600_00);
    const closed = j.closeDraft(payment.id, 'failed', 3, 'subscriber not found', 'check refused: result 3', T + 1);
    expect(paymentJson(closed, j)).toMatchObject({ state: 'failed', cashReceived: '600.00', change: null, giveBack: '600.00', result: 3 });
  });

  it('a list row is light: no attempts, no receipt lookup', () => {
    const j = journal();
    const p = j.acceptNew(base, T, 'd', (id) => `{"agentTransactionId":${id}}`, false, 'x');
    expect(paymentJson(p, j, { light: true }).attempts).toEqual([]);
  });

  it("the CLI's lines and table row", () => {
    const j = journal();
    const p = j.acceptNew(base, T, 'd', (id) => `{"agentTransactionId":${id}}`, true, 'accepted offline: timeout');
    const lines = paymentLines(p);
    expect(lines[0]).toBe(`${p.agentTransactionId}  accepted, waiting to be sent`);
    expect(lines).toContain('  accepted offline');
    expect(lines.join('\n')).toMatch(/amount\s+500\.00 ₸\s+\(taken 510\.00 ₸, commission 10\.00 ₸\)/);
    expect(tableLine(p).trim().split(/\s{2,}/)).toEqual([p.agentTransactionId, 'pending', 'P1011', '7771234567', '500.00']);
  });
});
