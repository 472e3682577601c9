/**
 * `tolem payout`, `tolem payout-status`, `tolem payouts [balance|echo]`: card payouts through the
 * bank's payouts module, with the exit codes of `tolem pay` (0 paid, 1 not paid, 2 bad input,
 * 3 outcome pending, 4 review).
 */
import { parseArgs } from 'node:util';
import { parseAmount } from '../../../shared/money/amount.js';
import type { Payout } from '../../payouts/payout-journal.js';
import { PayoutInputError } from '../../payouts/payout-engine.js';
import type { Terminal } from '../../app/terminal.js';
import { payoutJson, payoutLines } from '../../payouts/payout-view.js';
import { formatDecimal, formatTenge } from '../../../shared/money/amount.js';
import { EXIT, type Io } from '../io.js';
import { withTerminal, type Command } from '../command.js';

export function payoutExit(p: Payout): number {
  switch (p.state) {
    case 'paid':
      return EXIT.ok;
    case 'declined':
    case 'expired':
      return EXIT.notPaid;
    case 'review':
      return EXIT.review;
    default:
      return EXIT.pending;
  }
}

class PayoutUsage extends Error {}

/**
 * A card number written on the command line (`--pan 4400…`) is readable by every local user for as
 * long as the command runs (`ps`, /proc): refused before the terminal opens or anything is sent.
 * Only `--pan -` (read from standard input) is taken.
 */
function panOnCommandLine(args: string[]): string | null {
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    const value = a === '--pan' ? args[i + 1] : a.startsWith('--pan=') ? a.slice('--pan='.length) : undefined;
    if (value !== undefined && value !== '-') return 'a card number is never given on the command line (every local user can read it): use --pan - and type it, or pipe it on standard input';
  }
  return null;
}

