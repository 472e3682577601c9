/**
 * What each channel of the IPC contract does, on a terminal. Arguments arrive parsed by the
 * dispatcher; results are plain data (ids and amounts as strings).
 */
import { formatDecimal } from '../money/amount.js';
import type { Terminal } from '../terminal/terminal.js';
import { paymentJson } from '../views/payment-view.js';
import type { Channel, ParsedArgs, Results } from './contract.js';

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export type Handlers = { [C in Channel]: (args: ParsedArgs<C>) => Promise<Results[C]> };

/** How long a screen waits for a final answer before showing "accepted, still processing". */
export const SCREEN_WAIT_MS = 20_000;

export function createHandlers(t: Terminal): Handlers {
  const byAtid = (id: string) => {
    const p = t.journal.byAgentTransactionId(id);
    if (!p) throw new NotFoundError(`no payment ${id}`);
    return p;
  };
  return {
    async 'terminal.status'() {
      const s = t.journal.pendingSummary();
      return {
        online: t.connectivity.current,
        pending: s.count,
        pendingTotal: formatDecimal(s.totalFrom),
        review: s.review,
        receiptsNotPrintedToday: t.receipts.notPrintedToday(),
        mode: t.config.mode,
        receiptLang: t.config.receipts.lang,
      };
    },
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
        answer: check.kind === 'ok' ? check.answer : null,
        message: check.kind === 'refused' ? check.message : check.kind === 'unreachable' ? check.problem : null,
      };
    },
    async 'payment.pay'(a) {
      const draft = byAtid(a.agentTransactionId);
      const paid = await t.engine.payChecked(draft.id, { amountTo: a.amountTo, amountFrom: a.amountFrom, contractId: a.contractId, items: a.items }, SCREEN_WAIT_MS);
      await t.receipts.printAfterPayment(paid);
      return paymentJson(t.journal.mustGet(paid.id), t.journal);
    },
    async 'payment.get'(a) {
      return paymentJson(byAtid(a.agentTransactionId), t.journal);
    },
    async 'payment.retryNow'(a) {
      const p = byAtid(a.agentTransactionId);
      if (p.state === 'pending') {
        const claim = t.journal.claimPayment(p.id, Date.now(), t.config.leaseMs);
        if (claim) await t.engine.deliver(claim);
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
  };
}

