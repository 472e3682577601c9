/**
 * The terminal's use cases that join several areas, whoever asks (the screens through the IPC
 * today): pay a checked payment with the cash inserted or handed over, start a payout funded by it,
 * ask after a payout, give cash up. One rule each for what happens to the cash when paying fails,
 * and for when a receipt prints.
 */
import { CashBox, CashError } from '../cash/cash-box.js';
import type { CashReleaseReason } from '../cash/cash-ledger.js';
import { AcceptedError, InputError, RefusedError, type PaymentInput } from '../payments/payment-engine.js';
import type { Payment } from '../payments/payment-journal.js';
import { PayoutInputError, type PayoutInput } from '../payouts/payout-engine.js';
import { FINAL_PAYOUT_STATES, type Payout } from '../payouts/payout-journal.js';
import type { Minor } from '../../shared/money/amount.js';
import { invoiceTotal } from '../../shared/rules/invoice-lines.js';
import type { Terminal } from './terminal.js';

export type ReceiptLang = 'ru' | 'kk';

/** Cash given up: whose it is now, and the customer's slip when a kiosk printed one. */
export interface CashReleased {
  session: string;
  total: Minor;
  /** No payment accounts for it: the attendant answers for it (listed with why). */
  toAttendant: boolean;
  slip: 'printed' | 'failed' | null;
}

/** What was asked after (a payment, a payout, a cash session) is not in the journal. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export function paymentByAtid(t: Terminal, agentTransactionId: string): Payment {
  const p = t.journal.byAgentTransactionId(agentTransactionId);
  if (!p) throw new NotFoundError(`no payment ${agentTransactionId}`);
  return p;
}

/** "Send it now" on a waiting payment: claimed (unless another process holds it) and sent once. */
export async function retryNow(t: Terminal, p: Payment): Promise<Payment> {
  if (p.state === 'pending') {
    const claim = t.journal.claimPayment(p.id, Date.now(), t.config.leaseMs);
    if (claim) await t.engine.deliver(claim);
    t.events.emit({ type: 'status' });
  }
  return t.journal.mustGet(p.id);
}

/**
 * The customer gives cash up (cancelled, walked away) or paying was refused: journaled with why and
 * for which payment. Cash no payment accounts for is the attendant's, and a kiosk prints the
 * customer's slip (amount, time, payment, what to do) unless the payment's own receipt says it.
 */
/** `opts.slip`: false never prints the customer's slip, true prints it in a cashier's terminal too (`pay --cash`); by default a kiosk prints it. */
export async function releaseCash(t: Terminal, session: string, reason: CashReleaseReason | null, paymentId: number | null, lang: ReceiptLang | undefined, opts: { slip?: boolean } = {}): Promise<CashReleased> {
  // The bill validator takes nothing more for it, and a note still going in lands before the total is told.
  await stopNotes(t, session);
  const s = t.cash.release(session, reason ? { reason, paymentId } : undefined);
  if (!s) throw new NotFoundError(`no cash session ${session}`);
  const toAttendant = t.cash.unpaid().some((u) => u.id === s.id);
  let slip: CashReleased['slip'] = null;
  if (toAttendant && reason && opts.slip !== false && (t.config.mode === 'kiosk' || opts.slip === true)) {
    const printed = await t.receipts.printCashSlip({ session: s.id, total: s.total, why: CashBox.why(s), at: new Date(), payment: s.forPayment }, { lang });
    slip = printed.ok ? 'printed' : 'failed';
  }
  t.events.emit({ type: 'status' });
  return { session: s.id, total: s.total, toAttendant, slip };
}

/** How long a note in transit may take to be stacked or returned once the screen stops waiting. */
const IN_TRANSIT_MS = 15_000;

/** The bill validator stops taking notes for this session; a note still going in is stacked or returned first. */
export async function stopNotes(t: Terminal, session: string): Promise<void> {
  if (!t.acceptor) return;
  t.acceptor.end(session);
  const until = Date.now() + IN_TRANSIT_MS;
  // The note is stacked, returned or settled as an acceptor's event.
  while (t.cash.openIntent()?.sessionId === session && Date.now() < until) await t.acceptor.nextEvent(until - Date.now());
}

/** Whether a failure leaves the customer at the screen with their cash (bad input to correct), or ends the attempt. */
function customerCanCorrect(err: unknown): boolean {
  return err instanceof InputError || err instanceof PayoutInputError || err instanceof CashError;
}

