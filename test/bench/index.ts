/**
 * `npm run bench`: the engine's speed and memory targets, each a ratio measured in one run on this
 * machine (absolute numbers vary by disk and CPU; the ratios are what we hold ourselves to).
 *
 *   1. durable accepts/s  vs  raw better-sqlite3 single inserts, synchronous=FULL, same directory   goal >= 0.7
 *   2. draining 10,000 queued payments  vs  a bare HTTP loop, same requests, same concurrency       goal >= 0.5
 *   3. engine overhead per check+pay beyond its HTTP round trips, p50                               goal <= 5 ms
 *   4. RSS after 10,000 payments  vs  after 100                                                     goal <= +50 MB
 *   5, 6. the screens in Chromium (see ui.ts): keystroke → filtered list p95, host start → Home
 *   7, 8. the fleet server on PostgreSQL (see fleet.ts): events ingested vs raw inserts, 1,000 terminals' heartbeats p95
 *
 * TOLEM_BENCH_ONLY=ui runs the screens' benchmarks alone, TOLEM_BENCH_ONLY=fleet the fleet's.
 *
 * The sandbox runs as a separate process (`tolem sandbox`), as processing would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildPaymentBody, formatAgentDate } from '../../main/processing/requests.js';
import { DEFAULT_TIME_ZONE } from '../../main/base/zone.js';
import { loadConfig } from '../../main/config/config.js';
import { openJournalDatabase } from '../../main/store/database.js';
import { Journal } from '../../main/payments/payment-journal.js';
import { createLogger } from '../../main/base/log.js';
import { openTerminal, type Terminal } from '../../main/app/terminal.js';
import { benchUi } from './ui.js';
import { benchFleet } from './fleet.js';
import { BIN } from '../helpers/cli.js';

const SCALE = Number(process.env.TOLEM_BENCH_SCALE ?? '1');

/** A 10-digit phone number for payment i whose last four digits never select a sandbox script (9xxx). */
function account(prefix: string, i: number): string {
  return `${prefix}${String(Math.floor(i / 1000) % 1000).padStart(3, '0')}0${String(i % 1000).padStart(3, '0')}`;
}
const CONCURRENCY = 8;
const results: { name: string; value: string; goal: string; ok: boolean; detail: string }[] = [];
const write = (s: string) => process.stdout.write(`${s}\n`);

async function startSandboxProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error('sandbox exited')));
  });
  return { url, child };
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tolem-bench-'));
}

async function openBenchTerminal(url: string, terminalId: number): Promise<Terminal> {
  const config = loadConfig({ TOLEM_DATA_DIR: tmp(), TOLEM_PROCESSING_URL: url, TOLEM_TERMINAL_ID: String(terminalId), TOLEM_WORKER_CONCURRENCY: String(CONCURRENCY), TOLEM_REQUEST_TIMEOUT_MS: '10000' });
  return openTerminal(config, { log: createLogger({ level: 'error', stderr: true }) });
}

function payBody(terminalSeq: number, i: number, account: string): string {
  return buildPaymentBody({ serviceId: 'P1011', account, agentTransactionId: String(terminalSeq * 10_000_000 + i), agentTransactionDate: formatAgentDate(Date.now(), DEFAULT_TIME_ZONE), amountTo: 500_00, amountFrom: 500_00 });
}

function benchAccepts(): void {
  // Interleaved rounds, median ratio: fsync latency drifts over seconds, so ours and raw are
  // measured side by side, round after round, in the same directory.
  const ROUNDS = 7;
  const N = 1000;
  const dir = tmp();
  const journal = new Journal(openJournalDatabase(path.join(dir, 'journal.sqlite')), 1);
  const date = formatAgentDate(Date.now(), DEFAULT_TIME_ZONE);
  const input = { serviceId: 'P1011', serviceName: 'Билайн Казахстан', account: '7771234567', fields: {}, amountTo: 500_00, amountFrom: 500_00 };
  const raw = new Database(path.join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT');
  const ins = raw.prepare('INSERT INTO t (v) VALUES (?)');
  const sample = buildPaymentBody({ ...input, agentTransactionId: '10596973795650', agentTransactionDate: date });
  const rounds: { ours: number; bare: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      journal.acceptNew(input, Date.now(), date, (id) => buildPaymentBody({ ...input, agentTransactionId: id, agentTransactionDate: date }), false, 'bench');
    }
    const ours = N / ((performance.now() - t0) / 1000);
    const t1 = performance.now();
    for (let i = 0; i < N; i++) ins.run(sample);
    rounds.push({ ours, bare: N / ((performance.now() - t1) / 1000) });
  }
  journal.close();
  raw.close();
  const median = <T>(xs: T[], key: (x: T) => number) => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]!;
  const mid = median(rounds, (x) => x.ours / x.bare);
  const ratio = mid.ours / mid.bare;
  const ratios = rounds.map((x) => (x.ours / x.bare).toFixed(2)).join(' ');
  results.push({ name: 'durable accepts/s vs raw single inserts (FULL)', value: ratio.toFixed(2), goal: '>= 0.70', ok: ratio >= 0.7, detail: `median of ${ROUNDS} rounds: ${mid.ours.toFixed(0)}/s vs ${mid.bare.toFixed(0)}/s (rounds: ${ratios})` });
}

