/**
 * `tolem start` (and `npm start`): the Electron terminal when its binary is present, else the
 * browser host. Kept light on purpose: the page is listening and served before the domain (axios,
 * zod, the journal, the sandbox) has even been loaded, so Chromium starts the screens meanwhile and
 * their first calls wait for the terminal.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBrowserHost } from '../host/browser/server.js';
import { findChromium, findElectron, hasDisplay, openAppWindow } from '../host/launch.js';
import { electronPlan } from '../base/native-binding.js';
import { rendererDir } from '../host/static-files.js';
import type { Terminal } from '../app/terminal.js';
import { startFleet } from '../app/fleet-reporting.js';
import { EXIT, untilStopped, type Io } from './io.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function startCommand(args: string[], io: Io): Promise<number> {
  let values: { browser?: boolean; 'no-open'?: boolean; port?: string; sandbox?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { browser: { type: 'boolean' }, 'no-open': { type: 'boolean' }, port: { type: 'string' }, sandbox: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    io.err(`tolem: ${err instanceof Error ? err.message : String(err)}`);
    return EXIT.badInput;
  }
  const port = values.port ?? io.env.TOLEM_PORT ?? '0';
  if (!/^\d+$/.test(port) || Number(port) > 65535) {
    io.err(`tolem: --port takes a port number, got "${port}"`);
    return EXIT.badInput;
  }
  // --sandbox: the demo emulator, chosen explicitly (the Electron host reads the same variable).
  if (values.sandbox) io = { ...io, env: { ...io.env, TOLEM_SANDBOX: '1' } };
  // SIGTERM/SIGINT are heard from the first moment: a stop during start-up stops it too.
  const stopped = untilStopped();
  if (!values.browser) {
    const electron = findElectron(io.env);
    if (electron.binary !== null) {
      let resources: string | null = null;
      try {
        resources = (await import('../base/resources.js')).resourcesDir();
      } catch {
        resources = null;
      }
      const plan = electronPlan(electron.binary, resources, io.env);
      if (plan.ok) return runElectron(electron.binary, { ...io, env: { ...io.env, TOLEM_SQLITE_BINDING: plan.binding } }, stopped);
      io.out(`Electron cannot run the terminal (${plan.reason}): starting the browser host instead.`);
    } else io.out(`Electron is not available (${electron.reason}): starting the browser host instead.`);
  }
  try {
    return await browserTerminal(Number(port), !values['no-open'], io, stopped);
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'ConfigError' || name === 'JournalVersionError' || name === 'CatalogUnavailableError' || name === 'JournalOpenError' || name === 'DataDirBusyError') {
      io.err(`tolem: ${(err as Error).message}`);
      return EXIT.badInput;
    }
    throw err;
  }
}

async function browserTerminal(port: number, open: boolean, io: Io, stopped: Promise<void>): Promise<number> {
  let opened: (t: Terminal) => void = () => undefined;
  let failed: (err: unknown) => void = () => undefined;
  const opening = new Promise<Terminal>((resolve, reject) => {
    opened = resolve;
    failed = reject;
  });
  opening.catch(() => undefined); // reported below, where it is awaited
  const staticDir = rendererDir(here);
  const host = await startBrowserHost({
    handlers: opening.then(async (t) => (await import('../ipc/handlers.js')).createHandlers(t)),
    events: opening.then((t) => t.events),
    staticDir,
    port,
    onInternalError: (err) => void opening.then((t) => t.log.error('ipc', { error: err instanceof Error ? err.message : String(err) })),
  });
  let t: Terminal;
  let browser: ReturnType<typeof openAppWindow> | null = null;
  let running: { release(): void } | null = null;
  try {
    const [{ loadConfig }, { openTerminal }] = await Promise.all([import('../config/config.js'), import('../app/terminal.js')]);
    const config = loadConfig(io.env);
    // One running terminal per data directory: a second start is refused before it opens anything.
    running = (await import('../store/data-dir-lock.js')).holdRunning(config.dataDir);
    const chromium = open ? findChromium(io.env) : null;
    if (chromium && hasDisplay(io.env)) {
      // The start link goes to Chromium over a private pipe, never on its command line (see openAppWindow).
      browser = openAppWindow(chromium, host.url, path.join(config.dataDir, 'chromium-profile'), config.screens.kioskWindow);
      io.out(`Screens: ${host.origin}/ (opened in ${chromium}, app mode${config.screens.kioskWindow ? ', kiosk' : ''}; its single-use start link was handed to it privately)`);
      browser.opened.catch((err: unknown) => io.err(`tolem: the screens could not be opened in Chromium: ${err instanceof Error ? err.message : String(err)}`));
    } else {
      // For the person at this console only: the link works once, for the first page that opens it.
      io.out(`Screens: ${host.url}`);
      if (open) io.out(chromium ? 'No display to open a window on: open the Screens URL above in a browser on this machine.' : 'No Chromium found: open the Screens URL above in Chromium or Chrome on this machine.');
    }
    // Three unexpected stops in ten minutes: this run takes no new money (safe mode), and says so.
    const { noteStart } = await import('../app/crash-record.js');
    const starts = noteStart(config.dataDir);
    t = await openTerminal(config, { safeMode: starts.safeMode });
    if (starts.safeMode) {
      io.err(`tolem: SAFE MODE: the terminal stopped unexpectedly ${starts.crashes} times in ten minutes; it takes no new payments or payouts and delivers what it holds. See ${path.join(config.dataDir, 'logs')}; a clean start after ten minutes leaves safe mode.`);
      t.log.error('safe mode', { crashes: starts.crashes });
    }
    opened(t);
  } catch (err) {
    failed(err);
    browser?.kill();
    await host.close();
    running?.release();
    throw err;
  }
  let health: { url: string; close(): Promise<void> } | null = null;
  try {
    t.worker.start();
    t.startProbe();
    startFleet(t);
    t.startBackups();
    // The watchdog's endpoint, when configured; a port taken is said, and the terminal runs without it.
    if (t.config.health.port !== null) {
      const { startHealthEndpoint } = await import('../host/health-endpoint.js');
      health = await startHealthEndpoint(t, t.config.health.port).catch((err: unknown) => {
        io.err(`tolem: the health endpoint could not listen on 127.0.0.1:${t.config.health.port}: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      });
      if (health) io.out(`Health: ${health.url}`);
    }
    // Payouts whose outcome was not known when the terminal stopped: the bank's status decides, now.
    if (t.payouts) void t.payouts.reconcileDue().catch((err: unknown) => t.log.error('payouts reconcile', { error: err instanceof Error ? err.message : String(err) }));
    const catalog = t.catalog.get().catch(() => null);
    void t.refreshBalance();
    io.out(`Tolem terminal ${t.config.terminalId} (${t.config.mode}) is running on ${t.sandbox ? `the built-in sandbox at ${t.sandbox.url}` : t.config.processing.url}.`);
    if (!staticDir) io.out('  (the renderer is not built: run npm run build)');
    io.out(`Journal: ${t.config.journalFile}`);
    if (t.config.fleet.url) io.out(`Fleet: reporting to ${t.config.fleet.url} every ${t.config.fleet.intervalMs / 1000} s`);
    if (t.virtualPrinter) io.out(`Receipts: printed on the built-in virtual printer, saved in ${path.join(t.config.dataDir, 'receipts')} (PNG for raster receipts, text for text-mode ones)`);
    if (t.sandbox) io.out(`DEMO: the built-in sandbox serves this terminal (${t.config.sandboxBecause === 'chosen' ? 'chosen' : 'no config.json yet'}); no real payment is made, and every screen and receipt says so.`);
    const snap = await Promise.race([catalog, stopped.then(() => null)]);
    io.out(`Catalog: ${snap ? `${snap.services.length} services (${snap.source})` : 'not available yet'}; ${t.journal.pendingSummary().count} payment(s) waiting to be sent.`);
    io.out('Press Ctrl+C to stop.');
    await stopped;
    return EXIT.ok;
  } finally {
    browser?.kill();
    await health?.close();
    await host.close();
    await t.close();
    // Stopped as asked: the next start is not a crash.
    (await import('../app/crash-record.js')).noteCleanStop(t.config.dataDir);
    running?.release();
  }
}

/** The Electron terminal: the host opens its own terminal; this process waits for it to end. */
function runElectron(binary: string, io: Io, stopped: Promise<void>): Promise<number> {
  const entry = path.join(here, '..', 'host', 'electron', 'main.js');
  io.out(`Starting the Electron terminal (${binary}).`);
  return new Promise((resolve) => {
    const child = spawn(binary, [entry], { stdio: 'inherit', env: io.env });
    void stopped.then(() => child.kill('SIGTERM'));
    child.on('error', (err) => {
      io.err(`Electron could not start: ${err.message}`);
      resolve(EXIT.internal);
    });
    child.on('exit', (code) => resolve(code ?? EXIT.internal));
  });
}
