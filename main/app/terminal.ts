/**
 * The terminal's composition root: configuration → journal, processing client (the built-in
 * sandbox when no processing URL is configured), catalog, engine, worker. The CLI, the browser
 * host and the Electron host each open one of these.
 */
import path from 'node:path';
import { ProcessingClient } from '../processing/client.js';
import type { AgentBalance } from '../processing/schemas.js';
import { CatalogCache } from '../catalog/catalog-cache.js';
import { Catalog } from '../catalog/catalog.js';
import { setPatternWarning } from '../../shared/rules/input-validation.js';
import { VIRTUAL_PRINTER, type TolemConfig } from '../config/config.js';
import { ReceiptPrinter } from '../receipts/receipt-printer.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../dev/virtual-printer.js';
import { ConnectivityMonitor } from '../processing/connectivity.js';
import { PaymentEngine } from '../payments/payment-engine.js';
import { PaymentWorker } from '../payments/worker.js';
import type Database from 'better-sqlite3';
import { JournalOpenError, openJournalDatabase } from '../store/database.js';
import { holdDataDir } from '../store/data-dir-lock.js';
import { backupJournal, type BackupInfo } from '../store/backups.js';
import { HIGH_WATER_FILE, IdHighWater } from '../base/high-water.js';
import { Journal } from '../payments/payment-journal.js';
import { openLogFile, type Logger } from '../base/log.js';
import { SANDBOX_PAYOUTS_PASSWORD, SANDBOX_PAYOUTS_USER, SANDBOX_TOKEN, startSandbox, type RunningSandbox, type SandboxOptions } from '../../dev/sandbox/server.js';
import { PayoutsClient } from '../payouts/client.js';
import { PayoutEngine } from '../payouts/payout-engine.js';
import { FINAL_PAYOUT_STATES, PayoutJournal } from '../payouts/payout-journal.js';
import { TerminalEvents } from './events.js';
import { CashBox } from '../cash/cash-box.js';
import { CashLedger } from '../cash/cash-ledger.js';
import { NoteAcceptor } from '../cash/note-acceptor.js';
import { billValidator } from '../cash/devices/open-validator.js';
import type { ValidatorOptions } from '../cash/devices/bill-validator.js';
import { cashEventView } from '../cash/cash-view.js';
import { Till, TillError } from '../till/till.js';
import { TillLedger } from '../till/till-ledger.js';
import type { EncashmentReport, ShiftReport } from '../till/reports.js';
import { tillReportName, tillReportReceipt } from '../receipts/report-receipt.js';
import type { LimitRules } from '../../shared/money/limits.js';
import { generatedServices, SANDBOX_SERVICES, type SandboxService } from '../../dev/sandbox/catalog.js';
import { FleetJournal } from '../fleet-link/fleet-journal.js';
import type { FleetLink } from '../fleet-link/fleet-link.js';

export interface Terminal {
  config: TolemConfig;
  journal: Journal;
  client: ProcessingClient;
  catalog: Catalog;
  connectivity: ConnectivityMonitor;
  engine: PaymentEngine;
  worker: PaymentWorker;
  sandbox: RunningSandbox | null;
  receipts: ReceiptPrinter;
  /** The built-in virtual printer of the demo (receipts saved under <data>/receipts), if running. */
  virtualPrinter: VirtualPrinter | null;
  log: Logger;
  /** Takes no new money (crashed three times in ten minutes): the screens say so. */
  safeMode: boolean;
  /** A kiosk's cash: notes journaled before they are stacked, linked to the payment they pay for. */
  cash: CashBox;
  /** A bill validator on a serial port (CCNET, ID003) and the rule that keeps its money; null for simulated or none. */
  acceptor: NoteAcceptor | null;
  /** Shifts (a payment point) and encashments (a kiosk), with their reports. */
  till: Till;
  /** Prints a report (X, Z, encashment) on the receipt printer; logged when it does not print. */
  printReport(report: ShiftReport | EncashmentReport, lang?: 'ru' | 'kk'): Promise<{ ok: boolean; error: string | null }>;
  /** Told to the screens: status changes and payments that changed state in the background. */
  events: TerminalEvents;
  /** Card payouts through the bank's payouts module; null when none is configured. */
  payouts: PayoutEngine | null;
  /** The fleet's outbox and commands in the journal (whether or not a fleet server is configured). */
  fleet: FleetJournal;
  /** The link to the fleet server, once started (main/app/fleet-reporting.ts) and when one is configured; stopped by close(). */
  fleetLink: FleetLink | null;
  /** Locked from the fleet: takes no new money until unlocked (kept in the journal). */
  readonly fleetLocked: boolean;
  /** The screen the screens show and since when (told by the renderer): the fleet's "stuck" alert. */
  readonly screen: { name: string; since: number } | null;
  showScreen(name: string): void;
  /** A PNG of the screens, where the host can take one (Electron); the fleet's screenshot command. */
  screenshot: (() => Promise<Buffer>) | null;
  /** The agent's balance as processing last told it (null until it has). */
  readonly agentBalance: AgentBalance | null;
  /** When processing last told it (epoch ms), null until it has. */
  readonly agentBalanceAt: number | null;
  refreshBalance(): Promise<AgentBalance | null>;
  /** The host's way out of kiosk mode (Electron); null where there is none (the browser host). */
  exitKiosk: (() => void) | null;
  /** While offline, asks processing whether it is back every `intervalMs`. */
  startProbe(intervalMs?: number): void;
  /** Online backups of the journal on the configured schedule (the first two minutes after start). */
  startBackups(): void;
  /** One online backup now, into the configured place. */
  backupNow(): Promise<BackupInfo>;
  close(): Promise<void>;
}

