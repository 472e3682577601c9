/**
 * What each channel of the IPC contract does, on a terminal. Arguments arrive parsed by the
 * dispatcher; results are plain data (ids and amounts as strings).
 */
import type { AgentBalance } from '../api/v20/schemas.js';
import { CashError, TENGE_DENOMINATIONS } from '../cash/cash-box.js';
import { InputError } from '../engine/payment-engine.js';
import { formatDecimal, type Minor } from '../money/amount.js';
import { quoteFor, quoteFromTaken, type Quote } from '../money/commission.js';
import { convertByRate } from '../money/exchange.js';
import type { Terminal } from '../terminal/terminal.js';
import { checkAnswerView } from '../views/check-view.js';
import { paymentJson } from '../views/payment-view.js';
import { secretEquals } from './secret.js';
import type { BalanceView, Channel, ParsedArgs, QuoteView, Results } from './contract.js';

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export type Handlers = { [C in Channel]: (args: ParsedArgs<C>) => Promise<Results[C]> };

/** How long a screen waits for a final answer before showing "accepted, still processing". */
export const SCREEN_WAIT_MS = 20_000;

/** The status bar's balance: low at or under the notification level, critical once the overdraft is in use. */
export function balanceView(b: AgentBalance): BalanceView {
  const level = b.balance < 0 ? 'critical' : b.notification !== null && b.balance <= b.notification ? 'low' : 'ok';
  return { balance: formatDecimal(b.balance), overdraft: formatDecimal(b.overdraft), notification: b.notification === null ? null : formatDecimal(b.notification), level };
}

