/**
 * The crash tests' harness: a sandbox and a journal of its own per scenario, `tolem pay` run as a
 * child and SIGKILLed (at a crash point, when a condition holds, or after a delay), the terminal
 * restarted to drain, and the promise checked against processing's ledger. Random moments come from
 * a seeded generator; the seed is printed and TOLEM_CRASH_SEED=<seed> replays a run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../dev/sandbox/server.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';
import { BIN } from '../helpers/cli.js';
import { CRASH_SEED, seeded } from '../helpers/seeded.js';

/** Registers the per-scenario hooks; call once at the top of a test file. */
export function crashHarness() {
  let sandbox: RunningSandbox;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const requests: { method: string; body: string; at: number }[] = [];
  let kills = 0;

  const SEED = CRASH_SEED;
  const random = seeded(SEED);

  beforeAll(() => {
    if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" first (npm test does)`);
    process.stdout.write(`crash test seed: ${SEED} (TOLEM_CRASH_SEED=${SEED} replays its random moments)\n`);
  });

  /** Each scenario gets its own journal and its own processing: none depends on another having run first. */
  beforeEach(async () => {
    requests.length = 0;
    sandbox = await startSandbox({ onRequest: (method, body) => requests.push({ method, body, at: Date.now() }) });
    dir = tempDir('tolem-crash-');
    env = { ...process.env, ...harnessEnv(dir, sandbox.url, { TOLEM_REQUEST_TIMEOUT_MS: '5000' }) };
    kills = 0;
  });

  afterEach(async () => {
    await sandbox.close();
  });

  function payArgs(account: string, amount: string): string[] {
    return [BIN, 'pay', '--service', 'P1011', '--account', account, '--amount', amount, '--wait', '10', '--json'];
  }

  /** Runs `tolem pay` and SIGKILLs it when `killWhen` resolves (or it crashes itself at a crash point). */
  async function killedPay(account: string, extraEnv: NodeJS.ProcessEnv, killWhen?: () => Promise<void>): Promise<NodeJS.Signals | number | null> {
    const child = spawn(process.execPath, payArgs(account, '500.00'), { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    if (killWhen) {
      await Promise.race([killWhen(), exited]);
      child.kill('SIGKILL');
    }
    const how = await exited;
    if (how === 'SIGKILL') kills += 1;
    return how;
  }

  /** Restarts the terminal and drains its queue (async: the sandbox answers from this process). */
  async function restartAndDrain(): Promise<void> {
    const child = spawn(process.execPath, [BIN, 'queue', '--drain', '--wait', '20', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect([0, 4], stderr).toContain(code);
  }

  const waitForPayRequest = (account: string) => async () => {
    const deadline = Date.now() + 10_000;
    while (!requests.some((r) => r.method === 'pay' && r.body.includes(account)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  };

  /** Every payment final or for a person, none missing, none paid twice, no changed body, the journal intact. */
  function expectPromiseKept(atLeast: number): void {
    {
      const db = new Database(path.join(dir, 'journal.sqlite'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const payments = db.prepare<[], { agent_transaction_id: string; state: string; transaction_id: string | null; pay_body: string | null }>('SELECT agent_transaction_id, state, transaction_id, pay_body FROM payments').all();
        expect(payments.length).toBeGreaterThanOrEqual(atLeast);
        const states = new Set(payments.map((p) => p.state));
        for (const s of states) expect(['success', 'failed', 'abandoned', 'review']).toContain(s);

        // None missing: everything processing paid is a successful payment in the journal, same transaction.
        const byId = new Map(payments.map((p) => [p.agent_transaction_id, p]));
        for (const entry of sandbox.processing.ledger()) {
          expect(entry.paidCount, `id ${entry.agentTransactionId} paid ${entry.paidCount} times`).toBeLessThanOrEqual(1);
          const p = byId.get(entry.agentTransactionId);
          expect(p, `processing holds ${entry.agentTransactionId}, the journal does not`).toBeDefined();
          expect(p?.pay_body).toBe(entry.firstPayBody);
          if (entry.state === 'paid') expect(p).toMatchObject({ state: 'success', transaction_id: entry.transactionId });
        }
        // And every journaled success is one processing knows.
        for (const p of payments.filter((x) => x.state === 'success')) expect(sandbox.processing.entry(p.agent_transaction_id)?.state).toBe('paid');
        expect(sandbox.processing.violations()).toEqual([]);
        // Abandoned payments never reached processing.
        for (const p of payments.filter((x) => x.state === 'abandoned')) expect(sandbox.processing.entry(p.agent_transaction_id)).toBeUndefined();
      } finally {
        db.close();
      }
    }
  }

  return {
    killedPay,
    restartAndDrain,
    waitForPayRequest,
    expectPromiseKept,
    random,
    SEED,
    get kills() {
      return kills;
    },
  };
}
