/**
 * `tolem`: the terminal's operations tool, and how support staff script it.
 * Exit codes: 0 done/paid, 1 not paid or refused, 2 bad input or configuration,
 * 3 accepted and still waiting to be sent, 4 needs a person (review), 5 unexpected error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { describeOutcome } from '../processing/client.js';
import { describeResult } from '../../shared/words/result-codes.js';
import { CatalogUnavailableError } from '../catalog/catalog.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { AcceptedError, dataRecord, InputError, RefusedError, type PaymentInput } from '../payments/payment-engine.js';
import { isDiskFull, JournalOpenError } from '../store/database.js';
import { JournalVersionError } from '../store/migrations.js';
import { JOURNAL_TOOLS, journalToolCommand } from './journal-tools.js';
import { panOnCommandLine, payoutCommand } from './payout-commands.js';
import type { Payment } from '../payments/payment-journal.js';
import { AmountError, formatDecimal, formatTenge, parseAmount } from '../../shared/money/amount.js';
import { EXIT, untilStopped, type Io } from './io.js';
import { startCommand } from './start.js';
import { startSandbox } from '../../dev/sandbox/server.js';
import type { PrintResult } from '../receipts/receipt-printer.js';
import { paperStatus } from '../receipts/transport.js';
import { startVirtualPrinter } from '../../dev/virtual-printer.js';
import { openTerminal, type Terminal } from '../app/terminal.js';
import { paymentJson, paymentLines, tableLine } from '../payments/payment-view.js';

export { EXIT, type Io } from './io.js';

const HELP = `tolem — Tolem payment terminal

  tolem start                       run the terminal (built-in sandbox when no processing URL)
  tolem catalog [--refresh] [--json]
  tolem check --service ID --account A [--field NAME=VALUE]... [--json]
  tolem pay --service ID --account A --amount 200.00 [--amount-from 210.00]
            [--field NAME=VALUE]... [--contract ID] [--item SUBSERVICE=AMOUNT[:LASTCOUNT]]...
            [--identity-card N --full-name NAME] [--wait SECONDS] [--json]
  tolem queue [--drain] [--wait SECONDS] [--json]
  tolem journal [--search TEXT] [--id AGENT_TRANSACTION_ID] [--limit N] [--json]
  tolem journal verify|backup|salvage [--json]
  tolem journal restore --from BACKUP_FILE
  tolem resolve --id AGENT_TRANSACTION_ID --as success|failed --reason TEXT [--transaction-id N]
  tolem balance [--json]
  tolem operator --phone NUMBER [--json]
  tolem receipt --id AGENT_TRANSACTION_ID [--printer NAME] [--lang ru|kk] [--png FILE [--paper 58|80]]
  tolem printer test|status [--printer NAME]
  tolem printer virtual [--port 9100] [--save DIR]
  tolem sandbox [--port N] [--host 127.0.0.1] [--data FILE] [--token TOKEN]
  tolem payout --amount 1500.00 --name "IVAN IVANOV" (--pan - | --page) [--phone N] [--wait S] [--json]
  tolem payout-status --order ORDER_NUMBER [--json]
  tolem payouts [reconcile|balance|echo] [--json]

Any command takes --sandbox: the built-in demo emulator instead of processing (as TOLEM_SANDBOX=1).
Exit codes: 0 done, 1 not paid/refused, 2 bad input, 3 still waiting to be sent, 4 needs a person, 5 error.
Configuration: see docs/configuration.md (TOLEM_DATA_DIR, TOLEM_PROCESSING_URL, TOLEM_TERMINAL_ID, ...).`;

class UsageError extends Error {
  override name = 'UsageError';
}

type Values = Record<string, unknown>;

function parse(args: string[], options: ParseArgsConfig['options']): { values: Values } {
  try {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, ...options }, strict: true, allowPositionals: false });
    return { values: values as Values };
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function parseFields(values: string[]): Record<string, string> {
  const out = dataRecord();
  for (const v of values) {
    const i = v.indexOf('=');
    if (i <= 0) throw new UsageError(`--field takes NAME=VALUE, got "${v}"`);
    out[v.slice(0, i)] = v.slice(i + 1);
  }
  return out;
}

function parseItems(values: string[]): PaymentInput['items'] {
  return values.map((v) => {
    const m = /^([^=]+)=([^:]+)(?::(.+))?$/.exec(v);
    if (!m) throw new UsageError(`--item takes SUBSERVICE=AMOUNT[:LASTCOUNT], got "${v}"`);
    return { subServiceId: m[1] ?? '', amount: parseAmount(m[2] ?? ''), lastCount: m[3] };
  });
}

function seconds(v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !/^\d+(\.\d+)?$/.test(v)) throw new UsageError(`--wait takes seconds, got "${String(v)}"`);
  return Number(v);
}

function exitFor(p: Payment): number {
  switch (p.state) {
    case 'success':
      return EXIT.ok;
    case 'pending':
      return EXIT.pending;
    case 'review':
      return EXIT.review;
    default:
      return EXIT.notPaid;
  }
}

export async function runCli(argv: string[], io0: Io): Promise<number> {
  // --sandbox anywhere: the demo emulator, chosen explicitly (never a silent default).
  const io: Io = argv.includes('--sandbox') ? { ...io0, env: { ...io0.env, TOLEM_SANDBOX: '1' } } : io0;
  const [command, ...rest] = argv.filter((a) => a !== '--sandbox');
  const json = rest.includes('--json');
  const fail = (code: number, message0: string, problems?: string[]) => {
    const message = message0.replace(/\s*\n\s*/g, ' ');
    if (json) io.out(JSON.stringify({ error: message, ...(problems ? { problems } : {}) }, null, 2));
    else io.err(`tolem: ${message}${problems && problems.length > 1 ? `\n${problems.map((p) => `  - ${p}`).join('\n')}` : ''}`);
    return code;
  };
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return EXIT.ok;
      case 'sandbox':
        return await sandboxCommand(rest, io);
      case 'start':
        return await startCommand(rest, io);
      case 'printer':
        if (rest[0] === 'virtual') return await virtualPrinterCommand(rest.slice(1), io);
        break;
      case 'journal':
        if (rest[0] && JOURNAL_TOOLS.has(rest[0])) return await journalToolCommand(rest[0], rest.slice(1), io, json);
        break;
      case 'payout':
      case 'payout-status':
      case 'payouts': {
        const onLine = command === 'payout' ? panOnCommandLine(rest) : null;
        if (onLine) {
          io.err(`tolem: ${onLine}`);
          return EXIT.badInput;
        }
        const terminal = await openTerminal(loadConfig(io.env));
        try {
          return await payoutCommand(terminal, command, rest, io);
        } finally {
          await terminal.close();
        }
      }
      case 'catalog':
      case 'check':
      case 'pay':
      case 'queue':
      case 'resolve':
      case 'balance':
      case 'operator':
      case 'receipt':
        break;
      default:
        throw new UsageError(`unknown command "${command}" (see tolem help)`);
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command "${command}"`);
    const { values } = parse(command === 'printer' ? rest.slice(1) : rest, COMMAND_OPTIONS[command]);
    if (command === 'printer') values.action = rest[0];
    const config = loadConfig(io.env);
    const terminal = await openTerminal(config);
    try {
      return await run(terminal, values, io, json);
    } finally {
      await terminal.close();
    }
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
    if (err instanceof CatalogUnavailableError || err instanceof JournalVersionError) return fail(EXIT.notPaid, err.message);
    if (isDiskFull(err)) {
      // Reached only before a payment's body was committed (AcceptedError covers every failure after it).
      return fail(EXIT.notPaid, 'the journal\'s disk is full: the payment was not accepted and nothing was sent for it; free disk space (payments already journaled are safe)');
    }
    return fail(EXIT.internal, `unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

