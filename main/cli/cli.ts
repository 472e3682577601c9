/**
 * `tolem`: the terminal's operations tool, and how support staff script it. One table of commands
 * (commands/, one module each): their names, their help, what they do.
 * Exit codes: 0 done/paid, 1 not paid or refused, 2 bad input or configuration,
 * 3 accepted and still waiting to be sent, 4 needs a person (review), 5 unexpected error.
 */
import { CatalogUnavailableError } from '../catalog/catalog.js';
import { CashError } from '../cash/cash-box.js';
import { TillError } from '../till/till.js';
import { ConfigError } from '../config/config.js';
import { AcceptedError, InputError, RefusedError } from '../payments/payment-engine.js';
import { isDiskFull, JournalOpenError } from '../store/database.js';
import { ClusterError } from '../fleet/postgres-cluster.js';
import { JournalVersionError } from '../store/migrations.js';
import { AmountError } from '../../shared/money/amount.js';
import { UsageError } from './args.js';
import type { Command } from './command.js';
import { EXIT, type Io } from './io.js';
import { startCommand } from './start.js';
import { balanceCommand } from './commands/balance.js';
import { catalogCommand } from './commands/catalog.js';
import { checkCommand } from './commands/check.js';
import { deviceCommand } from './commands/device.js';
import { healthCommand } from './commands/health.js';
import { fleetCommand } from './commands/fleet.js';
import { updateCommand } from './commands/update.js';
import { encashCommand, reportsCommand, shiftCommand } from './commands/till.js';
import { journalCommand } from './commands/journal.js';
import { operatorCommand } from './commands/operator.js';
import { payCommand } from './commands/pay.js';
import { payoutCommands } from './commands/payouts.js';
import { printerCommand } from './commands/printer.js';
import { queueCommand } from './commands/queue.js';
import { receiptCommand } from './commands/receipt.js';
import { resolveCommand } from './commands/resolve.js';
import { sandboxCommand } from './commands/sandbox.js';

export { EXIT, type Io } from './io.js';

const COMMANDS: readonly Command[] = [
  { name: 'start', usage: ['tolem start [--browser] [--no-open] [--port N]   run the terminal (built-in sandbox when no processing URL)'], run: (args, io) => startCommand(args, io) },
  catalogCommand,
  checkCommand,
  payCommand,
  queueCommand,
  healthCommand,
  updateCommand,
  journalCommand,
  resolveCommand,
  balanceCommand,
  operatorCommand,
  receiptCommand,
  printerCommand,
  deviceCommand,
  shiftCommand,
  encashCommand,
  reportsCommand,
  sandboxCommand,
  fleetCommand,
  ...payoutCommands,
];

const BY_NAME = new Map(COMMANDS.map((c) => [c.name, c]));

export const HELP = `tolem — Tolem payment terminal

${COMMANDS.flatMap((c) => c.usage.map((u) => `  ${u}`)).join('\n')}

Any command takes --sandbox: the built-in demo emulator instead of processing (as TOLEM_SANDBOX=1).
Exit codes: 0 done, 1 not paid/refused, 2 bad input, 3 still waiting to be sent, 4 needs a person, 5 error.
Configuration: see docs/configuration.md (TOLEM_DATA_DIR, TOLEM_PROCESSING_URL, TOLEM_TERMINAL_ID, ...).`;

export async function runCli(argv: string[], io0: Io): Promise<number> {
  // --sandbox anywhere: the demo emulator, chosen explicitly (never a silent default).
  const io: Io = argv.includes('--sandbox') ? { ...io0, env: { ...io0.env, TOLEM_SANDBOX: '1' } } : io0;
  const [name, ...rest] = argv.filter((a) => a !== '--sandbox');
  const json = rest.includes('--json');
  const fail = (code: number, message0: string, problems?: string[]) => {
    const message = message0.replace(/\s*\n\s*/g, ' ');
    if (json) io.out(JSON.stringify({ error: message, ...(problems ? { problems } : {}) }, null, 2));
    else io.err(`tolem: ${message}${problems && problems.length > 1 ? `\n${problems.map((p) => `  - ${p}`).join('\n')}` : ''}`);
    return code;
  };
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      io.out(HELP);
      return EXIT.ok;
    }
    const command = BY_NAME.get(name);
    if (!command) throw new UsageError(`unknown command "${name}" (see tolem help)`);
    return await command.run(rest, io, json);
  } catch (err) {
    if (err instanceof AcceptedError) {
      // Processing may have the payment: never "not accepted". It is pending and will be delivered.
      if (json) io.out(JSON.stringify({ error: err.message, agentTransactionId: err.payment.agentTransactionId, state: 'pending' }, null, 2));
      else io.err(`tolem: accepted, outcome pending: ${err.message}; "tolem queue --drain" or the running terminal delivers it`);
      return EXIT.pending;
    }
    if (err instanceof JournalOpenError) return fail(EXIT.badInput, err.message);
    if (err instanceof InputError) {
      const what = err.stage === 'before-send' ? 'not paid, nothing was sent' : 'not paid (only checked, no money moved)';
      return fail(EXIT.badInput, `${what}: ${err.message}`, err.problems);
    }
    if (err instanceof UsageError || err instanceof AmountError || err instanceof ConfigError) return fail(EXIT.badInput, err.message);
    if (err instanceof RefusedError) return fail(EXIT.notPaid, err.message);
    if (err instanceof TillError) return fail(err.code === 'bad-count' ? EXIT.badInput : EXIT.notPaid, err.message);
    if (err instanceof CashError) return fail(err.code === 'no-acceptor' ? EXIT.badInput : EXIT.notPaid, err.message);
    if (err instanceof CatalogUnavailableError || err instanceof JournalVersionError) return fail(EXIT.notPaid, err.message);
    if (err instanceof ClusterError) return fail(EXIT.badInput, err.message);
    if (isDiskFull(err)) {
      // Reached only before a payment's body was committed (AcceptedError covers every failure after it).
      return fail(EXIT.notPaid, 'the journal\'s disk is full: the payment was not accepted and nothing was sent for it; free disk space (payments already journaled are safe)');
    }
    return fail(EXIT.internal, `unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}