async function bareLoop(url: string, bodies: string[]): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = new URL(`${url}/api/v20/pay`);
  let next = 0;
  const one = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request({ agent, hostname: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end(body);
    });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) await one(bodies[next++] ?? '');
    }),
  );
  const ms = performance.now() - t0;
  agent.destroy();
  return ms;
}

/** Queues n payments and drains them; returns the drain's milliseconds and what was left. */
async function drainOnce(url: string, terminalId: number, n: number, prefix: string): Promise<{ ms: number; left: number }> {
  const t = await openBenchTerminal(url, terminalId);
  const date = formatAgentDate(Date.now(), DEFAULT_TIME_ZONE);
  for (let i = 0; i < n; i++) {
    const acc = account(prefix, i);
    t.journal.acceptNew({ serviceId: 'P1011', serviceName: 'Билайн', account: acc, fields: {}, amountTo: 500_00, amountFrom: 500_00 }, Date.now(), date, (id) => buildPaymentBody({ serviceId: 'P1011', account: acc, agentTransactionId: id, agentTransactionDate: date, amountTo: 500_00, amountFrom: 500_00 }), true, 'bench');
  }
  const t0 = performance.now();
  await t.worker.drain(Date.now() + 600_000);
  const ms = performance.now() - t0;
  const left = t.journal.pendingSummary().count;
  await t.close();
  return { ms, left };
}

async function benchDrain(url: string): Promise<void> {
  const N = Math.round(10_000 * SCALE);
  // Warm both paths and the sandbox first: JIT and caches must not favour whichever runs second.
  const warm = Math.min(2000, N);
  await drainOnce(url, 5, warm, '771');
  await bareLoop(url, Array.from({ length: warm }, (_, i) => payBody(6, i, account('772', i))));
  const { ms: oursMs, left } = await drainOnce(url, 2, N, '777');
  const bodies = Array.from({ length: N }, (_, i) => payBody(3, i, account('778', i)));
  const bareMs = await bareLoop(url, bodies);
  const ratio = bareMs / oursMs;
  results.push({
    name: `drain ${N} queued payments vs bare HTTP loop (concurrency ${CONCURRENCY})`,
    value: ratio.toFixed(2), goal: '>= 0.50', ok: ratio >= 0.5 && left === 0,
    detail: `${(N / (oursMs / 1000)).toFixed(0)}/s vs ${(N / (bareMs / 1000)).toFixed(0)}/s${left ? `, ${left} NOT DRAINED` : ''}`,
  });
}

async function benchOverheadAndMemory(url: string): Promise<void> {
  const t = await openBenchTerminal(url, 4);
  await t.catalog.refresh();
  let http = 0;
  const post = t.client.post.bind(t.client);
  t.client.post = async (method, body) => {
    const s = performance.now();
    try {
      return await post(method, body);
    } finally {
      http += performance.now() - s;
    }
  };
  const overheads: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  let rss100 = 0;
  const N = Math.round(10_000 * SCALE);
  for (let i = 0; i < N; i++) {
    http = 0;
    const s = performance.now();
    const p = await t.engine.pay({ serviceId: 'P1011', account: account('779', i), amountTo: 500_00 }, 30_000);
    const total = performance.now() - s;
    if (p.state !== 'success') throw new Error(`payment ${i} ended ${p.state}`);
    if (i < 1000) overheads.push(total - http);
    if (i === Math.min(99, N - 1)) {
      gc?.();
      rss100 = process.memoryUsage().rss;
    }
  }
  gc?.();
  const rss10k = process.memoryUsage().rss;
  await t.close();
  overheads.sort((a, b) => a - b);
  const p50 = overheads[Math.floor(overheads.length / 2)] ?? 0;
  const p95 = overheads[Math.floor(overheads.length * 0.95)] ?? 0;
  results.push({ name: 'engine overhead per check+pay beyond HTTP, p50', value: `${p50.toFixed(2)} ms`, goal: '<= 5 ms', ok: p50 <= 5, detail: `p95 ${p95.toFixed(2)} ms over 1000 payments` });
  const growMb = (rss10k - rss100) / 1024 / 1024;
  results.push({ name: `RSS after ${N} payments vs after 100`, value: `${growMb >= 0 ? '+' : ''}${growMb.toFixed(1)} MB`, goal: '<= +50 MB', ok: growMb <= 50, detail: `${(rss100 / 1048576).toFixed(0)} MB -> ${(rss10k / 1048576).toFixed(0)} MB${gc ? '' : ' (run with --expose-gc for steadier figures)'}` });
}

async function main(): Promise<void> {
  if (!fs.existsSync(BIN)) throw new Error('run npm run build first');
  write(`Tolem engine benchmark — ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, node ${process.version}`);
  const only = process.env.TOLEM_BENCH_ONLY;
  if (!only) {
    benchAccepts();
    const { url, child } = await startSandboxProcess();
    try {
      await benchDrain(url);
      await benchOverheadAndMemory(url);
    } finally {
      child.kill('SIGTERM');
    }
  }
  if (!only || only === 'ui') results.push(...(await benchUi()));
  if (!only || only === 'fleet') results.push(...(await benchFleet(write)));
  write('');
  for (const r of results) write(`${r.ok ? 'ok  ' : 'MISS'}  ${r.name.padEnd(70)} ${r.value.padStart(10)}  (goal ${r.goal})  ${r.detail}`);
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}

await main();
