/**
 * A payout's life (payouts-module-v2), never paid twice:
 *   bank page: commit → registerPayout.do → the recipient enters the card on the bank's page →
 *     getPayoutStatus.do tells paid / declined / expired;
 *   direct: commit (masked card only) → performPayout.do with the card number held in memory for that
 *     one request → paid / declined, or unknown.
 * An unknown outcome (timeout, reset, 5xx, 504/91, an unreadable answer) is resolved only by
 * getPayoutStatus.do by orderNumber, polled with backoff, before anything else happens to that payout;
 * nothing is registered or performed again (a new payout gets a new orderNumber). What the terminal
 * cannot decide goes to review, for a person.
 */
import crypto from 'node:crypto';
import type { CashBox } from '../cash/cash-box.js';
import { retryDelay, type RetrySchedule } from '../base/retry-schedule.js';
import { formatDecimal, type Minor } from '../../shared/money/amount.js';
import { quoteFor, type CommissionRule, type Quote } from '../../shared/money/commission.js';
import { isPayoutName, maskPan, readPan } from '../../shared/rules/card-number.js';
import { outcomeUnknown, payoutErrorCode, type PayoutOutcome, type PayoutsClient } from './client.js';
import type { Payout, PayoutChange, PayoutJournal } from './payout-journal.js';
import { zOrderAnswer, zRegisterAnswer, type OrderAnswer } from './schemas.js';

export interface PayoutInput {
  /** What the card receives, tiyn. */
  amount: Minor;
  /** The recipient's name in Latin letters, up to 24 (the document's client.name). */
  name: string;
  phone?: string | undefined;
  flow: 'page' | 'direct';
  /** Direct flow only: the card number as typed; held in memory for the one request, never stored. */
  pan?: string | undefined;
  /** A kiosk's cash session that funds it (its total must be the amount plus the commission). */
  cashSession?: string | undefined;
  /** A cashier: the cash the customer handed over (at least the amount plus the commission). */
  cashReceived?: Minor | undefined;
}

/** Bad input: nothing was sent. `problems` are codes the screens say in words; `message` is for the CLI. */
export class PayoutInputError extends Error {
  override name = 'PayoutInputError';
  constructor(readonly problems: string[], message: string) {
    super(message);
  }
}

export interface PayoutEngineOptions {
  /** A reason this terminal takes no new money now (safe mode): a payout is refused before anything is sent. */
  refuseNew?: (() => { code: string; message: string } | null) | undefined;
  commission: CommissionRule;
  /** Payouts to a card number typed at the terminal (performPayout.do with the PAN): off unless turned on. */
  direct: boolean;
  /** Where the bank sends the recipient after the page (required by the document for the page flow). */
  returnUrl: string | null;
  failUrl: string | null;
  sessionTimeoutSecs: number;
  retry: RetrySchedule;
  /** The bank balance at or under which the terminal warns (tiyn); null: never. */
  balanceWarning?: Minor | null;
  /** Checks of a direct payout the bank calls neither paid nor declined before a person must look. */
  maxOpenChecks?: number;
  /**
   * How long "order not found" is not an answer after the last register or perform left: a request
   * the terminal gave up on (a timeout, a 504) may still be queued at the bank's gateways and arrive
   * later, and then be paid. Within it the payout stays unknown and is asked again; after it, with no
   * sign of the order, a person reconciles with the bank. It never becomes "declined" on its own.
   */
  notFoundGraceMs: number;
  cash?: CashBox | undefined;
  /** A kiosk: every payout is funded by a cash session that covers it, whoever asks. */
  requireCash?: boolean;
  /**
   * The payouts module's origin (scheme, host and port): the only place a bank page may be opened.
   * `https` is required unless this is the built-in sandbox.
   */
  bankOrigin: string;
  sandbox?: boolean;
}

/** Largest amount the document's Integer [12] allows, tiyn. */
const MAX_AMOUNT: Minor = 999_999_999_999;

