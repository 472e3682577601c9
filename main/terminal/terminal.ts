/**
 * The terminal's composition root: configuration → journal, processing client (the built-in
 * sandbox when no processing URL is configured), catalog, engine, worker. The CLI, the browser
 * host and the Electron host each open one of these.
 */
import path from 'node:path';
import { ProcessingClient } from '../api/v20/client.js';
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
import { SANDBOX_TOKEN, startSandbox, type RunningSandbox } from '../sandbox/server.js';

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
  /** While offline, asks processing whether it is back every `intervalMs`. */
  startProbe(intervalMs?: number): void;
  close(): Promise<void>;
}

export async function openTerminal(config: TolemConfig, opts: { log?: Logger } = {}): Promise<Terminal> {
  const log = opts.log ?? createLogger({ level: 'warn', file: path.join(config.dataDir, 'logs', 'tolem.log') });
  setPatternWarning((pattern, reason) => log.warn('catalog regexp cannot be checked locally; processing checks it, offline acceptance refused', { pattern, reason }));
  const db = openJournalDatabase(config.journalFile);
  const journal = new Journal(db, config.terminalId);
  let sandbox: RunningSandbox | null = null;
  let baseUrl = config.processing.url;
  let token = config.processing.token;
  if (baseUrl === null) {
    sandbox = await startSandbox({ dataFile: path.join(config.dataDir, 'sandbox', 'sandbox.sqlite'), token: SANDBOX_TOKEN });
    baseUrl = sandbox.url;
    token = SANDBOX_TOKEN;
  }
  const client = new ProcessingClient({
    baseUrl,
    token: token ?? undefined,
    tokenHeader: sandbox ? 'Authorization' : config.processing.tokenHeader,
    timeoutMs: config.processing.requestTimeoutMs,
    maxSockets: Math.max(16, config.worker.concurrency * 2),
  });
  const connectivity = new ConnectivityMonitor();
  const catalog = new Catalog(journal, client);
  const virtualPrinter = config.receipts.printer === VIRTUAL_PRINTER ? await startVirtualPrinter({ saveDir: path.join(config.dataDir, 'receipts') }) : null;
  const receipts = new ReceiptPrinter(journal, catalog, config, log, virtualPrinter?.url ?? null);
  const engine = new PaymentEngine(journal, client, catalog, connectivity, {
    retry: config.retry,
    offline: config.offline,
    leaseMs: config.leaseMs,
    refuseNewPayments: config.mode === 'kiosk' ? () => receipts.refusal() : undefined,
  });
  const worker = new PaymentWorker(engine, journal, {
    concurrency: config.worker.concurrency,
    onError: (err) => log.error('worker', { error: err instanceof Error ? err.message : String(err) }),
  });
  let probe: NodeJS.Timeout | null = null;
  return {
    config, journal, client, catalog, connectivity, engine, worker, sandbox, receipts, virtualPrinter, log,
    startProbe(intervalMs = 10_000) {
      if (probe) return;
      probe = setInterval(() => {
        if (connectivity.current === 'online') return;
        void client.balance().then((o) => connectivity.report(o));
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