type Command = (t: Terminal, v: Values, io: Io, json: boolean) => Promise<number>;

const COMMAND_OPTIONS: Record<string, ParseArgsConfig['options']> = {
  catalog: { refresh: { type: 'boolean' } },
  check: { service: { type: 'string' }, account: { type: 'string' }, field: { type: 'string', multiple: true } },
  pay: {
    service: { type: 'string' }, account: { type: 'string' }, amount: { type: 'string' }, 'amount-from': { type: 'string' },
    field: { type: 'string', multiple: true }, contract: { type: 'string' }, item: { type: 'string', multiple: true },
    'identity-card': { type: 'string' }, 'full-name': { type: 'string' }, wait: { type: 'string' },
  },
  queue: { drain: { type: 'boolean' }, wait: { type: 'string' } },
  journal: { search: { type: 'string' }, id: { type: 'string' }, limit: { type: 'string' } },
  resolve: { id: { type: 'string' }, as: { type: 'string' }, reason: { type: 'string' }, 'transaction-id': { type: 'string' } },
  balance: {},
  operator: { phone: { type: 'string' } },
  receipt: { id: { type: 'string' }, printer: { type: 'string' }, lang: { type: 'string' }, png: { type: 'string' }, paper: { type: 'string' } },
  printer: { printer: { type: 'string' } },
};

