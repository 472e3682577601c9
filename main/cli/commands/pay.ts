/** `tolem pay`: checks, accepts (journaled before anything is sent) and pays; the receipt prints after. */
import { paymentJson, paymentLines } from '../../payments/payment-view.js';
import { PAYMENT_OPTIONS, parse, paymentInput, seconds } from '../args.js';
import { exitFor, receiptJson, receiptLine } from '../payment-output.js';
import { withTerminal, type Command } from '../command.js';
import { payWithNotes } from './pay-cash.js';

export const payCommand: Command = {
  name: 'pay',
  usage: ['tolem pay --service ID --account A --amount 200.00 [--amount-from 210.00]', '          [--field NAME=VALUE]... [--contract ID] [--item SUBSERVICE=AMOUNT[:LASTCOUNT]]...', '          [--identity-card N --full-name NAME] [--wait SECONDS] [--json]', 'tolem pay … --amount-from 1000.00 --cash [--wait SECONDS]   the sum taken in notes from the bill validator'],
  run(args, io, json) {
    const v = parse(args, {
  ...PAYMENT_OPTIONS, amount: { type: 'string' }, 'amount-from': { type: 'string' }, contract: { type: 'string' }, item: { type: 'string', multiple: true },
  'identity-card': { type: 'string' }, 'full-name': { type: 'string' }, wait: { type: 'string' }, cash: { type: 'boolean' },
});
    if (v.cash === true) return withTerminal(io, (t) => payWithNotes(t, paymentInput(v), seconds(v.wait, 120) * 1000, io, json), { acceptor: true });
    return withTerminal(io, async (t) => {
      const input = paymentInput(v);
      const waitSeconds = seconds(v.wait, 60);
      const payment = await t.engine.pay(input, waitSeconds * 1000);
      // The outcome is journaled: only now is a receipt printed, and its fate never changes the payment's.
      const receipt = await t.receipts.printAfterPayment(payment);
      if (json) io.out(JSON.stringify({ ...paymentJson(payment, t.journal), receipt: receiptJson(receipt, t) }, null, 2));
      else {
        for (const l of paymentLines(payment)) io.out(l);
        if (payment.state === 'pending') io.out('  The payment is journaled and will be sent by the terminal (tolem queue --drain sends it now).');
        if (receipt) io.out(receiptLine(receipt, t, payment.agentTransactionId));
      }
      return exitFor(payment);
    });
  },
};
