/**
 * The terminal's composition root: configuration → journal, processing client (the built-in
 * sandbox when no processing URL is configured), catalog, engine, worker. The CLI, the browser
 * host and the Electron host each open one of these.
 */
import path from 'node:path';
import { ProcessingClient } from '../api/v20/client.js';
import type { AgentBalance } from '../api/v20/schemas.js';
import { Catalog } from '../catalog/catalog.js';
import { setPatternWarning } from '../catalog/validation.js';
import { VIRTUAL_PRINTER, type TolemConfig } from '../config/config.js';
import { ReceiptPrinter } from '../receipts/receipt-printer.js';
import { startVirtualPrinter, type VirtualPrinter } from '../receipts/virtual-printer.js';
import { ConnectivityMonitor } from '../engine/connectivity.js';
import { PaymentEngine } from '../engine/payment-engine.js';
import { PaymentWorker } from '../engine/worker.js';
import { openJournalDatabase } from '../journal/database.js';
import { Journal } from '../journal/journal.js';
import { createLogger, type Logger } from '../logging/log.js';
import { SANDBOX_TOKEN, startSandbox, type RunningSandbox, type SandboxOptions } from '../sandbox/server.js';
import { TerminalEvents } from './events.js';
import { CashBox } from '../cash/cash-box.js';
import { CashLedger } from '../cash/cash-ledger.js';
import { generatedServices, SANDBOX_SERVICES, type SandboxService } from '../sandbox/catalog.js';

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
  /** A kiosk's cash: notes journaled before they are stacked, linked to the payment they pay for. */
  cash: CashBox;
  /** Told to the screens: status changes and payments that changed state in the background. */
  events: TerminalEvents;
  /** The agent's balance as processing last told it (null until it has). */
  readonly agentBalance: AgentBalance | null;
  refreshBalance(): Promise<AgentBalance | null>;
  /** The host's way out of kiosk mode (Electron); null where there is none (the browser host). */
  exitKiosk: (() => void) | null;
  /** While offline, asks processing whether it is back every `intervalMs`. */
  startProbe(intervalMs?: number): void;
  close(): Promise<void>;
}

/** TOLEM_SANDBOX_SERVICES=5000: the built-in sandbox's catalog plus that many generated services (search demos, the UI benchmark). */
function sandboxServices(raw: string | undefined): SandboxService[] | undefined {
  if (!raw) return undefined;
  if (!/^\d{1,6}$/.test(raw)) throw new Error(`TOLEM_SANDBOX_SERVICES must be a number of services, got "${raw}"`);
  return [...SANDBOX_SERVICES, ...generatedServices(Number(raw))];
}

const BALANCE_EVERY_MS = 5 * 60_000;

export async function openTerminal(config: TolemConfig, opts: { log?: Logger; sandbox?: Pick<SandboxOptions, 'services'> } = {}): Promise<Terminal> {
  const log = opts.log ?? createLogger({ level: 'warn', file: path.join(config.dataDir, 'logs', 'tolem.log') });
  setPatternWarning((pattern, reason) => log.warn('catalog regexp cannot be checked locally; processing checks it, offline acceptance refused', { pattern, reason }));
  const db = openJournalDatabase(config.journalFile);
  const journal = new Journal(db, config.terminalId);
  const connectivity = new ConnectivityMonitor();
  let sandbox: RunningSandbox | null = null;
  let baseUrl = config.processing.url;
  let token = config.processing.token;
  if (baseUrl === null) {
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
  const catalog = new Catalog(journal, client);
  const virtualPrinter = config.receipts.printer === VIRTUAL_PRINTER ? await startVirtualPrinter({ saveDir: path.join(config.dataDir, 'receipts') }) : null;
  const receipts = new ReceiptPrinter(journal, catalog, config, log, virtualPrinter?.url ?? null);
  const engine = new PaymentEngine(journal, client, catalog, connectivity, {
    retry: config.retry,
    offline: config.offline,
    leaseMs: config.leaseMs,
    refuseNewPayments: config.mode === 'kiosk' ? async () => (await receipts.refusal())?.message ?? null : undefined,
  });
  const events = new TerminalEvents();
  const cash = new CashBox(new CashLedger(db), config.cashAcceptor);
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
  return {
    get agentBalance() {
      return agentBalance;
    },
    refreshBalance,
    exitKiosk: null,
    config, journal, client, catalog, connectivity, engine, worker, sandbox, receipts, virtualPrinter, log, events, cash,
    startProbe(intervalMs = 10_000) {
      if (probe) return;
      // While offline: is processing back? While online: the balance, every few minutes.
      probe = setInterval(() => {
        if (connectivity.current === 'online' && Date.now() - balanceAt < BALANCE_EVERY_MS) return;
        void refreshBalance();
      }, intervalMs);
      probe.unref();
    },
    async close() {
      if (probe) clearInterval(probe);
      await worker.stop();
      client.close();
      if (sandbox) await sandbox.close();
      if (virtualPrinter) await virtualPrinter.close();
      journal.close();
    },
  };
}