export class PayoutEngine {
  constructor(
    readonly journal: PayoutJournal,
    readonly client: PayoutsClient,
    readonly options: PayoutEngineOptions,
    readonly now: () => number = Date.now,
    readonly random: () => number = Math.random,
  ) {}

  /** Whether a bank balance is low enough to warn about (at or under the configured level). */
  balanceLow(amount: Minor): boolean {
    const level = this.options.balanceWarning ?? null;
    return level !== null && amount <= level;
  }

  /** What the customer pays for `amount` on the card: the agent's payout commission on top. */
  quote(amount: Minor): Quote {
    return quoteFor(amount, this.options.commission);
  }

  /** Problems of an input, as codes (nothing is sent). */
  problems(input: PayoutInput): string[] {
    const out: string[] = [];
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || input.amount > MAX_AMOUNT) out.push('amount');
    if (!isPayoutName(input.name)) out.push('name');
    if (input.phone !== undefined && input.phone !== '' && !/^\d{10,15}$/.test(input.phone.replace(/\D/g, ''))) out.push('phone');
    if (input.flow === 'direct') {
      if (!this.options.direct) out.push('direct-off');
      else if (!input.pan || readPan(input.pan) === null) out.push('pan');
    } else if (!this.options.returnUrl) out.push('return-url');
    return out;
  }

  /**
   * Starts a payout: validated, committed with a new orderNumber (and the cash that funds it) before
   * the first request, then sent. Waits up to `waitMs` for a final outcome (the bank page's card entry
   * included), polling getPayoutStatus.do; returns the payout as journaled.
   */
  async start(input: PayoutInput, waitMs: number): Promise<Payout> {
    const closed = this.options.refuseNew?.();
    if (closed) throw new PayoutInputError([closed.code], `not sent: ${closed.message}`);
    const problems = this.problems(input);
    if (problems.length) throw new PayoutInputError(problems, `not sent: ${problems.map(describeProblem).join('; ')}`);
    const now = this.now();
    const deadline = now + waitMs;
    const quote = this.quote(input.amount);
    const orderNumber = crypto.randomUUID().replace(/-/g, '');
    const name = input.name.trim().toUpperCase();
    const phone = input.phone ? input.phone.replace(/\D/g, '') : null;
    const client: Record<string, unknown> = { name, ...(phone ? { phone } : {}) };
    const base = { orderNumber, amount: input.amount, currency: '398', description: `Tolem payout ${formatDecimal(input.amount)} KZT`, language: 'ru', client };
    const cash = this.options.cash;
    if (input.cashReceived !== undefined && input.cashReceived < quote.amountFrom) throw new PayoutInputError(['cash-received'], `the cash received (${formatDecimal(input.cashReceived)}) is less than the amount to pay (${formatDecimal(quote.amountFrom)})`);
    const fund = (payoutId: number) => {
      if (input.cashSession !== undefined && cash) cash.fundPayout(input.cashSession, payoutId, quote.amountFrom);
      if (input.cashReceived !== undefined) this.journal.setCashReceived(payoutId, input.cashReceived);
    };
    if (input.cashSession !== undefined && !cash) throw new PayoutInputError(['cash'], 'this terminal has no cash box');
    // A kiosk moves no money it has not taken: the payout must be funded by notes inserted for it.
    if (this.options.requireCash && input.cashSession === undefined) throw new PayoutInputError(['cash-required'], 'a kiosk pays out only against the cash inserted for it');
    if (input.flow === 'page') {
      const body = { ...base, sessionTimeoutSecs: this.options.sessionTimeoutSecs, urls: { returnUrl: this.options.returnUrl, ...(this.options.failUrl ? { failUrl: this.options.failUrl } : {}) } };
      const { payout, attemptId } = this.journal.create({ orderNumber, flow: 'page', amount: input.amount, amountFrom: quote.amountFrom, clientName: name, phone, maskedPan: null, sessionTimeoutSecs: this.options.sessionTimeoutSecs }, { kind: 'register', body: JSON.stringify(body) }, now, fund);
      // The request itself always goes (bounded by the client's timeout); `waitMs` bounds the waiting after it.
      const outcome = await this.client.call('registerPayout.do', body, zRegisterAnswer);
      const t = this.now();
      const foreign = outcome.kind === 'answer' ? this.foreignPage(outcome.value.formUrl) : null;
      const recorded =
        outcome.kind === 'answer' && foreign === null
          ? this.journal.record(payout.id, attemptId, { outcome: 'answer', httpStatus: outcome.httpStatus, errorCode: '0', answer: outcome.raw }, {
              state: 'registered', orderId: outcome.value.orderId, formUrl: outcome.value.formUrl, expiresAt: t + this.options.sessionTimeoutSecs * 1000, nextCheckAt: t + this.options.retry.initialMs,
            }, t)
          : outcome.kind === 'answer'
            ? // Never shown, never opened: the page is not the bank's. A person looks at the order.
              this.journal.record(payout.id, attemptId, { outcome: 'answer', httpStatus: outcome.httpStatus, errorCode: '0', answer: outcome.raw }, { state: 'review', orderId: outcome.value.orderId, reason: `the bank page's address is not on the payouts module (${foreign}): not opened; a person must look at the order` }, t)
            : this.journal.record(payout.id, attemptId, attemptOf(outcome), this.afterFailedRequest(outcome, 'register', 0), t);
      return this.waitFinal(recorded.id, deadline);
    }
    const pan = readPan(input.pan ?? '')!;
    const masked = maskPan(pan);
    const journaled = { ...base, target: { card: { pan: masked } } };
    const { payout, attemptId } = this.journal.create({ orderNumber, flow: 'direct', amount: input.amount, amountFrom: quote.amountFrom, clientName: name, phone, maskedPan: masked, sessionTimeoutSecs: null }, { kind: 'perform', body: JSON.stringify(journaled) }, now, fund);
    // The card number exists only inside this request's body, for this one call.
    const outcome = await this.client.call('performPayout.do', { ...base, target: { card: { pan } } }, zOrderAnswer);
    const t = this.now();
    const other = outcome.kind === 'answer' ? otherOrder(payout, outcome.value) : null;
    const recorded =
      outcome.kind === 'answer' && other === null
        ? this.journal.record(payout.id, attemptId, { outcome: 'answer', httpStatus: outcome.httpStatus, errorCode: '0', orderStatus: outcome.value.orderStatus ?? null, answer: outcome.raw }, this.fromOrder(payout, outcome.value, t), t)
        : outcome.kind === 'answer'
          ? this.journal.record(payout.id, attemptId, { outcome: 'malformed', httpStatus: outcome.httpStatus, errorCode: '0', answer: outcome.raw, error: `the answer names another order (${other})` }, { state: 'pending', reason: 'perform: the answer named another order; the bank\'s status decides', nextCheckAt: t + retryDelay(this.options.retry, 1, this.random) }, t)
          : this.journal.record(payout.id, attemptId, attemptOf(outcome), this.afterFailedRequest(outcome, 'perform', 0), t);
    return this.waitFinal(recorded.id, deadline);
  }

  /**
   * Why a bank page's address may not be opened (another origin, or plain http outside the
   * sandbox), or null when it is on the configured payouts module.
   */
  foreignPage(formUrl: string): string | null {
    let url: URL;
    let bank: URL;
    try {
      url = new URL(formUrl);
      bank = new URL(this.options.bankOrigin);
    } catch {
      return 'not a web address';
    }
    if (url.origin !== bank.origin) return `${url.origin} is not ${bank.origin}`;
    if (!this.options.sandbox && url.protocol !== 'https:') return 'not https';
    if (url.username || url.password) return 'credentials in the address';
    return null;
  }

  /** After a register or perform that did not answer "0": known not paid, or unknown (status decides). */
  private afterFailedRequest(outcome: Exclude<PayoutOutcome<unknown>, { kind: 'answer' }>, what: 'register' | 'perform', checks: number): PayoutChange {
    if (outcomeUnknown(outcome)) return { state: 'pending', reason: `${what}: outcome unknown (${describe(outcome)}); the bank's status decides`, nextCheckAt: this.now() + retryDelay(this.options.retry, checks + 1, this.random) };
    const code = outcome.kind === 'error' ? payoutErrorCode(outcome.httpStatus, outcome.errorCode, outcome.errorMessage) : 'unknown';
    return { state: 'declined', errorCode: code, reason: `${what} refused by the bank: ${describe(outcome)}` };
  }

  /** What the bank's view of the order means for the payout. */
  private fromOrder(p: Payout, o: OrderAnswer, now: number): PayoutChange {
    const status = o.orderStatus ?? null;
    const common = { fee: o.fee ?? null, orderId: o.orderId ?? null, maskedPan: o.target?.maskedPan ? maskedFromBank(o.target.maskedPan) : null };
    if (status === 2) return { ...common, state: 'paid', reason: 'paid by the bank (orderStatus 2)' };
    if (status === 6 || status === 3) return { ...common, state: 'declined', errorCode: status === 6 ? 'declined' : 'cancelled', reason: `the bank did not pay (orderStatus ${status})` };
    if (status === 4) return { ...common, state: 'review', reason: 'the bank says the payout was refunded (orderStatus 4): a person must reconcile' };
    if (p.flow === 'page' && p.expiresAt !== null && now > p.expiresAt && (status === 0 || status === null)) {
      return { state: 'expired', reason: 'the bank page expired before a card was entered (orderStatus 0): nothing was paid' };
    }
    if (p.flow === 'direct' && p.checks + 1 >= (this.options.maxOpenChecks ?? 30)) {
      return { state: 'review', reason: `the bank calls it neither paid nor declined after ${p.checks + 1} checks (orderStatus ${status ?? '—'}): a person must reconcile` };
    }
    return { state: p.state === 'registered' ? 'registered' : 'pending', nextCheckAt: now + retryDelay(this.options.retry, p.checks + 1, this.random) };
  }

  /** One getPayoutStatus.do by orderNumber, journaled, and what it says done to the payout. */
  async check(payoutId: number, deadline?: number): Promise<Payout> {
    const p = this.journal.mustGet(payoutId);
    if (p.state === 'paid' || p.state === 'declined' || p.state === 'expired') return p;
    const body = { orderNumber: p.orderNumber };
    const attemptId = this.journal.startAttempt(p.id, 'status', JSON.stringify(body), this.now());
    const outcome = await this.client.call('getPayoutStatus.do', body, zOrderAnswer, deadline);
    const now = this.now();
    if (outcome.kind === 'answer') {
      const other = otherOrder(p, outcome.value);
      if (other) {
        // Not this payout's answer: kept as an attempt, and the payout is asked about again.
        return this.journal.record(p.id, attemptId, { outcome: 'malformed', httpStatus: outcome.httpStatus, errorCode: '0', orderStatus: outcome.value.orderStatus ?? null, answer: outcome.raw, error: `the answer names another order (${other}): not this payout's` }, this.askAgain(p, now), now, 1);
      }
      return this.journal.record(p.id, attemptId, { outcome: 'answer', httpStatus: outcome.httpStatus, errorCode: '0', orderStatus: outcome.value.orderStatus ?? null, answer: outcome.raw }, p.state === 'review' ? null : this.fromOrder(p, outcome.value, now), now, 1);
    }
    if (outcome.kind === 'error' && payoutErrorCode(outcome.httpStatus, outcome.errorCode, outcome.errorMessage) === 'order-not-found' && p.state !== 'review') {
      // "Not found" shortly after a request that may still be on its way is no outcome: the bank may
      // receive it later and pay. Only a long silence goes to a person, never to "declined".
      const sent = this.journal.lastRequestAt(p.id) ?? p.createdAt;
      if (now - sent >= this.options.notFoundGraceMs) {
        return this.journal.record(p.id, attemptId, attemptOf(outcome), { state: 'review', reason: `the bank has no order ${p.orderNumber} ${Math.round((now - sent) / 60_000)} min after it was sent: a person must reconcile with the bank` }, now, 1);
      }
    }
    return this.journal.record(p.id, attemptId, attemptOf(outcome), this.askAgain(p, now), now, 1);
  }

  /** No answer about this payout yet: asked again later, with the interval growing (a person's decision is left alone). */
  private askAgain(p: Payout, now: number): PayoutChange | null {
    return p.state === 'review' ? null : { state: p.state, nextCheckAt: now + retryDelay(this.options.retry, p.checks + 1, this.random) };
  }

  /** Polls the bank until the payout is final (or for a person) or `deadline` passes. */
  async waitFinal(payoutId: number, deadline: number): Promise<Payout> {
    let p = this.journal.mustGet(payoutId);
    while ((p.state === 'new' || p.state === 'registered' || p.state === 'pending') && this.now() < deadline) {
      const due = p.nextCheckAt ?? this.now();
      if (due > this.now()) {
        await new Promise((r) => setTimeout(r, Math.min(due - this.now(), deadline - this.now(), 1000)));
        p = this.journal.mustGet(payoutId);
        continue;
      }
      p = await this.check(payoutId, deadline);
    }
    return p;
  }

  /** Every payout whose outcome is not known and whose next look is due: asked once (at start, and on the terminal's schedule). */
  async reconcileDue(): Promise<Payout[]> {
    const out: Payout[] = [];
    for (const p of this.journal.open(this.now())) out.push(await this.check(p.id));
    return out;
  }
}