/**
 * Pays a checked draft, with the cash a kiosk's notes or a cashier's hand brought. Refused (before
 * or after sending), the cash is the attendant's; accepted, it belongs to the payment. The receipt
 * prints once the outcome is journaled, and its fate never changes the payment's.
 */
export async function payWithCash(
  t: Terminal,
  draftId: number,
  choices: Omit<PaymentInput, 'serviceId' | 'account' | 'fields'>,
  waitMs: number,
  cash: { cashSession?: string | undefined; cashReceived?: Minor | undefined; receiptLang?: ReceiptLang | undefined },
): Promise<Payment> {
  // An invoice paid line by line without a total: the lines' sum is the amount.
  const amountTo = choices.amountTo ?? (choices.items ? (invoiceTotal(choices.items.map((i) => i.amount)) ?? undefined) : undefined);
  if (amountTo === undefined) throw new InputError(['enter the amount'], 'before-send');
  if (cash.cashSession) await stopNotes(t, cash.cashSession);
  let paid: Payment;
  try {
    paid = await t.engine.payChecked(draftId, { ...choices, amountTo }, waitMs, { cashSession: cash.cashSession, cashReceived: cash.cashReceived });
  } catch (err) {
    if (err instanceof AcceptedError) paid = err.payment;
    else {
      if (cash.cashSession && !customerCanCorrect(err)) await releaseCash(t, cash.cashSession, 'refused', draftId, cash.receiptLang);
      t.events.emit({ type: 'status' });
      throw err;
    }
  }
  if (cash.cashSession) {
    // Refused by processing after the notes went in: the cash is the attendant's; the payment's own receipt (not paid) is the customer's proof.
    if (paid.state === 'failed') await releaseCash(t, cash.cashSession, 'refused', paid.id, cash.receiptLang, { slip: false });
    else t.cash.release(cash.cashSession);
  }
  await t.receipts.printAfterPayment(paid, cash.receiptLang).catch((err: unknown) => t.log.error('receipt', { error: err instanceof Error ? err.message : String(err) }));
  t.events.emit({ type: 'status' });
  return t.journal.get(paid.id) ?? paid;
}

/** A payout's receipt (printed once, whoever noticed first), as the final screen says it. */
async function payoutReceipt(t: Terminal, p: Payout, lang: ReceiptLang | undefined): Promise<'printed' | 'failed' | null> {
  return (await t.receipts.printPayoutOnce(p, { lang })).ok ? 'printed' : t.receipts.defaultPrinter ? 'failed' : null;
}

export function payoutsOf(t: Terminal): NonNullable<Terminal['payouts']> {
  if (!t.payouts) throw new RefusedError('no payouts module is configured', null, 'payouts-off');
  return t.payouts;
}

/**
 * Starts a payout funded by the customer's cash. Refused, the cash is the attendant's; started, it
 * belongs to the payout (the bank page or the card decides the rest).
 */
export async function payoutWithCash(t: Terminal, input: PayoutInput, waitMs: number, lang: ReceiptLang | undefined): Promise<{ payout: Payout; receipt: 'printed' | 'failed' | null }> {
  const payouts = payoutsOf(t);
  if (input.cashSession) await stopNotes(t, input.cashSession);
  let p: Payout;
  try {
    p = await payouts.start(input, waitMs);
  } catch (err) {
    if (input.cashSession && !customerCanCorrect(err)) await releaseCash(t, input.cashSession, 'refused', null, lang);
    throw err;
  }
  if (input.cashSession) t.cash.release(input.cashSession);
  t.events.emit({ type: 'status' });
  // Waiting for the card on the bank's page: no receipt yet.
  return { payout: p, receipt: p.state === 'registered' ? null : await payoutReceipt(t, p, lang) };
}

/** Asks the bank after a payout; once it ended, its receipt («Заберите чек» at a kiosk). Null: no such payout. */
export async function checkPayout(t: Terminal, orderNumber: string, lang: ReceiptLang | undefined): Promise<{ payout: Payout; receipt: 'printed' | 'failed' | null } | null> {
  const payouts = payoutsOf(t);
  const known = payouts.journal.byOrderNumber(orderNumber);
  if (!known) return null;
  const p = await payouts.check(known.id);
  if (p.state !== known.state) t.events.emit({ type: 'status' });
  return { payout: p, receipt: FINAL_PAYOUT_STATES.has(p.state) ? await payoutReceipt(t, p, lang) : null };
}
