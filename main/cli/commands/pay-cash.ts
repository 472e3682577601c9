/**
 * `tolem pay … --cash`: the payment's sum taken in notes from the bill validator, then paid with them.
 * Each note is printed as it is credited, with what is still missing; a note that would overpay is
 * returned. Interrupted or out of time before the sum is covered, the notes taken are cash without a
 * payment: listed, with the customer's slip printed, and the attendant settles them.
 */
import { formatTenge, parseAmount } from '../../../shared/money/amount.js';
import { paymentJson, paymentLines } from '../../payments/payment-view.js';
import { payWithCash, releaseCash } from '../../app/use-cases.js';
import { acceptorReady, takeNotes } from '../../app/cash-intake.js';
import { InputError, type PaymentInput } from '../../payments/payment-engine.js';
import { quoteFromTaken } from '../../../shared/money/commission.js';
import type { Terminal } from '../../app/terminal.js';
import { EXIT, type Io } from '../io.js';
import { exitFor } from '../payment-output.js';

const WHY_RETURNED: Record<string, string> = {
  overpay: 'it would pay more than is due (the terminal gives no change)',
  'not-taken': 'this terminal does not take that note',
  'not-waiting': 'nothing was waiting for it',
  returned: 'the device handed it back',
  rejected: 'not taken (the device takes only the notes that fit what is still due, or it could not read this one)',
};

export async function payWithNotes(t: Terminal, input0: PaymentInput, waitMs: number, io: Io, json: boolean): Promise<number> {
  // The device first: a kiosk whose validator cannot take notes checks nothing and takes nothing.
  await acceptorReady(t, 30_000);
  const { payment: draft, service, check, input } = await t.engine.begin({ ...input0 }, { checkOnly: true });
  if (check.kind === 'unauthorized') t.engine.refuseUnauthorized(draft, check);
  if (check.kind === 'refused') {
    const closed = t.engine.settleCheck(draft, check, { close: true });
    if (json) io.out(JSON.stringify(paymentJson(closed, t.journal), null, 2));
    else io.out(`not paid, no cash taken: ${check.message} (result ${check.result})`);
    return EXIT.notPaid;
  }
  const settled = t.engine.settleCheck(draft, check);
  // Only the sum to take given (--amount-from): what it credits is the commission rule's, as on a kiosk's screen.
  const credited = input.amountTo ?? (input.amountFrom !== undefined ? quoteFromTaken(input.amountFrom, t.config.commission)?.amountTo : undefined);
  if (input.amountTo === undefined && input.amountFrom !== undefined && credited === undefined) {
    t.journal.closeDraft(settled.id, 'abandoned', null, null, 'not paid: the sum does not cover the commission', Date.now());
    throw new InputError([`${formatTenge(input.amountFrom)} does not cover the commission (at least ${formatTenge(t.config.commission.minimum)})`], 'after-check');
  }
  let details;
  try {
    details = t.engine.payDetails(service, { ...input, amountTo: credited }, check.kind === 'ok' ? check.answer : null, { cash: true });
  } catch (err) {
    t.journal.closeDraft(settled.id, 'abandoned', null, null, `not paid: ${err instanceof Error ? err.message : String(err)}`, Date.now());
    throw err;
  }
  const due = details.amountFrom;
  if (!json) io.out(`${settled.agentTransactionId}: insert ${formatTenge(due)} (${formatTenge(details.amountTo)} to ${service.name}${due > details.amountTo ? `, commission ${formatTenge(due - details.amountTo)}` : ''})`);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let intake;
  try {
    intake = await takeNotes(t, due, {
      waitMs,
      signal: controller.signal,
      onEvent: (e) => {
        if (json) return;
        if (e.kind === 'stacked') {
          const missing = due - parseAmount(e.total);
          io.out(`  + ${formatTenge(parseAmount(e.amount))}  inserted ${formatTenge(parseAmount(e.total))}${missing > 0 ? `, still ${formatTenge(missing)}` : ''}`);
        } else if (e.kind === 'returned') io.out(`  ${e.amount ? formatTenge(parseAmount(e.amount)) : 'a note'} returned: ${WHY_RETURNED[e.why] ?? e.why}`);
        else io.out(`  a note of ${formatTenge(parseAmount(e.amount))}: ${e.outcome === 'stacked' ? 'credited' : e.outcome === 'returned' ? 'returned' : 'not known (the attendant counts it at encashment)'}`);
      },
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  if (!intake.covered) {
    const why = intake.why === 'interrupted' ? 'cancelled' : intake.why === 'timeout' ? 'walked-away' : 'cancelled';
    t.journal.closeDraft(settled.id, 'abandoned', null, null, `not paid: the cash did not cover the sum (${intake.why ?? 'stopped'})`, Date.now());
    if (intake.session.total === 0) {
      if (json) io.out(JSON.stringify({ agentTransactionId: settled.agentTransactionId, state: 'abandoned', cash: null }, null, 2));
      else io.out(`not paid, no cash taken (${intake.why === 'interrupted' ? 'interrupted' : intake.why === 'fault' ? 'the device stopped' : 'time is up'})`);
      return EXIT.notPaid;
    }
    const released = await releaseCash(t, intake.session.id, why, settled.id, t.config.receipts.lang, { slip: true });
    const notes = intake.session.notes.map((n) => formatTenge(n.amount)).join(' + ');
    if (json) io.out(JSON.stringify({ agentTransactionId: settled.agentTransactionId, state: 'abandoned', cash: { session: released.session, total: (released.total / 100).toFixed(2), notes: intake.session.notes.map((n) => (n.amount / 100).toFixed(2)), slip: released.slip } }, null, 2));
    else {
      io.out(`not paid: ${formatTenge(released.total)} taken (${notes}) is cash without a payment, for the attendant to give back or pay by hand`);
      io.out(`  cash session ${released.session}${released.slip === 'printed' ? '; the customer\'s slip is printed' : released.slip === 'failed' ? '; the slip did NOT print' : '; no printer, so no slip'}`);
    }
    return EXIT.notPaid;
  }
  const paid = await payWithCash(t, settled.id, { amountTo: details.amountTo, amountFrom: due, contractId: input.contractId, items: input.items, identityCard: input.identityCard, fullName: input.fullName }, waitMs, { cashSession: intake.session.id, receiptLang: t.config.receipts.lang });
  if (json) io.out(JSON.stringify({ ...paymentJson(paid, t.journal), cash: { session: intake.session.id, notes: intake.session.notes.map((n) => (n.amount / 100).toFixed(2)) } }, null, 2));
  else {
    for (const l of paymentLines(paid)) io.out(l);
    if (paid.state === 'pending') io.out('  The payment is journaled and will be sent by the terminal (tolem queue --drain sends it now).');
  }
  return exitFor(paid);
}