export function createHandlers(t: Terminal): Handlers {
  const byAtid = (id: string) => {
    const p = t.journal.byAgentTransactionId(id);
    if (!p) throw new NotFoundError(`no payment ${id}`);
    return p;
  };
  /** The international rate of a checked payment, when processing gave one. */
  const rateOf = (agentTransactionId: string | undefined): { rate: string; currency: string } | null => {
    if (!agentTransactionId) return null;
    const check = t.engine.checkResultOf(byAtid(agentTransactionId));
    const rate = check.kind === 'ok' ? check.answer.rate : undefined;
    return rate && check.kind === 'ok' ? { rate, currency: check.answer.currency ?? '' } : null;
  };
  const quoteView = (q: Quote, intl: { rate: string; currency: string } | null): QuoteView => ({
    amountTo: formatDecimal(q.amountTo),
    commission: formatDecimal(q.commission),
    amountFrom: formatDecimal(q.amountFrom),
    finalAmount: intl ? convertByRate(q.amountTo, intl.rate) : null,
    currency: intl?.currency ?? null,
  });
  /**
   * What the customer pays for `amountTo`. A kiosk's cash (`amountFrom`) must be exactly a quote's,
   * or, paying a locked amount, above the total by less than 1 ₸: tiyn cannot be inserted, so that
   * remainder stays in the commission (the screen says so before paying).
   */
  const takenFor = (amountTo: Minor, amountFrom: Minor | undefined, cash: boolean): Minor => {
    const quote = quoteFor(amountTo, t.config.commission);
    if (amountFrom === undefined || amountFrom === quote.amountFrom) return quote.amountFrom;
    if (quoteFromTaken(amountFrom, t.config.commission)?.amountTo === amountTo) return amountFrom;
    if (cash && amountFrom > quote.amountFrom && amountFrom - quote.amountFrom < 1_00) return amountFrom;
    throw new InputError([`the amount to pay changed: ${formatDecimal(quote.amountFrom)} is due for ${formatDecimal(amountTo)}; look at it again`], 'after-check');
  };
  const status = async (): Promise<Results['terminal.status']> => {
    const s = t.journal.pendingSummary();
    return {
      online: t.connectivity.current,
      pending: s.count,
      pendingTotal: formatDecimal(s.totalFrom),
      review: s.review,
      receiptsNotPrintedToday: t.receipts.notPrintedToday(),
      mode: t.config.mode,
      receiptLang: t.config.receipts.lang,
      sandbox: t.sandbox !== null,
      cashAcceptor: t.config.cashAcceptor,
      cashNotes: TENGE_DENOMINATIONS.map(formatDecimal),
      idleTimeoutMs: t.config.screens.idleTimeoutMs,
      refusal: t.config.mode === 'kiosk' ? ((await t.receipts.refusal())?.code ?? null) : null,
      balance: t.agentBalance ? balanceView(t.agentBalance) : null,
      cashWithoutPayment: t.cash.unpaid().length,
    };
  };
  return {
    'terminal.status': status,
    async 'catalog.get'(a) {
      const snap = a.refresh ? await t.catalog.refresh() : await t.catalog.get();
      return { services: snap.services, source: snap.source, fetchedAt: new Date(snap.fetchedAt).toISOString(), staleBecause: snap.staleBecause ?? null };
    },
    async 'operator.byPhone'(a) {
      const o = await t.client.operatorByPhone(a.phone.replace(/\D/g, '').slice(-10));
      t.connectivity.report(o);
      return { serviceId: o.kind === 'answer' && o.result === 0 ? (o.value.serviceId ?? null) : null };
    },
    async 'payment.check'(a) {
      const { payment, check } = await t.engine.begin({ serviceId: a.serviceId, account: a.account, fields: a.fields ?? {} }, { checkOnly: true });
      const p = check.kind === 'refused' ? t.engine.closeRefused(payment, check) : payment;
      return {
        payment: paymentJson(p, t.journal),
        result: check.kind,
        answer: check.kind === 'ok' ? checkAnswerView(check.answer, t.catalog.cachedService(payment.serviceId)) : null,
        message: check.kind === 'refused' ? check.message : check.kind === 'unreachable' ? check.problem : null,
      };
    },
    async 'payment.pay'(a) {
      const draft = byAtid(a.agentTransactionId);
      const amountTo = a.amountTo ?? a.items?.reduce((sum, i) => sum + i.amount, 0);
      if (amountTo === undefined) throw new InputError(['enter the amount'], 'before-send');
      const amountFrom = takenFor(amountTo, a.amountFrom, a.cashSession !== undefined);
      // The kiosk's cash is tied to this payment before anything is sent: a crash from here on
      // leaves cash and payment found together in the journal.
      if (a.cashSession) t.cash.payFor(a.cashSession, draft.id, amountFrom);
      const paid = await t.engine.payChecked(draft.id, { amountTo, amountFrom, contractId: a.contractId, items: a.items }, SCREEN_WAIT_MS);
      await t.receipts.printAfterPayment(paid);
      t.events.emit({ type: 'status' });
      return paymentJson(t.journal.mustGet(paid.id), t.journal);
    },
    async 'payment.quote'(a) {
      const intl = rateOf(a.agentTransactionId);
      if (a.amountTo !== undefined) return quoteView(quoteFor(a.amountTo, t.config.commission), intl);
      const q = quoteFromTaken(a.amountFrom ?? 0, t.config.commission);
      if (!q) throw new InputError([`${formatDecimal(a.amountFrom ?? 0)} does not cover the commission`], 'before-send');
      return quoteView(q, intl);
    },
    async 'payment.get'(a) {
      return paymentJson(byAtid(a.agentTransactionId), t.journal);
    },
    async 'payment.retryNow'(a) {
      const p = byAtid(a.agentTransactionId);
      if (p.state === 'pending') {
        const claim = t.journal.claimPayment(p.id, Date.now(), t.config.leaseMs);
        if (claim) await t.engine.deliver(claim);
        t.events.emit({ type: 'status' });
      }
      return paymentJson(t.journal.mustGet(p.id), t.journal);
    },
    async 'journal.list'(a) {
      return t.journal.list({ search: a.search, limit: a.limit ?? 200 }).map((p) => paymentJson(p, t.journal));
    },
    async 'receipt.print'(a) {
      const r = await t.receipts.printPayment(byAtid(a.agentTransactionId).id);
      return { printed: r.ok, error: r.ok ? null : r.error };
    },
    async 'receipt.preview'(a) {
      const p = byAtid(a.agentTransactionId);
      const paper = t.receipts.profile()?.paper ?? 80;
      return { png: `data:image/png;base64,${(await t.receipts.png(p, paper)).toString('base64')}` };
    },
    async 'printer.test'() {
      const r = await t.receipts.printTestPage();
      return { printed: r.ok, printer: r.printer, error: r.ok ? null : r.error };
    },
    async 'cash.insert'(a) {
      if (t.config.cashAcceptor !== 'simulated') throw new CashError('notes can be inserted from the screen only on the simulated acceptor');
      const r = t.cash.escrow(a.session ?? null, a.note, a.limit ?? null);
      if (r.stacked) t.events.emit({ type: 'status' });
      return { session: r.session.id, inserted: formatDecimal(r.session.total), stacked: r.stacked };
    },
    async 'cash.unpaid'() {
      return t.cash.unpaid().map((c) => ({ session: c.id, openedAt: new Date(c.openedAt).toISOString(), total: formatDecimal(c.total), notes: c.notes.length }));
    },
    async 'cash.settle'(a) {
      t.cash.settle(a.session, a.note);
      t.events.emit({ type: 'status' });
      return { settled: true as const };
    },
    async 'admin.exit'(a) {
      const pin = t.config.screens.adminPin;
      const ok = pin !== null && secretEquals(a.pin, pin);
      if (!ok) throw new InputError(['wrong PIN'], 'before-send');
      if (!t.exitKiosk) return { exited: false };
      t.exitKiosk();
      return { exited: true };
    },
  };
}

