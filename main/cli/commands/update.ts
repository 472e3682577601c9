/** `tolem update --check`: whether an update may be installed now; never while money is in flight (exit 4, naming it). */
import { moneyInFlight } from '../../app/update-guard.js';
import { parse, UsageError } from '../args.js';
import { EXIT } from '../io.js';
import { withTerminal, type Command } from '../command.js';

export const updateCommand: Command = {
  name: 'update',
  usage: ['tolem update --check [--json]   may an update be installed now? never while a payment, a payout or cash is in flight'],
  run(args, io, json) {
    const v = parse(args, { check: { type: 'boolean' } });
    if (!v.check) throw new UsageError('update takes --check: this build installs no update itself; install one only once --check says it may');
    return withTerminal(io, async (t) => {
      const busy = moneyInFlight(t);
      if (json) io.out(JSON.stringify({ mayUpdate: busy.length === 0, inFlight: busy }, null, 2));
      else if (busy.length === 0) io.out('No money is in flight: an update may be installed now.');
      else {
        io.out(`An update must wait: ${busy.length} thing(s) with money in flight. Finish them first (tolem queue --drain, tolem payouts reconcile, the attendant settles cash in the service menu):`);
        for (const b of busy) io.out(`  ${b.kind} ${b.id}: ${b.state}, ${b.amount}`);
      }
      return busy.length === 0 ? EXIT.ok : EXIT.review;
    });
  },
};
