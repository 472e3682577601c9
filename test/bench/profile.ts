/**
 * `npm run bench:profile`: where a durable acceptance and a drained payment spend their time, the
 * figures behind docs/benchmarks.md. V8's CPU profile over the measured part only (self time by
 * package and by function) and every better-sqlite3 statement timed (calls and milliseconds).
 * Profiles are written to test-artifacts/profiles/ (open them in Chromium's DevTools).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildPaymentBody, formatAgentDate } from '../../main/processing/requests.js';
import { DEFAULT_TIME_ZONE } from '../../main/base/zone.js';
import { loadConfig } from '../../main/config/config.js';
import { openJournalDatabase } from '../../main/store/database.js';
import { Journal } from '../../main/payments/payment-journal.js';
import { createLogger } from '../../main/base/log.js';
import { openTerminal } from '../../main/app/terminal.js';
import { BIN } from '../helpers/cli.js';

const OUT = path.resolve('test-artifacts', 'profiles');
const write = (s: string) => process.stdout.write(`${s}\n`);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tolem-profile-'));
const date = formatAgentDate(Date.now(), DEFAULT_TIME_ZONE);
const input = { serviceId: 'P1011', serviceName: 'Билайн Казахстан', account: '7771234567', fields: {}, amountTo: 500_00, amountFrom: 500_00 };

/** Times every statement's run/get/all, by its SQL. */
const sqlTimes = new Map<string, { calls: number; ns: bigint }>();
{
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<'run' | 'get' | 'all', (...a: unknown[]) => unknown>;
  for (const m of ['run', 'get', 'all'] as const) {
    const original = proto[m];
    proto[m] = function (this: { source: string }, ...a: unknown[]) {
      const t0 = process.hrtime.bigint();
      try {
        return original.apply(this, a);
      } finally {
        const key = this.source.replace(/\s+/g, ' ').trim().slice(0, 100);
        const e = sqlTimes.get(key) ?? { calls: 0, ns: 0n };
        e.calls += 1;
        e.ns += process.hrtime.bigint() - t0;
        sqlTimes.set(key, e);
      }
    };
  }
  probe.close();
}

interface Profile { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] }

async function profiled(name: string, n: number, work: () => Promise<void> | void): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  sqlTimes.clear();
  await session.post('Profiler.start');
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, `${name}.cpuprofile`), JSON.stringify(profile));
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = frames.get(id)!;
    const pkg = /node_modules\/(@[^/]+\/[^/]+|[^/]+)/.exec(f.url)?.[1] ?? (f.url.includes('/out/') ? f.url.split('/out/')[1]! : f.url.startsWith('node:') ? f.url : f.functionName || '(native)');
    self.set(pkg, (self.get(pkg) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  write(`\n${name}: ${n} in ${ms.toFixed(0)} ms (${(n / (ms / 1000)).toFixed(0)}/s, ${(ms / n).toFixed(3)} ms each)`);
  write('  self time by package or file (native better-sqlite3 work shows as run/get/all):');
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) write(`    ${((100 * t) / total).toFixed(1).padStart(5)} %  ${k}`);
  write('  SQL statements (ms in all, calls, ms per payment):');
  for (const [k, e] of [...sqlTimes].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, 10)) {
    const msAll = Number(e.ns) / 1e6;
    write(`    ${msAll.toFixed(0).padStart(6)} ms ${String(e.calls).padStart(6)}× ${(msAll / n).toFixed(3)}  ${k}`);
  }
}

async function main(): Promise<void> {
  const journal = new Journal(openJournalDatabase(path.join(tmp(), 'journal.sqlite')), 1);
  const accept = (k: number) => {
    for (let i = 0; i < k; i++) journal.acceptNew(input, Date.now(), date, (id) => buildPaymentBody({ ...input, agentTransactionId: id, agentTransactionDate: date }), false, 'bench');
  };
  accept(1000);
  await profiled('accept', 5000, () => accept(5000));
  journal.close();

  const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
  });
  try {
    for (const [n, terminalId, measure] of [[2000, 5, false], [5000, 2, true]] as const) {
      const t = await openTerminal(loadConfig({ TOLEM_DATA_DIR: tmp(), TOLEM_PROCESSING_URL: url, TOLEM_TERMINAL_ID: String(terminalId), TOLEM_WORKER_CONCURRENCY: '8', TOLEM_REQUEST_TIMEOUT_MS: '10000' }), { log: createLogger({ level: 'error', stderr: true }) });
      for (let i = 0; i < n; i++) {
        const account = `77${terminalId}${String(i).padStart(7, '0')}`;
        t.journal.acceptNew({ ...input, account }, Date.now(), date, (id) => buildPaymentBody({ ...input, account, agentTransactionId: id, agentTransactionDate: date }), true, 'bench');
      }
      const drain = () => t.worker.drain(Date.now() + 600_000);
      if (measure) await profiled('drain', n, drain);
      else await drain();
      await t.close();
    }
  } finally {
    child.kill();
  }
}

await main();