async function payoutCommand(t: Terminal, command: string, args: string[], io: Io): Promise<number> {
  const payouts = t.payouts;
  const json = args.includes('--json');
  const out = (p: Payout) => io.out(json ? JSON.stringify(payoutJson(p), null, 2) : payoutLines(p).join('\n'));
  if (!payouts) {
    io.err('tolem: no payouts module is configured (TOLEM_PAYOUTS_URL, TOLEM_PAYOUTS_USER, TOLEM_PAYOUTS_PASSWORD; see docs/configuration.md)');
    return EXIT.badInput;
  }
  try {
    if (command === 'payout') {
      const { values } = parseArgs({ args, strict: true, allowPositionals: false, options: { json: { type: 'boolean' }, amount: { type: 'string' }, name: { type: 'string' }, pan: { type: 'string' }, page: { type: 'boolean' }, phone: { type: 'string' }, wait: { type: 'string' } } });
      if (!values.amount || !values.name) throw new PayoutUsage('payout needs --amount and --name');
      if (Boolean(values.pan) === Boolean(values.page)) throw new PayoutUsage('give either --pan - (the card number read from standard input) or --page');
      const onLine = panOnCommandLine(args);
      if (onLine) throw new PayoutUsage(onLine);
      let pan: string | undefined;
      if (values.pan === '-') {
        if (!io.readSecret) throw new PayoutUsage('this caller cannot read a card number from standard input');
        pan = (await io.readSecret('Card number (not shown): ').catch((err: unknown) => {
          throw new PayoutUsage(`no card number read: ${err instanceof Error ? err.message : String(err)}`);
        })).trim();
        if (!pan) throw new PayoutUsage('no card number on standard input');
      }
      const wait = values.wait === undefined ? (values.page ? 0 : 60) : Number(values.wait);
      if (!Number.isFinite(wait) || wait < 0) throw new PayoutUsage('--wait takes seconds');
      const p = await payouts.start({ amount: parseAmount(values.amount), name: values.name, phone: values.phone, flow: values.page ? 'page' : 'direct', pan }, wait * 1000);
      out(p);
      // Its receipt (masked card, amount, commission, status in words), when a printer is configured.
      if (p.state !== 'registered' && t.receipts.defaultPrinter) {
        const r = await t.receipts.printPayout(p);
        if (!json) io.out(r.ok ? `  receipt printed on ${r.printer}` : `  receipt NOT printed: ${r.error}`);
      }
      // Registered and waiting for the card on the bank's page: pending until the bank says.
      return payoutExit(p);
    }
    if (command === 'payout-status') {
      const { values } = parseArgs({ args, strict: true, allowPositionals: false, options: { json: { type: 'boolean' }, order: { type: 'string' } } });
      if (!values.order) throw new PayoutUsage('payout-status needs --order ORDER_NUMBER');
      const known = payouts.journal.byOrderNumber(values.order);
      if (!known) throw new PayoutUsage(`no payout ${values.order} in the journal`);
      const p = await payouts.check(known.id);
      out(p);
      return payoutExit(p);
    }
    const [action, ...rest] = args.filter((a) => a !== '--json');
    if (action === 'echo') {
      const e = await payouts.client.echo();
      io.out(json ? JSON.stringify(e) : e.ok ? e.text : `the payouts module does not answer: ${e.problem}`);
      return e.ok ? EXIT.ok : EXIT.notPaid;
    }
    if (action === 'balance') {
      const b = await payouts.client.balance();
      if (!b.ok) {
        io.out(json ? JSON.stringify({ error: b.problem }) : `payouts balance unavailable: ${b.problem}`);
        return EXIT.notPaid;
      }
      const warn = payouts.balanceLow(b.amount);
      io.out(json ? JSON.stringify({ balance: formatDecimal(b.amount), currency: b.currency, low: warn }) : `payouts balance ${formatTenge(b.amount)}${warn ? ' (LOW)' : ''}`);
      return EXIT.ok;
    }
    if (action === 'reconcile' || action === undefined) {
      if (action === 'reconcile') await payouts.reconcileDue();
      const list = payouts.journal.list();
      io.out(json ? JSON.stringify({ payouts: list.map(payoutJson) }, null, 2) : list.map((p) => payoutLines(p)[0]).join('\n') || 'no payouts');
      return EXIT.ok;
    }
    throw new PayoutUsage(`tolem payouts [reconcile|balance|echo], got "${[action, ...rest].join(' ')}"`);
  } catch (err) {
    if (err instanceof PayoutInputError || err instanceof PayoutUsage) {
      io.err(`tolem: ${err.message}`);
      return EXIT.badInput;
    }
    if (err instanceof Error && err.name === 'AmountError') {
      io.err(`tolem: ${err.message}`);
      return EXIT.badInput;
    }
    if (err instanceof TypeError && /parseArgs|Unknown option|option/i.test(err.message)) {
      io.err(`tolem: ${err.message}`);
      return EXIT.badInput;
    }
    throw err;
  }
}

export const payoutCommands: Command[] = [
  {
    name: 'payout',
    usage: ['tolem payout --amount 1500.00 --name "IVAN IVANOV" (--pan - | --page) [--phone N] [--wait S] [--json]'],
    run(args, io) {
      // Refused before the terminal opens: nothing is journaled or sent for a card number on the command line.
      const onLine = panOnCommandLine(args);
      if (onLine) {
        io.err(`tolem: ${onLine}`);
        return Promise.resolve(EXIT.badInput);
      }
      return withTerminal(io, (t) => payoutCommand(t, 'payout', args, io));
    },
  },
  {
    name: 'payout-status',
    usage: ['tolem payout-status --order ORDER_NUMBER [--json]'],
    run: (args, io) => withTerminal(io, (t) => payoutCommand(t, 'payout-status', args, io)),
  },
  {
    name: 'payouts',
    usage: ['tolem payouts [reconcile|balance|echo] [--json]'],
    run: (args, io) => withTerminal(io, (t) => payoutCommand(t, 'payouts', args, io)),
  },
];
