/** `tolem check`: asks processing whether an account can be paid; nothing is paid (the draft is closed). */
import { formatDecimal, formatTenge } from '../../../shared/money/amount.js';
import { paymentJson } from '../../payments/payment-view.js';
import { PAYMENT_OPTIONS, parse, paymentInput } from '../args.js';
import { EXIT } from '../io.js';
import { withTerminal, type Command } from '../command.js';

export const checkCommand: Command = {
  name: 'check',
  usage: ['tolem check --service ID --account A [--field NAME=VALUE]... [--json]'],
  run(args, io, json) {
    const v = parse(args, PAYMENT_OPTIONS);
    return withTerminal(io, async (t) => {
      const input = paymentInput(v);
      const { payment, check } = await t.engine.begin({ ...input, amountTo: undefined, amountFrom: undefined }, { checkOnly: true });
      if (check.kind === 'unauthorized') t.engine.refuseUnauthorized(payment, check);
      const closed = t.engine.settleCheck(payment, check, { close: true });
      if (json) {
        io.out(JSON.stringify({ ...paymentJson(closed, t.journal), checkResult: check.kind }, null, 2));
      } else if (check.kind === 'ok') {
        io.out(`${input.serviceId} ${input.account}: can be paid`);
        const a = check.answer;
        for (const [k, val] of Object.entries(a.displays ?? {})) io.out(`  ${k}: ${val ?? ''}`);
        for (const c of a.contracts ?? []) io.out(`  contract ${c.contractId}  ${c.contractNumber ?? ''}  ${c.name ?? ''}  ${c.contractSum === undefined ? '' : formatTenge(c.contractSum)}`);
        for (const inv of a.invoice?.invoices ?? []) {
          io.out(`  invoice ${inv.invoiceId ?? ''} ${inv.clientName ?? ''}, ${inv.clientAddress ?? ''}`);
          for (const s of inv.services) io.out(`    ${s.subServiceId.padEnd(4)} ${s.subServiceName.trim()}  to pay ${s.data.paySum === undefined ? '—' : formatDecimal(s.data.paySum)}${s.data.isMeter ? `  meter, previous ${s.data.prevCount ?? '?'}` : ''}`);
        }
        if (a.currencyRate) io.out(`  ${a.currencyRate}`);
      } else if (check.kind === 'refused') io.out(`${input.serviceId} ${input.account}: refused, result ${check.result}: ${check.message}`);
      else io.out(`${input.serviceId} ${input.account}: processing cannot be reached: ${check.problem}`);
      return check.kind === 'ok' ? EXIT.ok : check.kind === 'refused' ? EXIT.notPaid : EXIT.pending;
    });
  },
};
