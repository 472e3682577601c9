/** The card payout channels: quote, start (with the customer's cash), ask after, list, reprint, the module's health. */
import { formatDecimal } from '../../../shared/money/amount.js';
import type { PayoutView } from '../../../shared/ipc/contract.js';
import type { Payout } from '../../payouts/payout-journal.js';
import { payoutJson } from '../../payouts/payout-view.js';
import { startOfLocalDay } from '../../base/zone.js';
import { checkPayout, NotFoundError, payoutsOf, payoutWithCash } from '../../app/use-cases.js';
import { payoutsHealth } from '../../app/status.js';
import type { Terminal } from '../../app/terminal.js';
import { SCREEN_WAIT_MS, type AreaHandlers } from './area.js';

/** A payout for the screens: while it waits for the card, the bank page's address as a QR code. */
async function payoutView(p: Payout, receipt: PayoutView['receipt'], withQr = true): Promise<PayoutView> {
  return {
    ...payoutJson(p),
    receipt,
    qr: withQr && p.state === 'registered' && p.formUrl ? await (await import('qrcode')).default.toDataURL(p.formUrl, { margin: 1, scale: 8 }) : null,
  };
}

export function payoutHandlers(t: Terminal): AreaHandlers<'payout.quote' | 'payout.start' | 'payout.check' | 'payout.list' | 'payout.print' | 'payouts.health'> {
  const byOrder = (orderNumber: string): Payout => {
    const p = payoutsOf(t).journal.byOrderNumber(orderNumber);
    if (!p) throw new NotFoundError(`no payout ${orderNumber}`);
    return p;
  };
  return {
    async 'payout.quote'(a) {
      const q = payoutsOf(t).quote(a.amount);
      return { amount: formatDecimal(q.amountTo), commission: formatDecimal(q.commission), amountFrom: formatDecimal(q.amountFrom) };
    },
    async 'payout.start'(a) {
      const input = { amount: a.amount, name: a.name, phone: a.phone, flow: a.flow, pan: a.pan, cashSession: a.cashSession, cashReceived: a.cashReceived };
      const r = await payoutWithCash(t, input, a.flow === 'direct' ? SCREEN_WAIT_MS : 0, a.receiptLang);
      return payoutView(r.payout, r.receipt);
    },
    async 'payout.check'(a) {
      const r = await checkPayout(t, a.orderNumber, a.receiptLang);
      if (!r) throw new NotFoundError(`no payout ${a.orderNumber}`);
      return payoutView(r.payout, r.receipt);
    },
    async 'payout.list'(a) {
      const journal = payoutsOf(t).journal;
      const list = a.today ? journal.since(startOfLocalDay(Date.now(), t.config.timeZone)) : journal.list(200);
      return Promise.all(list.map((p) => payoutView(p, null, false)));
    },
    async 'payout.print'(a) {
      const r = await t.receipts.printPayout(byOrder(a.orderNumber));
      return { printed: r.ok, error: r.ok ? null : r.code };
    },
    async 'payouts.health'() {
      return payoutsHealth(t);
    },
  };
}
