/** The payment channels: check, quote, pay (with the customer's cash), look up, send now. */
import { InputError } from '../../payments/payment-engine.js';
import { checkAnswerView } from '../../payments/check-view.js';
import { paymentJson } from '../../payments/payment-view.js';
import { formatDecimal } from '../../../shared/money/amount.js';
import { quoteFor, quoteFromTaken, type Quote } from '../../../shared/money/commission.js';
import { convertByRate } from '../../../shared/money/exchange.js';
import type { QuoteView, Results } from '../../../shared/ipc/contract.js';
import { paymentByAtid, payWithCash, retryNow } from '../../app/use-cases.js';
import type { Terminal } from '../../app/terminal.js';
import { SCREEN_WAIT_MS, type AreaHandlers } from './area.js';

export function paymentHandlers(t: Terminal): AreaHandlers<'payment.check' | 'payment.pay' | 'payment.quote' | 'payment.get' | 'payment.retryNow'> {
  /** The international rate of a checked payment, when processing gave one. */
  const rateOf = (agentTransactionId: string | undefined): { rate: string; currency: string } | null => {
    if (!agentTransactionId) return null;
    const check = t.engine.checkResultOf(paymentByAtid(t, agentTransactionId));
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
  /** A service's limits for the screens, with what the customer pays at each end (the commission on top). */
  const limitsView = (service: { serviceId: string; group: string }): Results['payment.check']['limits'] => {
    const l = t.engine.limitOf(service);
    const from = (m: number | null) => (m === null ? null : formatDecimal(quoteFor(m, t.config.commission).amountFrom));
    return { min: l.min === null ? null : formatDecimal(l.min), max: l.max === null ? null : formatDecimal(l.max), minFrom: from(l.min), maxFrom: from(l.max) };
  };
  return {
    async 'payment.check'(a) {
      const { payment, check, service, unverifiable } = await t.engine.begin({ serviceId: a.serviceId, account: a.account, fields: a.fields ?? {} }, { checkOnly: true });
      if (check.kind === 'unauthorized') {
        t.events.emit({ type: 'status' });
        t.engine.refuseUnauthorized(payment, check);
      }
      const p = t.engine.settleCheck(payment, check);
      return {
        payment: paymentJson(p, t.journal),
        result: check.kind,
        answer: check.kind === 'ok' ? checkAnswerView(check.answer, t.catalog.cachedService(payment.serviceId)) : null,
        message: check.kind === 'refused' ? check.message : check.kind === 'unreachable' ? check.problem : null,
        offlineBlocked: check.kind === 'unreachable' ? (t.engine.offlineBlocker(service, unverifiable)?.code ?? null) : null,
        limits: limitsView(service),
      };
    },
    async 'payment.pay'(a) {
      const draft = paymentByAtid(t, a.agentTransactionId);
      const paid = await payWithCash(t, draft.id, { amountTo: a.amountTo, amountFrom: a.amountFrom, contractId: a.contractId, items: a.items }, SCREEN_WAIT_MS, { cashSession: a.cashSession, cashReceived: a.cashReceived, receiptLang: a.receiptLang });
      return paymentJson(paid, t.journal);
    },
    async 'payment.quote'(a) {
      const intl = rateOf(a.agentTransactionId);
      if (a.amountTo !== undefined) return quoteView(quoteFor(a.amountTo, t.config.commission), intl);
      const q = quoteFromTaken(a.amountFrom ?? 0, t.config.commission);
      if (!q) throw new InputError([`${formatDecimal(a.amountFrom ?? 0)} does not cover the commission`], 'before-send');
      return quoteView(q, intl);
    },
    async 'payment.get'(a) {
      return paymentJson(paymentByAtid(t, a.agentTransactionId), t.journal);
    },
    async 'payment.retryNow'(a) {
      return paymentJson(await retryNow(t, paymentByAtid(t, a.agentTransactionId)), t.journal);
    },
  };
}
