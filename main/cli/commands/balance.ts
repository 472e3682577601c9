/** `tolem balance`: the agent's balance at processing. */
import { describeOutcome } from '../../processing/client.js';
import { formatDecimal, formatTenge } from '../../../shared/money/amount.js';
import { parse } from '../args.js';
import { EXIT } from '../io.js';
import { withTerminal, type Command } from '../command.js';

export const balanceCommand: Command = {
  name: 'balance',
  usage: ['tolem balance [--json]'],
  run(args, io, json) {
    parse(args);
    return withTerminal(io, async (t) => {
      const o = await t.client.balance();
      if (o.kind !== 'answer' || o.result !== 0) {
        if (json) io.out(JSON.stringify({ error: describeOutcome(o) }));
        else io.err(`tolem: balance unavailable: ${describeOutcome(o)}`);
        return EXIT.notPaid;
      }
      const a = o.value;
      if (json) {
        io.out(JSON.stringify({ agentId: a.agentId, agentName: a.agentName, balance: formatDecimal(a.balance), overdraft: formatDecimal(a.overdraft), notification: a.notification === null ? null : formatDecimal(a.notification), currency: a.currency }, null, 2));
      } else {
        io.out(`${a.agentName} (agent ${a.agentId}): balance ${formatTenge(a.balance)}, overdraft ${formatTenge(a.overdraft)}${a.notification === null ? '' : `, warning at ${formatTenge(a.notification)}`}`);
      }
      return EXIT.ok;
    });
  },
};
