/** `tolem resolve`: a person's decision on a payment under review, after reconciling with processing. */
import { paymentJson, paymentLines } from '../../payments/payment-view.js';
import { UsageError, parse, str } from '../args.js';
import { EXIT } from '../io.js';
import { withTerminal, type Command } from '../command.js';

export const resolveCommand: Command = {
  name: 'resolve',
  usage: ['tolem resolve --id AGENT_TRANSACTION_ID --as success|failed --reason TEXT [--transaction-id N]'],
  run(args, io, json) {
    const v = parse(args, { id: { type: 'string' }, as: { type: 'string' }, reason: { type: 'string' }, 'transaction-id': { type: 'string' } });
    return withTerminal(io, async (t) => {
      const id = str(v.id);
      const as = str(v.as);
      const reason = str(v.reason);
      if (!id || (as !== 'success' && as !== 'failed') || !reason) throw new UsageError('resolve needs --id, --as success|failed and --reason');
      const p = t.journal.byAgentTransactionId(id);
      if (!p) throw new UsageError(`no payment ${id} in the journal`);
      const txid = str(v['transaction-id']) ?? null;
      if (txid !== null && !/^\d{1,18}$/.test(txid)) throw new UsageError('--transaction-id takes an id of up to 18 digits');
      const done = t.journal.resolveReview(p.id, as, reason, txid, t.engine.now());
      if (json) io.out(JSON.stringify(paymentJson(done, t.journal), null, 2));
      else for (const l of paymentLines(done)) io.out(l);
      return EXIT.ok;
    });
  },
};
