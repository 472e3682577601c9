/** `tolem receipt`: reprints a payment's receipt, or renders it to a PNG. */
import fs from 'node:fs';
import { UsageError, parse, str } from '../args.js';
import { receiptJson, receiptLine } from '../payment-output.js';
import { EXIT } from '../io.js';
import { withTerminal, type Command } from '../command.js';

export const receiptCommand: Command = {
  name: 'receipt',
  usage: ['tolem receipt --id AGENT_TRANSACTION_ID [--printer NAME] [--lang ru|kk] [--png FILE [--paper 58|80]]'],
  run(args, io, json) {
    const v = parse(args, { id: { type: 'string' }, printer: { type: 'string' }, lang: { type: 'string' }, png: { type: 'string' }, paper: { type: 'string' } });
    return withTerminal(io, async (t) => {
      const id = str(v.id);
      if (!id) throw new UsageError('--id is required');
      const p = t.journal.byAgentTransactionId(id);
      if (!p) throw new UsageError(`no payment ${id} in the journal`);
      const lang = str(v.lang);
      if (lang !== undefined && lang !== 'ru' && lang !== 'kk') throw new UsageError('--lang takes ru or kk');
      const png = str(v.png);
      if (png) {
        const paper = str(v.paper) ?? '80';
        if (paper !== '58' && paper !== '80') throw new UsageError('--paper takes 58 or 80');
        fs.writeFileSync(png, await t.receipts.png(p, paper === '58' ? 58 : 80, lang));
        io.out(json ? JSON.stringify({ png }) : `receipt of ${id} rendered to ${png}`);
        return EXIT.ok;
      }
      const r = await t.receipts.printPayment(p.id, { printer: str(v.printer), lang });
      io.out(json ? JSON.stringify(receiptJson(r, t)) : receiptLine(r, t, id));
      return r.ok ? EXIT.ok : EXIT.notPaid;
    });
  },
};
