/**
 * End-to-end: the real renderer (out/renderer, built by `npm run build`) in Debian's Chromium,
 * against the browser host of a terminal with its own data directory and its own sandbox (which
 * can go down and come back on the same port). Screenshots go to test-artifacts/screenshots.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { loadConfig } from '../../main/config/config.js';
import { startBrowserHost, type BrowserHost } from '../../main/host/browser/server.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { createLogger } from '../../main/base/log.js';
import { SANDBOX_SERVICES, type SandboxService } from '../../dev/sandbox/catalog.js';
import { SANDBOX_PAYOUTS_PASSWORD, SANDBOX_PAYOUTS_USER, startSandbox, type RunningSandbox } from '../../dev/sandbox/server.js';
import { openTerminal, type Terminal } from '../../main/app/terminal.js';
import { launchDebianChromium } from '../helpers/chromium.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '..', '..', 'out', 'renderer');
export const SHOTS_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');
export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error(`the renderer is not built in ${RENDERER_DIR}: run npm run build`);
  return launchDebianChromium();
}

export interface E2E {
  page: Page;
  terminal: Terminal;
  sandbox: RunningSandbox;
  host: BrowserHost;
  dir: string;
  /** Every request processing received, in order (across restarts). */
  requests: { method: string; body: string }[];
  stopProcessing(): Promise<void>;
  startProcessing(): Promise<void>;
  shot(name: string): Promise<void>;
  /** Errors this test expects the page to report (a refused call it provokes): not counted against it. */
  allowErrors(pattern: RegExp): void;
  close(): Promise<void>;
}

/**
 * One Chromium, one browser context and one page for all the e2e files a test worker runs: a new
 * context costs Chromium about 1.4 s of CPU where loading the next terminal's screens in the same page
 * costs 0.5 s (measured 2026-12-03), and the suite is CPU-bound. Each test still gets a terminal of its
 * own on its own port, so an origin of its own: its own localStorage, and its own session cookie
 * (set by that terminal's start link; the last test's is cleared). Chromium ends with the worker.
 */
let shared: Promise<BrowserContext> | null = null;
let sharedPage: Page | null = null;

export async function workerPage(): Promise<Page> {
  shared ??= launchChromium().then((browser) => browser.newContext({ locale: 'ru-RU' }));
  const context = await shared;
  if (!sharedPage || sharedPage.isClosed()) {
    sharedPage = await context.newPage();
    sharedPage.setDefaultTimeout(15_000);
  }
  return sharedPage;
}

