/** The cash channels: a note in (the simulated acceptor) or the bill validator waited on, the attendant's list, settling it, giving cash up, progress to payable, the device. */
import { CashBox, CashError } from '../../cash/cash-box.js';
import { formatDecimal } from '../../../shared/money/amount.js';
import { cashProgress } from '../../../shared/money/commission.js';
import { paymentByAtid, releaseCash } from '../../app/use-cases.js';
import type { Terminal } from '../../app/terminal.js';
import type { AreaHandlers } from './area.js';
import { deviceView } from '../../cash/cash-view.js';
import { testAcceptor } from '../../app/cash-intake.js';

export function cashHandlers(t: Terminal): AreaHandlers<'cash.insert' | 'cash.unpaid' | 'cash.settle' | 'cash.release' | 'cash.progress' | 'cash.accept' | 'cash.stop' | 'device.status' | 'device.test'> {
  return {
    async 'cash.accept'(a) {
      if (!t.acceptor) throw new CashError('this terminal has no bill validator', 'no-acceptor');
      const s = t.acceptor.begin(a.session ?? null, a.limit ?? null);
      return { session: s.id, inserted: formatDecimal(s.total) };
    },
    async 'cash.stop'(a) {
      t.acceptor?.end(a.session);
      return { stopped: true as const };
    },
    async 'device.status'() {
      return t.acceptor && t.config.cashPort ? deviceView(t.acceptor, t.config.cashPort, t.config.cashNotes, t.cash.cassette()) : null;
    },
    async 'device.test'() {
      const r = await testAcceptor(t, { waitMs: 60_000 });
      return { returned: r.returned === null ? null : formatDecimal(r.returned) };
    },
    async 'cash.insert'(a) {
      if (t.config.cashAcceptor !== 'simulated') throw new CashError('notes can be inserted from the screen only on the simulated acceptor');
      const r = t.cash.escrow(a.session ?? null, a.note, a.limit ?? null);
      if (r.stacked) t.events.emit({ type: 'status' });
      return { session: r.session.id, inserted: formatDecimal(r.session.total), stacked: r.stacked };
    },
    async 'cash.unpaid'() {
      return t.cash.unpaid().map((c) => ({
        session: c.id, openedAt: new Date(c.openedAt).toISOString(), total: formatDecimal(c.total), notes: c.notes.length, why: CashBox.why(c),
        agentTransactionId: c.forPayment?.agentTransactionId ?? null, serviceName: c.forPayment?.serviceName ?? null, account: c.forPayment?.account ?? null,
      }));
    },
    async 'cash.settle'(a) {
      t.cash.settle(a.session, a.note);
      t.events.emit({ type: 'status' });
      return { settled: true as const };
    },
    async 'cash.release'(a) {
      const paymentId = a.agentTransactionId ? (t.journal.byAgentTransactionId(a.agentTransactionId)?.id ?? null) : null;
      // The screen giving cash up without a word is the customer giving up: never called a power cut.
      const r = await releaseCash(t, a.session, a.reason ?? 'cancelled', paymentId, a.receiptLang);
      return { session: r.session, total: formatDecimal(r.total), toAttendant: r.toAttendant, slip: r.slip };
    },
    async 'cash.progress'(a) {
      const service = a.agentTransactionId ? t.catalog.cachedService(paymentByAtid(t, a.agentTransactionId).serviceId) : null;
      const p = cashProgress(a.inserted, t.config.commission, a.lockedTotal ?? null, service ? t.engine.limitOf(service).min : null);
      return { payable: p.payable, missing: formatDecimal(p.missing) };
    },
  };
}
