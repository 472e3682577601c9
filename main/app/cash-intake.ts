/**
 * Taking a sum in notes from the bill validator, for a caller that waits (the CLI's `pay --cash`, the
 * device test): the device is enabled only for the notes that fit what is still due, each note is
 * told as it is credited or returned, and waiting ends when the sum is covered, the time is up or
 * the caller gives up. A note still going in when waiting ends is waited for: it is credited or
 * returned before the caller hears how much was taken.
 */
import type { Minor } from '../../shared/money/amount.js';
import type { CashEventView } from '../../shared/ipc/views.js';
import { CashError } from '../cash/cash-box.js';
import type { CashSession } from '../cash/cash-ledger.js';
import { cashEventView } from '../cash/cash-view.js';
import type { NoteAcceptor } from '../cash/note-acceptor.js';
import type { Terminal } from './terminal.js';
import { formatTenge } from '../../shared/money/amount.js';
import { quoteFromTaken } from '../../shared/money/commission.js';
import { InputError, type PaymentInput } from '../payments/payment-engine.js';
import type { Payment } from '../payments/payment-journal.js';
import { payWithCash, releaseCash, stopNotes, type CashReleased } from './use-cases.js';

function acceptorOf(t: Terminal): NoteAcceptor {
  if (!t.acceptor) throw new CashError(`this terminal has no bill validator on a serial port (cashAcceptor is ${t.config.cashAcceptor}; set TOLEM_CASH_ACCEPTOR=ccnet:PORT or id003:PORT)`, 'no-acceptor');
  return t.acceptor;
}

/** Waits until the device was set up (it may be initializing after a reset), or says why it cannot take notes. */
export async function acceptorReady(t: Terminal, waitMs: number, signal?: AbortSignal): Promise<NoteAcceptor> {
  const acceptor = acceptorOf(t);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const s = acceptor.state;
    if (s && s.phase === 'ready' && !s.fault) return acceptor;
    if (s?.phase === 'alarm') throw new CashError(`the bill validator is stopped: ${s.alarm ?? 'alarm'}`, 'device-alarm');
    if (Date.now() > deadline || signal?.aborted) {
      const why = acceptor.portProblem ?? (s?.fault ? `the device reports ${s.fault}` : 'the device is not ready');
      throw new CashError(`the bill validator cannot take notes: ${why}`, 'device-fault');
    }
    // Its next state comes as an event; the port's problems are read again each second.
    await acceptor.nextEvent(Math.min(1000, deadline - Date.now() + 1), signal);
  }
}

/** How long a fault (a jam, no answer) may last before waiting for notes ends. */
const FAULT_ENDS_MS = 10_000;

export interface Intake {
  session: CashSession;
  covered: boolean;
  /** Why it ended without the sum covered. */
  why: 'timeout' | 'interrupted' | 'fault' | null;
}

export async function takeNotes(t: Terminal, due: Minor, opts: { waitMs: number; signal?: AbortSignal; onEvent?: (e: CashEventView) => void }): Promise<Intake> {
  const acceptor = await acceptorReady(t, Math.min(opts.waitMs, 60_000), opts.signal);
  let session = acceptor.begin(null, due);
  const id = session.id;
  // A fault ends the waiting only once it has lasted: a device that missed a few answers on a busy
  // machine and came back is no reason to hand the customer's notes to the attendant.
  let faultSince: number | null = null;
  let alarm = false;
  const off = acceptor.on((e) => {
    if (e.kind === 'device') {
      if (e.state.alarm) alarm = true;
      faultSince = e.state.fault ? (faultSince ?? Date.now()) : null;
      return;
    }
    if (e.session !== id && !(e.kind === 'returned' && e.session === null)) return;
    opts.onEvent?.(cashEventView(e));
  });
  const deadline = Date.now() + opts.waitMs;
  try {
    for (;;) {
      session = t.cash.session(id)!;
      if (session.total >= due) break;
      if (opts.signal?.aborted || Date.now() > deadline || alarm || (faultSince !== null && Date.now() - faultSince > FAULT_ENDS_MS)) break;
      // A note stacked, returned or settled, or the device's state changing, comes as an event; the deadlines are waited for.
      const now = Date.now();
      await acceptor.nextEvent(Math.min(deadline - now, faultSince === null ? Infinity : faultSince + FAULT_ENDS_MS - now) + 1, opts.signal);
    }
  } finally {
    // A note still going in is credited or returned before anyone is told the total.
    await stopNotes(t, id);
  }
  off();
  session = t.cash.session(id)!;
  const covered = session.total === due;
  const fault = alarm || faultSince !== null;
  return { session, covered, why: covered ? null : fault ? 'fault' : opts.signal?.aborted ? 'interrupted' : 'timeout' };
}

