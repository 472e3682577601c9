/**
 * The screens' benchmarks, in Debian's Chromium with a catalog of 5,000 services:
 *   5. keystroke → filtered list on screen, p95                      goal <= 50 ms
 *   6. browser host start → first interactive Home (median of 5)      goal <= 1.5 s
 * The host is started as a user starts it (`tolem start --browser`), on its built-in sandbox.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, hasChromium, launchDebianChromium } from '../helpers/chromium.js';
import { BIN } from '../helpers/cli.js';

export interface BenchResult { name: string; value: string; goal: string; ok: boolean; detail: string }

const SERVICES = 5000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Starts `tolem start --browser` and resolves with its Screens URL and a stop function. */
function startHost(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'start', '--browser', '--no-open'], {
    env: { ...process.env, TOLEM_DATA_DIR: dataDir, TOLEM_SANDBOX_SERVICES: String(SERVICES - 12) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Screens: (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        resolve({
          url: m[1],
          stop: () => new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`tolem start exited with ${code}: ${out}`)));
  });
}

/** Five starts: each in a new data directory (a first start: the catalog comes from processing), or all in one (a restart: from the journal's cache). */
async function startToInteractive(browser: Browser, restart: boolean): Promise<number[]> {
  const times: number[] = [];
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'tolem-bench-ui-'));
  if (restart) {
    const warm = await startHost(shared);
    const page = await browser.newPage();
    await page.goto(warm.url);
    await page.waitForSelector('[data-testid=home][data-ready=yes]', { timeout: 30_000 });
    await page.close();
    await warm.stop();
  }
  for (let i = 0; i < 5; i++) {
    const dataDir = restart ? shared : fs.mkdtempSync(path.join(os.tmpdir(), 'tolem-bench-ui-'));
    const page = await browser.newPage();
    const t0 = performance.now();
    const host = await startHost(dataDir);
    await page.goto(host.url);
    await page.waitForSelector('[data-testid=home][data-ready=yes] [data-testid=service-list] .service-row', { timeout: 30_000 });
    times.push(performance.now() - t0);
    await page.close();
    await host.stop();
    if (!restart) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  fs.rmSync(shared, { recursive: true, force: true });
  return times;
}

/** Types queries into the search box; each time from the input event to the list showing that query's result, painted. */
async function keystrokes(page: Page): Promise<number[]> {
  const words = ['сервис 1', 'жкх', 'интернет', 'сервис 4999', 'игры', 'g01234', 'штрафы и налоги', 'транспорт 77'];
  const queries: string[] = [];
  for (const w of words) {
    for (let i = 1; i <= w.length; i++) queries.push(w.slice(0, i));
    for (let i = w.length - 1; i >= 0; i--) queries.push(w.slice(0, i));
  }
  // Runs in the page (a browser script, so it is text here: this program has no DOM types).
  const script = `(async (qs) => {
    const input = document.querySelector('[data-testid=search]');
    const list = () => document.querySelector('[data-testid=service-list]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const times = [];
    for (const q of qs) {
      const t0 = performance.now();
      setValue.call(input, q);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => {
        const look = () => (list().getAttribute('data-query') === q ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(look));
        look();
      });
      times.push(performance.now() - t0);
    }
    return times;
  })(${JSON.stringify(queries)})`;
  return (await page.evaluate(script)) as number[];
}

export async function benchUi(): Promise<BenchResult[]> {
  if (!hasChromium()) {
    return [{ name: 'UI benchmarks', value: 'not run', goal: 'Chromium', ok: false, detail: `no Chromium at ${CHROMIUM}: apt-get install chromium` }];
  }
  const browser = await launchDebianChromium();
  try {
    const starts = await startToInteractive(browser, false);
    const restarts = await startToInteractive(browser, true);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tolem-bench-ui-'));
    const host = await startHost(dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.waitForSelector('[data-testid=home][data-ready=yes]');
    const count = await page.getAttribute('[data-testid=service-list]', 'data-count');
    const times = await keystrokes(page);
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    const p95 = percentile(times, 95);
    const median = percentile(starts, 50);
    const medianRestart = percentile(restarts, 50);
    return [
      { name: `keystroke -> filtered list painted, p95 (${count} services)`, value: `${p95.toFixed(1)} ms`, goal: '<= 50 ms', ok: p95 <= 50, detail: `p50 ${percentile(times, 50).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms over ${times.length} keystrokes` },
      { name: 'host start -> interactive Home, first start, median of 5', value: `${(median / 1000).toFixed(2)} s`, goal: '<= 1.5 s', ok: median <= 1500, detail: `runs ${starts.map((t) => (t / 1000).toFixed(2)).join(', ')} s (process, sandbox, catalog of ${SERVICES} fetched and parsed, page)` },
      { name: 'host start -> interactive Home, restart, median of 5', value: `${(medianRestart / 1000).toFixed(2)} s`, goal: '<= 1.5 s', ok: medianRestart <= 1500, detail: `runs ${restarts.map((t) => (t / 1000).toFixed(2)).join(', ')} s (catalog from the journal's cache)` },
    ];
  } finally {
    await browser.close();
  }
}
