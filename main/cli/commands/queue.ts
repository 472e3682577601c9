/** `tolem queue`: what waits to be sent or needs a person; `--drain` sends it now. */
import { formatDecimal, formatTenge } from '../../../shared/money/amount.js';
import { paymentJson, tableLine } from '../../payments/payment-view.js';
import { parse, seconds } from '../args.js';
import { EXIT } from '../io.js';
import { withTerminal, type Command } from '../command.js';

export const queueCommand: Command = {
  name: 'queue',
  usage: ['tolem queue [--drain] [--wait SECONDS] [--json]'],
  run(args, io, json) {
    const v = parse(args, { drain: { type: 'boolean' }, wait: { type: 'string' } });
    return withTerminal(io, async (t) => {
      if (v.drain) {
        const wait = seconds(v.wait, 60);
        await t.worker.drain(t.engine.now() + wait * 1000, { now: true });
      }
      const waiting = t.journal.list({ states: ['pending', 'review'] });
      const summary = t.journal.pendingSummary();
      const unprinted = t.receipts.notPrintedToday();
      if (json) {
        io.out(JSON.stringify({ pending: summary.count, pendingTotal: formatDecimal(summary.totalFrom), review: summary.review, receiptsNotPrintedToday: unprinted, payments: waiting.map((p) => paymentJson(p, t.journal)) }, null, 2));
      } else {
        io.out(`${summary.count} payment(s) waiting to be sent (${formatTenge(summary.totalFrom)}), ${summary.review} needing a person${unprinted ? `, ${unprinted} receipt(s) not printed today` : ''}`);
        for (const p of waiting) io.out(tableLine(p));
      }
      return summary.review > 0 ? EXIT.review : summary.count > 0 ? EXIT.pending : EXIT.ok;
    });
  },
};
