/**
 * What each channel of the IPC contract does, on a terminal. Arguments arrive parsed by the
 * dispatcher; results are plain data (ids and amounts as strings).
 */
import type { AgentBalance } from '../processing/schemas.js';
import { CashBox, CashError, TENGE_DENOMINATIONS } from '../cash/cash-box.js';
import type { CashReleaseReason } from '../cash/cash-ledger.js';
import { PinGuard } from '../admin/pin-guard.js';
import { AcceptedError, authMessage, InputError, RefusedError } from '../payments/payment-engine.js';
import type { Payment } from '../payments/payment-journal.js';
import { formatDecimal } from '../../shared/money/amount.js';
import { invoiceTotal } from '../../shared/rules/invoice-lines.js';
import { LISTED_STATES } from '../../shared/rules/payment-states.js';
import { startOfLocalDay } from '../base/zone.js';
import { releaseInfo } from '../base/high-water.js';
import path from 'node:path';
import { loadLogos } from '../catalog/logos.js';
import { resourcesDir } from '../base/resources.js';
import { paperStatus } from '../receipts/transport.js';
import { cashProgress, formatPercent, quoteFor, quoteFromTaken, type Quote } from '../../shared/money/commission.js';
import { convertByRate } from '../../shared/money/exchange.js';
import type { Terminal } from '../app/terminal.js';
import { checkAnswerView } from '../payments/check-view.js';
import { paymentJson } from '../payments/payment-view.js';
import type { BalanceView, Channel, ParsedArgs, PayoutView, QuoteView, Results } from '../../shared/ipc/contract.js';
import { PayoutInputError } from '../payouts/payout-engine.js';
import { FINAL_PAYOUT_STATES, type Payout as Payout2 } from '../payouts/payout-journal.js';
import { zBalanceAnswer as zPayoutsBalance } from '../payouts/schemas.js';
import { payoutJson } from '../payouts/payout-view.js';

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** The admin PIN was refused: wrong (tries left), or the door is locked for a while. */
export class PinError extends Error {
  override name = 'PinError';
  constructor(
    readonly reason: 'pin-wrong' | 'pin-locked' | 'pin-none',
    readonly params: Record<string, number> = {},
  ) {
    super(reason === 'pin-locked' ? `too many wrong PINs: locked for ${params.seconds ?? 0} s` : reason === 'pin-none' ? 'no admin PIN is configured' : 'wrong PIN');
  }
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
  /** A service's limits for the screens, with what the customer pays at each end (the commission on top). */
  const limitsView = (service: { serviceId: string; group: string }): Results['payment.check']['limits'] => {
    const l = t.engine.limitOf(service);
    const from = (m: number | null) => (m === null ? null : formatDecimal(quoteFor(m, t.config.commission).amountFrom));
    return { min: l.min === null ? null : formatDecimal(l.min), max: l.max === null ? null : formatDecimal(l.max), minFrom: from(l.min), maxFrom: from(l.max) };
  };
  /**
   * The screen gives cash up: journaled with why and for which payment; cash no payment accounts for is
   * the attendant's, and a kiosk prints the customer's slip (amount, time, payment, what to do).
   */
  const releaseCash = async (session: string, reason: CashReleaseReason | null, paymentId: number | null, lang: 'ru' | 'kk' | undefined, printSlip = true): Promise<Results['cash.release']> => {
    const s = t.cash.release(session, reason ? { reason, paymentId } : undefined);
    if (!s) throw new NotFoundError(`no cash session ${session}`);
    const toAttendant = t.cash.unpaid().some((u) => u.id === s.id);
    let slip: Results['cash.release']['slip'] = null;
    if (toAttendant && reason && printSlip && t.config.mode === 'kiosk') {
      const printed = await t.receipts.printCashSlip({ session: s.id, total: s.total, why: CashBox.why(s), at: new Date(), payment: s.forPayment }, { lang });
      slip = printed.ok ? 'printed' : 'failed';
    }
    return { session: s.id, total: formatDecimal(s.total), toAttendant, slip };
  };
  /** A payout's receipt (printed once, whoever noticed first), as the final screen says it. */
  const payoutReceipt = async (p: Payout2, lang: 'ru' | 'kk' | undefined): Promise<PayoutView['receipt']> =>
    (await t.receipts.printPayoutOnce(p, { lang })).ok ? 'printed' : t.receipts.defaultPrinter ? 'failed' : null;
  const pins = new PinGuard(t.journal.db, t.config.screens.adminPin);
  const payouts = () => {
    if (!t.payouts) throw new RefusedError('no payouts module is configured', null, 'payouts-off');
    return t.payouts;
  };
  /** A payout for the screens: while it waits for the card, the bank page's address as a QR code. */
  const payoutView = async (p: Payout2, withQr = true): Promise<PayoutView> => ({
    ...payoutJson(p),
    receipt: null,
    qr: withQr && p.state === 'registered' && p.formUrl ? await (await import('qrcode')).default.toDataURL(p.formUrl, { margin: 1, scale: 8 }) : null,
  });
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
      sandboxBecause: t.config.sandboxBecause,
      authRefused: t.connectivity.authRefused,
      cashAcceptor: t.config.cashAcceptor,
      cashNotes: TENGE_DENOMINATIONS.map(formatDecimal),
      idleTimeoutMs: t.config.screens.idleTimeoutMs,
      refusal: t.config.mode === 'kiosk' ? ((await t.receipts.refusal())?.code ?? null) : null,
      balance: t.agentBalance ? balanceView(t.agentBalance) : null,
      cashWithoutPayment: t.cash.unpaid().length,
      payouts: { available: t.payouts !== null, direct: t.payouts?.options.direct ?? false },
      timeZone: t.config.timeZone,
      commission: { percent: formatPercent(t.config.commission.basisPoints), minimum: formatDecimal(t.config.commission.minimum) },
    };
  };
  return {
    'terminal.status': status,
    async 'catalog.get'(a) {
      const snap = a.refresh ? await t.catalog.refresh() : await t.catalog.get();
      return { services: snap.services, source: snap.source, fetchedAt: new Date(snap.fetchedAt).toISOString(), staleBecause: snap.staleBecause ?? null };
    },
    async 'catalog.logos'() {
      let shipped: string[] = [];
      try {
        shipped = [path.join(resourcesDir(), 'logos')];
      } catch {
        // No resources found: the agent's own logos only.
      }
      // The agent's own (in the data directory) after the shipped ones, so they win.
      return loadLogos([...shipped, path.join(t.config.dataDir, 'logos')]);
    },
    async 'operator.byPhone'(a) {
      const o = await t.client.operatorByPhone(a.phone.replace(/\D/g, '').slice(-10));
      t.connectivity.report(o);
      return { serviceId: o.kind === 'answer' && o.result === 0 ? (o.value.serviceId ?? null) : null };
    },
    async 'payment.check'(a) {
      const { payment, check, service, unverifiable } = await t.engine.begin({ serviceId: a.serviceId, account: a.account, fields: a.fields ?? {} }, { checkOnly: true });
      if (check.kind === 'unauthorized') {
        t.journal.closeDraft(payment.id, 'abandoned', null, null, `not accepted: processing refused the terminal's credentials (${check.problem})`, Date.now());
        t.events.emit({ type: 'status' });
        throw new RefusedError(authMessage(check.problem), null, 'auth');
      }
      const p = check.kind === 'refused' ? t.engine.closeRefused(payment, check) : payment;
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
      const draft = byAtid(a.agentTransactionId);
      const amountTo = a.amountTo ?? (a.items ? (invoiceTotal(a.items.map((i) => i.amount)) ?? undefined) : undefined);
      if (amountTo === undefined) throw new InputError(['enter the amount'], 'before-send');
      let paid: Payment;
      try {
        // One domain call: the commission rule, the cash linked in the commit that accepts the payment, pay.
        paid = await t.engine.payChecked(draft.id, { amountTo, amountFrom: a.amountFrom, contractId: a.contractId, items: a.items }, SCREEN_WAIT_MS, { cashSession: a.cashSession, cashReceived: a.cashReceived });
      } catch (err) {
        if (err instanceof AcceptedError) paid = err.payment;
        else {
          // Bad input leaves the customer at the screen with their cash to correct it; a refusal hands the cash to the attendant, with a slip.
          if (a.cashSession && !(err instanceof InputError) && !(err instanceof CashError)) await releaseCash(a.cashSession, 'refused', draft.id, a.receiptLang);
          t.events.emit({ type: 'status' });
          throw err;
        }
      }
      if (a.cashSession) {
        // Refused by processing after the notes went in: the cash is the attendant's; the payment's own receipt (not paid) is the customer's proof.
        if (paid.state === 'failed') await releaseCash(a.cashSession, 'refused', paid.id, a.receiptLang, false);
        else t.cash.release(a.cashSession);
      }
      await t.receipts.printAfterPayment(paid, a.receiptLang).catch((err: unknown) => t.log.error('receipt', { error: err instanceof Error ? err.message : String(err) }));
      t.events.emit({ type: 'status' });
      return paymentJson(t.journal.get(paid.id) ?? paid, t.journal);
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
      const since = a.today ? startOfLocalDay(Date.now(), t.config.timeZone) : undefined;
      // Drafts (checked, never paid) only when asked for: they are not payments a cashier answers for.
      const states = a.states ?? [...LISTED_STATES];
      return t.journal.list({ search: a.search, since, states, limit: a.limit ?? 5000 }).map((p) => paymentJson(p, t.journal, { light: true }));
    },
    async 'journal.totals'() {
      const since = startOfLocalDay(Date.now(), t.config.timeZone);
      const s = t.journal.totals(since);
      const o = t.payouts?.journal.totals(since) ?? { count: 0, paid: 0, taken: 0, toCards: 0, commission: 0 };
      return {
        count: s.count, paid: s.paid, taken: formatDecimal(s.taken), credited: formatDecimal(s.credited), commission: formatDecimal(s.commission),
        payouts: { count: o.count, paid: o.paid, taken: formatDecimal(o.taken), toCards: formatDecimal(o.toCards), commission: formatDecimal(o.commission) },
        takenAll: formatDecimal(s.taken + o.taken),
      };
    },
    async 'receipt.print'(a) {
      const r = await t.receipts.printPayment(byAtid(a.agentTransactionId).id);
      return { printed: r.ok, error: r.ok ? null : r.code };
    },
    async 'receipt.preview'(a) {
      const p = byAtid(a.agentTransactionId);
      const paper = t.receipts.profile()?.paper ?? 80;
      return { png: `data:image/png;base64,${(await t.receipts.png(p, paper)).toString('base64')}` };
    },
    async 'printer.test'() {
      const r = await t.receipts.printTestPage();
      return { printed: r.ok, printer: r.printer, error: r.ok ? null : r.code };
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
      const r = await releaseCash(a.session, a.reason ?? 'cancelled', paymentId, a.receiptLang);
      t.events.emit({ type: 'status' });
      return r;
    },
    async 'cash.progress'(a) {
      const service = a.agentTransactionId ? t.catalog.cachedService(byAtid(a.agentTransactionId).serviceId) : null;
      const p = cashProgress(a.inserted, t.config.commission, a.lockedTotal ?? null, service ? t.engine.limitOf(service).min : null);
      return { payable: p.payable, missing: formatDecimal(p.missing) };
    },
    async 'payout.quote'(a) {
      const q = payouts().quote(a.amount);
      return { amount: formatDecimal(q.amountTo), commission: formatDecimal(q.commission), amountFrom: formatDecimal(q.amountFrom) };
    },
    async 'payout.start'(a) {
      let p: Payout2;
      try {
        p = await payouts().start({ amount: a.amount, name: a.name, phone: a.phone, flow: a.flow, pan: a.pan, cashSession: a.cashSession, cashReceived: a.cashReceived }, a.flow === 'direct' ? SCREEN_WAIT_MS : 0);
      } catch (err) {
        if (a.cashSession && !(err instanceof PayoutInputError) && !(err instanceof CashError)) await releaseCash(a.cashSession, 'refused', null, a.receiptLang);
        throw err;
      }
      if (a.cashSession) t.cash.release(a.cashSession);
      t.events.emit({ type: 'status' });
      return { ...(await payoutView(p)), receipt: p.state === 'registered' ? null : await payoutReceipt(p, a.receiptLang) };
    },
    async 'payout.check'(a) {
      const known = payouts().journal.byOrderNumber(a.orderNumber);
      if (!known) throw new NotFoundError(`no payout ${a.orderNumber}`);
      const before = known.state;
      const p = await payouts().check(known.id);
      if (p.state !== before) t.events.emit({ type: 'status' });
      // Its receipt once it ended (printed once, whoever noticed first), said on the final screen («Заберите чек» at a kiosk).
      return { ...(await payoutView(p)), receipt: FINAL_PAYOUT_STATES.has(p.state) ? await payoutReceipt(p, a.receiptLang) : null };
    },
    async 'payout.list'(a) {
      const list = a.today ? payouts().journal.since(startOfLocalDay(Date.now(), t.config.timeZone)) : payouts().journal.list(200);
      return Promise.all(list.map((p) => payoutView(p, false)));
    },
    async 'payout.print'(a) {
      const p = payouts().journal.byOrderNumber(a.orderNumber);
      if (!p) throw new NotFoundError(`no payout ${a.orderNumber}`);
      const r = await t.receipts.printPayout(p);
      return { printed: r.ok, error: r.ok ? null : r.code };
    },
    async 'admin.info'() {
      const profile = t.receipts.profile();
      const s = t.journal.pendingSummary();
      return {
        terminalId: t.config.terminalId,
        version: releaseInfo().version,
        processingHost: t.sandbox ? 'sandbox' : new URL(t.config.processing.url ?? 'http://unknown').host,
        sandbox: t.sandbox !== null,
        mode: t.config.mode,
        timeZone: t.config.timeZone,
      commission: { percent: formatPercent(t.config.commission.basisPoints), minimum: formatDecimal(t.config.commission.minimum) },
        printer: { name: profile?.name ?? null, paper: profile ? await paperStatus(profile.interface, Math.min(2000, t.config.receipts.timeoutMs)) : null },
        queue: { pending: s.count, total: formatDecimal(s.totalFrom), review: s.review },
        balance: (await t.refreshBalance().catch(() => null)) ? balanceView(t.agentBalance!) : null,
      };
    },
    async 'payouts.health'() {
      const engine = payouts();
      const [echo, balance] = await Promise.all([engine.client.echo(), engine.client.call('getAmount.do', {}, zPayoutsBalance)]);
      const b = balance.kind === 'answer' ? balance.value.balanceDescriptionList : null;
      const amount = b ? (b.balanceSign === 'D' ? -b.balanceAmount : b.balanceAmount) : null;
      return {
        online: echo.ok, echo: echo.ok ? echo.text : null, balance: amount === null ? null : formatDecimal(amount),
        low: amount !== null && t.config.payouts.balanceWarning !== null && amount <= t.config.payouts.balanceWarning,
      };
    },
    async 'admin.exit'(a) {
      const verdict = pins.check(a.pin, 'screen');
      if (!verdict.ok) {
        if (verdict.reason === 'locked') throw new PinError('pin-locked', { seconds: Math.ceil(verdict.retryAfterMs / 1000) });
        if (verdict.reason === 'no-pin') throw new PinError('pin-none');
        throw new PinError('pin-wrong', { triesLeft: verdict.triesLeft });
      }
      if (!t.exitKiosk) return { exited: false };
      t.exitKiosk();
      return { exited: true };
    },
  };
}