export async function startE2E(opts: { mode?: 'cashier' | 'kiosk'; services?: SandboxService[]; env?: NodeJS.ProcessEnv; lang?: 'ru' | 'kk' | 'en'; viewport?: { width: number; height: number }; payouts?: boolean; config?: Record<string, unknown>; safeMode?: boolean } = {}): Promise<E2E> {
  const dir = tempDir('tolem-e2e-');
  const requests: { method: string; body: string }[] = [];
  const services = opts.services ?? SANDBOX_SERVICES;
  const sandboxFile = path.join(dir, 'sandbox.sqlite');
  let sandbox = await startSandbox({ dataFile: sandboxFile, services, onRequest: (method, body) => requests.push({ method, body }) });
  const port = sandbox.port;
  const payoutsEnv = opts.payouts ? { TOLEM_PAYOUTS_URL: sandbox.url, TOLEM_PAYOUTS_USER: SANDBOX_PAYOUTS_USER, TOLEM_PAYOUTS_PASSWORD: SANDBOX_PAYOUTS_PASSWORD } : {};
  const env = harnessEnv(dir, sandbox.url, { TOLEM_TERMINAL_MODE: opts.mode ?? 'cashier', TOLEM_REQUEST_TIMEOUT_MS: '1500', TOLEM_CASH_ACCEPTOR: 'simulated', ...payoutsEnv, ...opts.env });
  // The sandbox demo's commission and virtual printer, as `npm start` has them.
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ commission: { percent: '1', minimum: '20.00' }, receipts: { printer: 'virtual' }, payouts: { returnUrl: `${sandbox.url}/payouts/sandbox/done` }, ...opts.config }));
  // A bill validator in the configuration (TOLEM_CASH_ACCEPTOR) is driven, polled often so the tests are quick.
  const terminal = await openTerminal(loadConfig(env), { log: createLogger({ level: 'error', stderr: false }), acceptor: true, acceptorOptions: { pollMs: 25, answerMs: 1500, tries: 2 }, safeMode: opts.safeMode === true });
  terminal.worker.start();
  terminal.startProbe(250);
  const host = await startBrowserHost({ handlers: createHandlers(terminal), events: terminal.events, staticDir: RENDERER_DIR });
  const page = await workerPage();
  await page.setViewportSize(opts.viewport ?? { width: 1280, height: 800 });
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  const onPageError = (e: Error) => errors.push(e.message);
  // A CSP violation, a failed load or a React warning shows up here: none is expected.
  const onConsole = (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  };
  page.on('pageerror', onPageError);
  page.on('console', onConsole);
  const origin = new URL(host.url).origin;
  if (opts.lang) {
    // The language a person chose before, kept in this terminal's origin (as the screens keep it), set on a blank page of that origin.
    const blank = `${origin}/__e2e-blank`;
    // An icon of its own: Chromium asks no /favicon.ico of the terminal (a 404 the page would report).
    await page.route(blank, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>e2e</title><link rel="icon" href="data:,">' }));
    await page.goto(blank);
    await page.evaluate(`localStorage.setItem('tolem.settings', ${JSON.stringify(JSON.stringify({ lang: opts.lang }))})`);
    await page.unroute(blank);
  }
  await page.goto(host.url);
  // Starting Chromium's page and loading the catalog can take long on a busy machine: the screens' own checks keep their timeouts.
  await page.waitForSelector('[data-testid=home][data-ready=yes]', { timeout: 45_000 });
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  return {
    page, terminal, get sandbox() { return sandbox; }, host, dir, requests,
    async stopProcessing() {
      await sandbox.close();
    },
    async startProcessing() {
      sandbox = await startSandbox({ port, dataFile: sandboxFile, services, onRequest: (method, body) => requests.push({ method, body }) });
    },
    allowErrors(pattern) {
      allowed.push(pattern);
    },
    async shot(name) {
      await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      // The next test gets the page blank, with no other window (a bank page opened) and no cookie of this terminal's.
      page.off('pageerror', onPageError);
      page.off('console', onConsole);
      for (const other of page.context().pages()) if (other !== page) await other.close();
      await page.goto('about:blank');
      await page.context().clearCookies();
      await host.close();
      await terminal.close();
      await sandbox.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
      const unexpected = errors.filter((m) => !allowed.some((re) => re.test(m)));
      if (unexpected.length) throw new Error(`the page reported errors: ${unexpected.join('; ')}`);
    },
  };
}

export type E2EOptions = Parameters<typeof startE2E>[0];

/** The attendant's hidden way into a kiosk's service menu: the bar's left corner held for two seconds. */
export async function openKioskAdmin(page: Page): Promise<void> {
  const box = (await page.locator('[data-testid=admin-corner]').boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + 10);
  await page.mouse.down();
  await page.waitForSelector('[data-testid=admin]');
  await page.mouse.up();
}

/** The on-screen keyboard's one «Далее»: the next field, or on. */
export const KIOSK_NEXT = '[data-testid=on-screen-keyboard] [data-skbtn="{enter}"]';

/** A kiosk customer: opens a service, types digits on the on-screen keyboard, and has them checked («Далее» on it). */
export async function kioskCheck(page: Page, serviceId: string, digits: string): Promise<void> {
  await page.click(`[data-testid=service-${serviceId}]`);
  await page.waitForSelector('[data-testid=on-screen-keyboard][data-layout=digits]');
  for (const d of digits) await page.click(`[data-testid=on-screen-keyboard] [data-skbtn="${d}"]`);
  // One «Далее» on the screen: the keyboard's (the form's own button shows only with no keyboard).
  expect(await page.locator('[data-testid=check]').count()).toBe(0);
  await page.click(KIOSK_NEXT);
}

/** A cashier at the desk: opens a service, types the account, has it checked, types the amount and the cash given, and pays. */
export async function deskPay(page: Page, serviceId: string, account: string, amount: string, cashReceived: string): Promise<void> {
  await page.click(`[data-testid=service-${serviceId}]`);
  await page.fill('[data-testid=input-account]', account);
  await page.click('[data-testid=check]');
  await page.fill('[data-testid=amount]', amount);
  await page.fill('[data-testid=cash-received]', cashReceived);
  await page.click('[data-testid=pay]:not([disabled])');
}

/**
 * One terminal per test (closed after it, with its own data directory), in the worker's one page:
 * call at the top of a file, then `await suite.start(options)` in each test.
 */
export function e2eSuite(): { start(opts?: E2EOptions): Promise<E2E> } {
  let current: E2E | null = null;
  afterEach(async () => {
    const e = current;
    current = null;
    await e?.close();
  });
  return {
    async start(opts) {
      current = await startE2E(opts);
      return current;
    },
  };
}
