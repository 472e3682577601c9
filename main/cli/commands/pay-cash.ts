/**
 * `tolem pay … --cash`: the payment's sum taken in notes from the bill validator, then paid with them
 * (the rule is the application's: payInNotes). Each note is printed as it is credited, with what is
 * still missing; a note that would overpay is returned. Interrupted or out of time before the sum is
 * covered, the notes taken are cash without a payment: listed, with the customer's slip printed.
 */
import { formatTenge, parseAmount } from '../../../shared/money/amount.js';
import { paymentJson, paymentLines } from '../../payments/payment-view.js';
import { payInNotes } from '../../app/cash-intake.js';
import type { PaymentInput } from '../../payments/payment-engine.js';
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

const money = (text: string) => formatTenge(parseAmount(text));
const decimal = (m: number) => (m / 100).toFixed(2);

export async function payWithNotes(t: Terminal, input: PaymentInput, waitMs: number, io: Io, json: boolean): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let due = 0;
  let r;
  try {
    r = await payInNotes(t, input, waitMs, {
      signal: controller.signal,
      onDue: (d) => {
        due = d.amountFrom;
        if (!json) io.out(`${d.payment.agentTransactionId}: insert ${formatTenge(d.amountFrom)} (${formatTenge(d.amountTo)} to ${d.serviceName}${d.amountFrom > d.amountTo ? `, commission ${formatTenge(d.amountFrom - d.amountTo)}` : ''})`);
      },
      onEvent: (e) => {
        if (json) return;
        if (e.kind === 'stacked') {
          const missing = due - parseAmount(e.total);
          io.out(`  + ${money(e.amount)}  inserted ${money(e.total)}${missing > 0 ? `, still ${formatTenge(missing)}` : ''}`);
        } else if (e.kind === 'returned') io.out(`  ${e.amount ? money(e.amount) : 'a note'} returned: ${WHY_RETURNED[e.why] ?? e.why}`);
        else io.out(`  a note of ${money(e.amount)}: ${e.outcome === 'stacked' ? 'credited' : e.outcome === 'returned' ? 'returned' : 'not known (the attendant counts it at encashment)'}`);
      },
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  if (r.kind === 'refused') {
    if (json) io.out(JSON.stringify(paymentJson(r.payment, t.journal), null, 2));
    else io.out(`not paid, no cash taken: ${r.message} (result ${r.result})`);
    return EXIT.notPaid;
  }
  if (r.kind === 'not-covered') {
    const { intake, released } = r;
    const why = intake.why === 'interrupted' ? 'interrupted' : intake.why === 'fault' ? 'the device stopped' : 'time is up';
    if (json) io.out(JSON.stringify({ agentTransactionId: r.payment.agentTransactionId, state: r.payment.state, cash: released ? { session: released.session, total: decimal(released.total), notes: intake.session.notes.map((n) => decimal(n.amount)), slip: released.slip } : null }, null, 2));
    else if (!released) io.out(`not paid, no cash taken (${why})`);
    else {
      io.out(`not paid (${why}): ${formatTenge(released.total)} taken (${intake.session.notes.map((n) => formatTenge(n.amount)).join(' + ')}) is cash without a payment, for the attendant to give back or pay by hand`);
      io.out(`  cash session ${released.session}${released.slip === 'printed' ? "; the customer's slip is printed" : released.slip === 'failed' ? '; the slip did NOT print' : '; no printer, so no slip'}`);
    }
    return EXIT.notPaid;
  }
  if (json) io.out(JSON.stringify({ ...paymentJson(r.payment, t.journal), cash: { session: r.intake.session.id, notes: r.intake.session.notes.map((n) => decimal(n.amount)) } }, null, 2));
  else {
    for (const l of paymentLines(r.payment)) io.out(l);
    if (r.payment.state === 'pending') io.out('  The payment is journaled and will be sent by the terminal (tolem queue --drain sends it now).');
  }
  return exitFor(r.payment);
}