/**
 * Whether an answer about an order is about this payout: it must name its orderNumber, and its
 * orderId and amount when both sides know them. Returns what it names instead, or null when it is ours.
 */
function otherOrder(p: Payout, o: OrderAnswer): string | null {
  if (o.orderNumber !== p.orderNumber) return `orderNumber ${o.orderNumber ?? '—'}`;
  if (p.orderId !== null && o.orderId && o.orderId !== p.orderId) return `orderId ${o.orderId}`;
  if (o.amount !== undefined && o.amount !== null && o.amount !== p.amount) return `amount ${o.amount}`;
  return null;
}

/** The bank's masked card ("411111XXXXXX1111") as we keep it: first 6, last 4, stars between. */
function maskedFromBank(text: string): string | null {
  const m = /^(\d{6})[X*\d]{2,9}(\d{4})$/.exec(text.replace(/\s/g, ''));
  return m ? `${m[1]}******${m[2]}` : null;
}

function attemptOf(o: Exclude<PayoutOutcome<unknown>, { kind: 'answer' }>): { outcome: 'error' | 'transport' | 'malformed'; httpStatus?: number; errorCode?: string; answer?: string; error: string } {
  if (o.kind === 'error') return { outcome: 'error', httpStatus: o.httpStatus, errorCode: o.errorCode, answer: o.raw, error: o.errorMessage };
  if (o.kind === 'malformed') return { outcome: 'malformed', httpStatus: o.httpStatus, answer: o.raw, error: o.problem };
  return { outcome: 'transport', error: `${o.error}: ${o.message}` };
}

function describe(o: PayoutOutcome<unknown>): string {
  switch (o.kind) {
    case 'answer': return 'answered';
    case 'error': return `HTTP ${o.httpStatus}, errorCode ${o.errorCode || '—'}${o.errorMessage ? ` (${o.errorMessage})` : ''}`;
    case 'malformed': return `an unreadable answer (HTTP ${o.httpStatus}: ${o.problem})`;
    case 'transport': return `no answer (${o.error})`;
  }
}

export function describeProblem(code: string): string {
  switch (code) {
    case 'amount': return 'the amount must be more than zero';
    case 'name': return 'the recipient\'s name must be Latin letters, up to 24';
    case 'phone': return 'the phone must be 10 to 15 digits';
    case 'direct-off': return 'payouts to a typed card number are turned off (TOLEM_PAYOUTS_DIRECT=1 turns them on)';
    case 'pan': return 'the card number is not valid';
    case 'return-url': return 'payouts.returnUrl is not configured (the bank page needs it)';
    case 'cash-required': return 'a kiosk pays out only against the cash inserted for it';
    case 'cash-received': return 'the cash received is less than the amount to pay';
    default: return code;
  }
}
