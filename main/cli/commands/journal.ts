/**
 * `tolem journal`: the payments in the journal (search, one payment with its attempts), and the
 * journal's own tools (verify, backup, salvage, restore: journal-tools.ts), which open no terminal.
 */
import { describeResult } from '../../../shared/words/result-codes.js';
import { paymentJson, paymentLines, tableLine } from '../../payments/payment-view.js';
import { parse, str, UsageError } from '../args.js';
import { EXIT } from '../io.js';
import { withTerminal, type Command } from '../command.js';
import { JOURNAL_TOOLS, journalToolCommand } from './journal-tools.js';

export const journalCommand: Command = {
  name: 'journal',
  usage: ['tolem journal [--search TEXT] [--id AGENT_TRANSACTION_ID] [--limit N] [--json]', 'tolem journal verify|backup|salvage [--json]', 'tolem journal restore --from BACKUP_FILE'],
  run(args, io, json) {
    const [action, ...rest] = args;
    if (action && JOURNAL_TOOLS.has(action)) return journalToolCommand(action, rest, io, json);
    const v = parse(args, { search: { type: 'string' }, id: { type: 'string' }, limit: { type: 'string' } });
    return withTerminal(io, async (t) => {
      const id = str(v.id);
      if (id !== undefined) {
        const p = t.journal.byAgentTransactionId(id);
        if (!p) throw new UsageError(`no payment ${id} in the journal`);
        if (json) io.out(JSON.stringify({ ...paymentJson(p, t.journal), events: t.journal.events(p.id).map((e) => ({ ...e, at: new Date(e.at).toISOString() })) }, null, 2));
        else {
          for (const l of paymentLines(p)) io.out(l);
          for (const a of t.journal.attempts(p.id)) {
            io.out(`  ${new Date(a.startedAt).toLocaleTimeString()} ${a.kind.padEnd(5)} ${a.outcome ?? 'no answer recorded'}${a.httpStatus ? ` HTTP ${a.httpStatus}` : ''}${a.result !== null ? ` result ${a.result} (${describeResult(a.result)})` : ''}${a.error ? ` ${a.error}` : ''}`);
          }
        }
        return EXIT.ok;
      }
      const limitText = str(v.limit);
      if (limitText !== undefined && !/^\d+$/.test(limitText)) throw new UsageError('--limit takes a number');
      const payments = t.journal.list({ search: str(v.search), limit: limitText ? Number(limitText) : 200 });
      if (json) io.out(JSON.stringify({ payments: payments.map((p) => paymentJson(p, t.journal)) }, null, 2));
      else for (const p of payments) io.out(tableLine(p));
      return EXIT.ok;
    });
  },
};