function paymentInput(v: Values): PaymentInput {
  const serviceId = str(v.service);
  const account = str(v.account);
  if (!serviceId) throw new UsageError('--service is required');
  if (account === undefined) throw new UsageError('--account is required');
  const amount = str(v.amount);
  const amountFrom = str(v['amount-from']);
  return {
    serviceId,
    account,
    fields: parseFields(list(v.field)),
    amountTo: amount === undefined ? undefined : parseAmount(amount),
    amountFrom: amountFrom === undefined ? undefined : parseAmount(amountFrom),
    contractId: str(v.contract),
    items: list(v.item).length ? parseItems(list(v.item)) : undefined,
    identityCard: str(v['identity-card']),
    fullName: str(v['full-name']),
  };
}

const COMMANDS: Record<string, Command> = {
  async catalog(t, v, io, json) {
    const snap = v.refresh ? await t.catalog.refresh() : await t.catalog.get();
    if (json) {
      io.out(JSON.stringify({ source: snap.source, fetchedAt: new Date(snap.fetchedAt).toISOString(), staleBecause: snap.staleBecause ?? null, services: snap.services, rejected: snap.rejected }, null, 2));
      return EXIT.ok;
    }
    if (snap.staleBecause) io.err(`tolem: processing is unavailable (${snap.staleBecause}); showing the catalog cached at ${new Date(snap.fetchedAt).toLocaleString()}`);
    const byGroup = new Map<string, typeof snap.services>();
    for (const s of snap.services) byGroup.set(s.group || '—', [...(byGroup.get(s.group || '—') ?? []), s]);
    for (const [group, services] of byGroup) {
      io.out(group);
      for (const s of services) io.out(`  ${s.serviceId.padEnd(8)} ${s.name}  [${['simple', 'invoice', 'contracts'][s.type]}]  ${s.inputs.map((i) => `${i.name}: ${i.title}`).join('; ')}`);
    }
    for (const r of snap.rejected) io.err(`tolem: catalog entry ${r.serviceId ?? `#${r.index}`} is unusable: ${r.problem}`);
    return EXIT.ok;
  },

  async check(t, v, io, json) {
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
  },

  async pay(t, v, io, json) {
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
  },

  async queue(t, v, io, json) {
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
  },

  async journal(t, v, io, json) {
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
  },

  async resolve(t, v, io, json) {
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
  },

  async balance(t, _v, io, json) {
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
  },

  async operator(t, v, io, json) {
    const phone = str(v.phone);
    if (!phone) throw new UsageError('--phone is required');
    const o = await t.client.operatorByPhone(phone);
    const serviceId = o.kind === 'answer' && o.result === 0 ? (o.value.serviceId ?? null) : null;
    if (json) io.out(JSON.stringify({ phone, serviceId, ...(serviceId ? {} : { error: describeOutcome(o) }) }));
    else io.out(serviceId ? `${phone}: ${serviceId}` : `${phone}: operator not found (${describeOutcome(o)})`);
    return serviceId ? EXIT.ok : EXIT.notPaid;
  },

  async receipt(t, v, io, json) {
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
  },

  async printer(t, v, io, json) {
    const action = str(v.action);
    const profile = t.receipts.profile(str(v.printer));
    if (!profile) throw new UsageError(str(v.printer) ? `no printer named "${str(v.printer)}"` : 'no receipt printer is configured (see docs/operating.md, "Receipts and printers")');
    if (action === 'status') {
      const status = await paperStatus(profile.interface, t.config.receipts.timeoutMs);
      io.out(json ? JSON.stringify({ printer: profile.name, interface: profile.interface, paper: status }) : `${profile.name} (${profile.interface}): paper ${status}`);
      return status === 'out' || status === 'unreachable' ? EXIT.notPaid : EXIT.ok;
    }
    if (action !== 'test') throw new UsageError('tolem printer test|status|virtual');
    const r = await t.receipts.printTestPage(profile.name);
    if (r.ok) {
      io.out(json ? JSON.stringify({ printer: profile.name, ok: true }) : `test page sent to ${profile.name}${t.virtualPrinter && profile.interface === t.virtualPrinter.url ? `: ${t.virtualPrinter.lastSaved.join(', ')}` : ''}`);
      return EXIT.ok;
    }
    io.out(json ? JSON.stringify({ printer: profile.name, ok: false, error: r.error }) : `test page NOT printed: ${r.error}`);
    return EXIT.notPaid;
  },

};

async function sandboxCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, token: { type: 'string' } });
  const port = str(values.port) ?? '0';
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new UsageError(`--port takes a port number, got "${port}"`);
  const sandbox = await startSandbox({ port: Number(port), host: str(values.host) ?? '127.0.0.1', dataFile: str(values.data) ?? null, token: str(values.token) ?? null });
  io.out(`Tolem sandbox listening on ${sandbox.url}`);
  io.out(`  processing:  ${sandbox.url}/api/v20/   (TOLEM_PROCESSING_URL=${sandbox.url}${str(values.token) ? ` TOLEM_PROCESSING_TOKEN=${str(values.token)}` : ''})`);
  io.out(`  payouts:     ${sandbox.url}/payouts/api/v2/`);
  io.out(`  state:       ${sandbox.url}/sandbox/state`);
  await untilStopped();
  await sandbox.close();
  return EXIT.ok;
}