/** The device test: enabled for every note it takes, the first note shown in escrow is returned, never stacked. */
export async function testAcceptor(t: Terminal, opts: { waitMs: number; signal?: AbortSignal }): Promise<{ returned: Minor | null }> {
  const acceptor = await acceptorReady(t, Math.min(opts.waitMs, 60_000), opts.signal);
  return acceptor.testNote(opts.waitMs, opts.signal);
}

export type NotesPayment =
  | { kind: 'refused'; payment: Payment; message: string; result: number }
  | { kind: 'paid'; payment: Payment; intake: Intake }
  | { kind: 'not-covered'; payment: Payment; intake: Intake; released: CashReleased | null };

/**
 * A payment paid in notes from the bill validator (the CLI's `pay --cash`, a headless kiosk): the
 * device must be able to take notes before anything is checked; the check decides the sum (the
 * commission rule's, from the sum given to take or to credit); the notes are taken for exactly it;
 * covered, it is paid with them; not covered, the notes are cash without a payment, with the slip.
 */
export async function payInNotes(t: Terminal, input0: PaymentInput, waitMs: number, opts: { signal?: AbortSignal; onEvent?: (e: CashEventView) => void; onDue?: (d: { payment: Payment; amountTo: Minor; amountFrom: Minor; serviceName: string }) => void } = {}): Promise<NotesPayment> {
  await acceptorReady(t, 30_000, opts.signal);
  const { payment: draft, service, check, input } = await t.engine.begin({ ...input0 }, { checkOnly: true });
  if (check.kind === 'unauthorized') t.engine.refuseUnauthorized(draft, check);
  if (check.kind === 'refused') return { kind: 'refused', payment: t.engine.settleCheck(draft, check, { close: true }), message: check.message, result: check.result };
  const settled = t.engine.settleCheck(draft, check);
  const abandon = (why: string) => t.journal.closeDraft(settled.id, 'abandoned', null, null, why, Date.now());
  // Only the sum to take given: what it credits is the commission rule's, as on a kiosk's screen.
  const credited = input.amountTo ?? (input.amountFrom !== undefined ? quoteFromTaken(input.amountFrom, t.config.commission)?.amountTo : undefined);
  if (input.amountTo === undefined && input.amountFrom !== undefined && credited === undefined) {
    abandon('not paid: the sum does not cover the commission');
    throw new InputError([`${formatTenge(input.amountFrom)} does not cover the commission (at least ${formatTenge(t.config.commission.minimum)})`], 'after-check');
  }
  let details;
  try {
    details = t.engine.payDetails(service, { ...input, amountTo: credited }, check.kind === 'ok' ? check.answer : null, { cash: true });
  } catch (err) {
    abandon(`not paid: ${err instanceof Error ? err.message : String(err)}`);
    throw err;
  }
  opts.onDue?.({ payment: settled, amountTo: details.amountTo, amountFrom: details.amountFrom, serviceName: service.name });
  const intake = await takeNotes(t, details.amountFrom, { waitMs, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onEvent ? { onEvent: opts.onEvent } : {}) });
  if (!intake.covered) {
    abandon(`not paid: the cash did not cover the sum (${intake.why ?? 'stopped'})`);
    const released = intake.session.total === 0 ? null : await releaseCash(t, intake.session.id, intake.why === 'timeout' ? 'walked-away' : 'cancelled', settled.id, t.config.receipts.lang, { slip: true });
    return { kind: 'not-covered', payment: t.journal.mustGet(settled.id), intake, released };
  }
  const paid = await payWithCash(t, settled.id, { amountTo: details.amountTo, amountFrom: details.amountFrom, contractId: input.contractId, items: input.items, identityCard: input.identityCard, fullName: input.fullName }, waitMs, { cashSession: intake.session.id, receiptLang: t.config.receipts.lang });
  return { kind: 'paid', payment: paid, intake };
}