function limitsUnset(l: LimitRules): boolean {
  return l.default.min === null && l.default.max === null && !Object.keys(l.groups).length && !Object.keys(l.services).length;
}

function sandboxLimits(services: readonly SandboxService[]): LimitRules {
  return { default: { min: null, max: null }, groups: {}, services: Object.fromEntries(services.map((s) => [s.serviceId, { min: s.minAmount, max: s.maxAmount }])) };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** TOLEM_SANDBOX_SERVICES=5000: the built-in sandbox's catalog plus that many generated services (search demos, the UI benchmark). */
function sandboxServices(raw: string | undefined): SandboxService[] | undefined {
  if (!raw) return undefined;
  if (!/^\d{1,6}$/.test(raw)) throw new Error(`TOLEM_SANDBOX_SERVICES must be a number of services, got "${raw}"`);
  return [...SANDBOX_SERVICES, ...generatedServices(Number(raw))];
}

const BALANCE_EVERY_MS = 5 * 60_000;

export async function openTerminal(
  config: TolemConfig,
  opts: {
    log?: Logger;
    sandbox?: Pick<SandboxOptions, 'services'>;
    /** Opens the bill validator's port and polls it (the running terminal, `pay --cash`, `device`); other commands leave it to the terminal that runs. */
    acceptor?: boolean;
    /** Safe mode (crashed three times in ten minutes, main/app/crash-record.ts): no new money; what is held is still delivered. */
    safeMode?: boolean;
    acceptorOptions?: ValidatorOptions;
  } = {},
): Promise<Terminal> {
  // The data directory's log (JSON, rolled, capped): what support reads when something went wrong in the field.
  const log = opts.log ?? (await openLogFile({ dir: path.join(config.dataDir, 'logs'), stderrLevel: 'warn' }));
  setPatternWarning((pattern, reason) => log.warn('catalog regexp cannot be checked locally; processing checks it, offline acceptance refused', { pattern, reason }));
  // Held for as long as this terminal runs: restore and salvage refuse meanwhile.
  const hold = holdDataDir(config.dataDir);
  let db: Database.Database;
  try {
    db = openJournalDatabase(config.journalFile, { check: true, marker: true });
  } catch (err) {
    hold.release();
    throw err;
  }
  let journal: Journal;
  try {
    refuseSandboxOnRealJournal(db, config);
    const ids = new IdHighWater(config.terminalId, [path.join(config.dataDir, HIGH_WATER_FILE), path.join(config.backup.dir, HIGH_WATER_FILE)]);
    journal = new Journal(db, config.terminalId, ids);
  } catch (err) {
    db.close();
    hold.release();
    throw err;
  }
  // Every state a payment enters, with its ids, once committed.
  journal.watch((e) => log.info('payment', { agentTransactionId: e.agentTransactionId, serviceId: e.serviceId, state: e.state, amountFrom: e.amountFrom, reason: e.reason }));
  const connectivity = new ConnectivityMonitor();
  let sandbox: RunningSandbox | null = null;
  let baseUrl = config.processing.url;
  let token = config.processing.token;
  if (config.sandbox || baseUrl === null) {
    sandbox = await startSandbox({ services: sandboxServices(process.env.TOLEM_SANDBOX_SERVICES), ...opts.sandbox, dataFile: path.join(config.dataDir, 'sandbox', 'sandbox.sqlite'), token: SANDBOX_TOKEN });
    baseUrl = sandbox.url;
    token = SANDBOX_TOKEN;
  }
  const client = new ProcessingClient({
    baseUrl,
    token: token ?? undefined,
    tokenHeader: sandbox ? 'Authorization' : config.processing.tokenHeader,
    timeoutMs: config.processing.requestTimeoutMs,
    maxSockets: Math.max(16, config.worker.concurrency * 2),
    onOutcome: (o) => connectivity.report(o),
  });
  const catalog = new Catalog(new CatalogCache(db), client);
  const fleet = new FleetJournal(db);
  const virtualPrinter = config.receipts.printer === VIRTUAL_PRINTER ? await startVirtualPrinter({ saveDir: path.join(config.dataDir, 'receipts') }) : null;
  const receipts = new ReceiptPrinter(journal, catalog, config, log, virtualPrinter?.url ?? null);
  const cashLedger = new CashLedger(db);
  const cash = new CashBox(cashLedger, config.cashAcceptor, Date.now, config.screens.idleTimeoutMs + 5 * 60_000);
  const engine = new PaymentEngine(journal, client, catalog, connectivity, {
    retry: config.retry,
    offline: config.offline,
    leaseMs: config.leaseMs,
    refuseNewPayments: async () => (opts.safeMode ? SAFE_MODE_REFUSAL : fleet.locked ? FLEET_LOCKED_REFUSAL : config.mode === 'kiosk' ? await receipts.refusal() : null),
    commission: config.commission,
    timeZone: config.timeZone,
    cash,
    requireCash: config.mode === 'kiosk',
    // The demo's agent knows its emulator's limits, as a real agent configures processing's.
    limits: sandbox && limitsUnset(config.limits) ? sandboxLimits(opts.sandbox?.services ?? SANDBOX_SERVICES) : config.limits,
  });
  const events = new TerminalEvents();
  const till = new Till(new TillLedger(db), { terminalId: config.terminalId, mode: config.mode, defaultCashier: config.shifts.cashier, timeZone: config.timeZone, autoZAt: config.shifts.autoZAt });
  // Every payment of a payment point belongs to a shift: one is open from the first start.
  till.ensureShift();
  const printReport = async (report: ShiftReport | EncashmentReport, lang?: 'ru' | 'kk') => {
    const r = await receipts.printReport(tillReportName(report), (ctx) => tillReportReceipt(report, ctx), lang);
    return { ok: r.ok, error: r.ok ? null : r.error };
  };
  const acceptor = (config.cashAcceptor === 'ccnet' || config.cashAcceptor === 'id003') && config.cashPort ? new NoteAcceptor(cash, cashLedger, config.cashAcceptor, config.cashNotes, log) : null;
  const validator = acceptor && opts.acceptor ? billValidator(config.cashAcceptor as 'ccnet' | 'id003', config.cashPort!, acceptor, opts.acceptorOptions) : null;
  if (acceptor && validator) {
    acceptor.attach(validator);
    // The screens hear of notes and faults as they happen; the status bar of the device's state.
    acceptor.on((e) => {
      // The device's states and every note, with the cash session they belong to.
      if (e.kind === 'device') log.info('cash device', { phase: e.state.phase, fault: e.state.fault ?? null, accepting: e.state.accepting });
      else log.info('cash', cashEventView(e) as unknown as Record<string, unknown>);
      if (e.kind === 'device') {
        events.emit({ type: 'status' });
        // The cassette taken out is an encashment begun: its period ends now, and its report prints.
        if (e.state.fault === 'cassette-removed') {
          try {
            void printReport(till.encash('cassette-removed'));
          } catch (err) {
            if (!(err instanceof TillError)) log.error('encashment', { error: err instanceof Error ? err.message : String(err) });
          }
        }
      } else events.emit({ type: 'cash', event: cashEventView(e) });
    });
    validator.start();
  }
  // A password only the Electron host can decrypt leaves the other hosts without payouts (said in the log).
  const payoutsLocked = config.payouts.url !== null && !config.payouts.password;
  if (payoutsLocked) log.warn('payouts: the password is encrypted for the Electron host (safeStorage); this host cannot use it');
  if (!config.processing.token && config.processing.tokenEncrypted) log.warn('processing: the token is encrypted for the Electron host (safeStorage); this host sends none (set TOLEM_PROCESSING_TOKEN)');
  const payoutsUrl = payoutsLocked ? null : (config.payouts.url ?? sandbox?.url ?? null);
  const payoutsClient = payoutsUrl
    ? new PayoutsClient({
        baseUrl: payoutsUrl,
        userName: config.payouts.url ? (config.payouts.userName ?? '') : SANDBOX_PAYOUTS_USER,
        password: config.payouts.url ? (config.payouts.password ?? '') : SANDBOX_PAYOUTS_PASSWORD,
        timeoutMs: config.payouts.timeoutMs,
      })
    : null;
  const payouts = payoutsClient
    ? new PayoutEngine(watchedPayouts(new PayoutJournal(db), log), payoutsClient, {
        refuseNew: () => (opts.safeMode ? SAFE_MODE_REFUSAL : fleet.locked ? FLEET_LOCKED_REFUSAL : null),
        commission: config.payouts.commission,
        direct: config.payouts.direct,
        returnUrl: config.payouts.returnUrl ?? (sandbox && !config.payouts.url ? `${sandbox.url}/payouts/sandbox/done` : null),
        failUrl: config.payouts.failUrl,
        sessionTimeoutSecs: config.payouts.sessionTimeoutSecs,
        retry: config.retry,
        balanceWarning: config.payouts.balanceWarning,
        notFoundGraceMs: config.payouts.notFoundGraceMs,
        cash,
        requireCash: config.mode === 'kiosk',
        bankOrigin: new URL(payoutsUrl!).origin,
        // Plain http only for the built-in sandbox or a module on this machine (a test bench).
        sandbox: !config.payouts.url || isLoopback(new URL(payoutsUrl!).hostname),
      })
    : null;
  connectivity.watch(() => events.emit({ type: 'status' }));
  const worker = new PaymentWorker(engine, journal, {
    concurrency: config.worker.concurrency,
    onDelivered: (p) => {
      events.emit({ type: 'payment', agentTransactionId: p.agentTransactionId, state: p.state });
      events.emit({ type: 'status' });
    },
    onError: (err) => log.error('worker', { error: err instanceof Error ? err.message : String(err) }),
  });
  let probe: NodeJS.Timeout | null = null;
  let backups: NodeJS.Timeout | null = null;
  let firstBackup: NodeJS.Timeout | null = null;
  let backingUp: Promise<BackupInfo> | null = null;
  const backupNow = () =>
    (backingUp ??= backupJournal(db, config.backup.dir, config.backup.keep).finally(() => {
      backingUp = null;
    }));
  let fleetLink: FleetLink | null = null;
  let screen: { name: string; since: number } | null = null;
  let agentBalance: AgentBalance | null = null;
  let balanceAt = 0;
  const refreshBalance = async () => {
    const o = await client.balance();
    connectivity.report(o);
    if (o.kind === 'answer' && o.result === 0) {
      agentBalance = o.value;
      balanceAt = Date.now();
      events.emit({ type: 'status' });
    }
    return agentBalance;
  };
  const terminal: Terminal = {
    safeMode: opts.safeMode === true,
    fleet,
    get fleetLink() {
      return fleetLink;
    },
    set fleetLink(link: FleetLink | null) {
      fleetLink = link;
    },
    get fleetLocked() {
      return fleet.locked;
    },
    get screen() {
      return screen;
    },
    showScreen(name: string) {
      if (screen?.name !== name) screen = { name: name.slice(0, 64), since: Date.now() };
    },
    screenshot: null,
    get agentBalance() {
      return agentBalance;
    },
    get agentBalanceAt() {
      return agentBalance ? balanceAt : null;
    },
    refreshBalance,
    exitKiosk: null,
    config, journal, client, catalog, connectivity, engine, worker, sandbox, receipts, virtualPrinter, log, events, cash, acceptor, till, printReport, payouts,
    startProbe(intervalMs = 10_000) {
      if (probe) return;
      // While offline: is processing back? While online: the balance, every few minutes.
      probe = setInterval(() => {
        // Payouts whose outcome is not known yet: the bank's status decides, on their own schedule.
        if (payouts) {
          void payouts
            .reconcileDue()
            .then((checked) => {
              // A payout the bank settled meanwhile gets its receipt (once, whoever noticed first).
              for (const p of checked) if (FINAL_PAYOUT_STATES.has(p.state)) void receipts.printPayoutOnce(p);
            })
            .catch((err: unknown) => log.error('payouts reconcile', { error: err instanceof Error ? err.message : String(err) }));
        }
        // The automatic Z at the agent's set time: the shift closes with its report, the next one opens.
        if (till.autoZDue()) {
          try {
            void printReport(till.z(null, 'auto'));
            events.emit({ type: 'status' });
          } catch (err) {
            log.error('automatic Z', { error: err instanceof Error ? err.message : String(err) });
          }
        }
        if (connectivity.current === 'online' && Date.now() - balanceAt < BALANCE_EVERY_MS) return;
        void refreshBalance();
      }, intervalMs);
      probe.unref();
    },
    backupNow,
    startBackups() {
      if (backups) return;
      const run = () =>
        void backupNow().catch((err: unknown) => {
          log.error('journal backup failed', { dir: config.backup.dir, error: err instanceof Error ? err.message : String(err) });
          events.emit({ type: 'status' });
        });
      // The first one a little after start (not while the screens come up), then on the schedule.
      const first = setTimeout(run, Math.min(120_000, config.backup.everyMinutes * 60_000));
      first.unref();
      backups = setInterval(run, config.backup.everyMinutes * 60_000);
      backups.unref();
      firstBackup = first;
    },
    async close() {
      await fleetLink?.stop();
      if (probe) clearInterval(probe);
      if (backups) clearInterval(backups);
      if (firstBackup) clearTimeout(firstBackup);
      await backingUp?.catch(() => undefined);
      await validator?.stop();
      await worker.stop();
      client.close();
      payoutsClient?.close();
      if (sandbox) await sandbox.close();
      if (virtualPrinter) await virtualPrinter.close();
      journal.close();
      hold.release();
    },
  };
  return terminal;
}

/**
 * A journal that has paid through a real processing center is never driven by the built-in sandbox by
 * default (a lost configuration must not take cash against an emulator); choosing the sandbox
 * explicitly still works (a test bench).
 */
function refuseSandboxOnRealJournal(db: Database.Database, config: TolemConfig): void {
  const kind = config.sandbox ? 'sandbox' : 'processing';
  const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'processing'").get();
  if (row?.value === 'processing' && config.sandboxBecause === 'unconfigured') {
    throw new JournalOpenError(
      `the journal ${config.journalFile} holds payments made through a real processing center, but no processing URL is configured: set TOLEM_PROCESSING_URL or "processing.url" in ${path.join(config.dataDir, 'config.json')} (the demo sandbox runs on this journal only when chosen with --sandbox)`,
      'cannot-open',
    );
  }
  if (row?.value !== kind && kind === 'processing') db.prepare("INSERT INTO meta (key, value) VALUES ('processing', 'processing') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
  else if (!row) db.prepare("INSERT INTO meta (key, value) VALUES ('processing', ?)").run(kind);
}

/** What safe mode says of a payment or payout it refuses. */
const SAFE_MODE_REFUSAL = { code: 'safe-mode', message: 'the terminal is in safe mode (it stopped unexpectedly three times in ten minutes): it takes no new money until it starts cleanly; see the log' };

/** What a terminal locked from the fleet says of a payment or payout it refuses. */
const FLEET_LOCKED_REFUSAL = { code: 'fleet-locked', message: 'the terminal is closed to new money from the fleet (its operator locked it): it takes none until unlocked' };

/** A payout journal whose every created payout and state change is logged: its order, state and amounts; the card only masked. */
function watchedPayouts(journal: PayoutJournal, log: Logger): PayoutJournal {
  journal.watch((p) => log.info('payout', { orderNumber: p.orderNumber, state: p.state, amount: p.amount, amountFrom: p.amountFrom, maskedPan: p.maskedPan, errorCode: p.errorCode ?? null }));
  return journal;
}