function receiptJson(r: PrintResult | null, t: Terminal): { printed: boolean; printer: string | null; error: string | null; files: string[] } | null {
  if (!r) return null;
  const files = r.ok && t.virtualPrinter && r.printer === 'virtual' ? t.virtualPrinter.lastSaved : [];
  return { printed: r.ok, printer: r.printer, error: r.ok ? null : r.error, files };
}

function receiptLine(r: PrintResult, t: Terminal, id: string): string {
  if (!r.ok) return `  receipt NOT printed: ${r.error} (reprint: tolem receipt --id ${id})`;
  const files = receiptJson(r, t)?.files ?? [];
  return `  receipt printed on ${r.printer}${files.length ? `: ${files.join(', ')}` : ''}`;
}

async function virtualPrinterCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { port: { type: 'string' }, host: { type: 'string' }, save: { type: 'string' } });
  const port = str(values.port) ?? '9100';
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new UsageError(`--port takes a port number, got "${port}"`);
  const save = path.resolve(str(values.save) ?? 'receipts');
  const printer = await startVirtualPrinter({ port: Number(port), host: str(values.host) ?? '127.0.0.1', saveDir: save, onReceipt: (r) => io.out(`receipt: ${r.lines.length} lines${r.image ? `, image ${r.image.width}x${r.image.height}` : ''}, QR ${r.qr.join(' ') || '—'}`) });
  io.out(`Tolem virtual printer listening on ${printer.url}; receipts are saved in ${save}`);
  await untilStopped();
  await printer.close();
  return EXIT.ok;
}

