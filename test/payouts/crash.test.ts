/**
 * Payouts under fire: `tolem payout` (both flows) SIGKILLed at random moments, then the terminal
 * reconciles. Every order was paid by the bank at most once, and the journal agrees with the bank's
 * ledger. Random moments come from a seeded generator; the seed is printed (TOLEM_CRASH_SEED replays).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_PAYOUTS_PASSWORD, SANDBOX_PAYOUTS_USER, startSandbox, type RunningSandbox } from '../../dev/sandbox/server.js';
import { BIN, runTolem } from '../helpers/cli.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';
import { CRASH_SEED, seeded } from '../helpers/seeded.js';
import fs from 'node:fs';
import { cardEnding, enterCardOnBankPage } from './cards.js';

let sandbox: RunningSandbox;
let env: NodeJS.ProcessEnv;
let dir: string;
const SEED = CRASH_SEED;
const random = seeded(SEED);

beforeAll(async () => {
  process.stdout.write(`payout crash test seed: ${SEED} (TOLEM_CRASH_SEED=${SEED} replays it)\n`);
  sandbox = await startSandbox({});
  dir = tempDir('tolem-payout-crash-');
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ payouts: { returnUrl: 'https://agent.example.kz/done', timeoutMs: 1000 } }));
  env = { ...process.env, ...harnessEnv(dir, sandbox.url), TOLEM_PAYOUTS_URL: sandbox.url, TOLEM_PAYOUTS_USER: SANDBOX_PAYOUTS_USER, TOLEM_PAYOUTS_PASSWORD: SANDBOX_PAYOUTS_PASSWORD, TOLEM_PAYOUTS_DIRECT: '1' };
});
afterAll(async () => {
  await sandbox.close();
});

async function killedPayout(args: string[], delayMs: number, onRegistered?: () => void, pan?: string): Promise<boolean> {
  const before = sandbox.payouts.orders().length;
  const child = spawn(process.execPath, [BIN, 'payout', '--amount', '100.00', '--name', 'IVAN IVANOV', ...args], { env, stdio: [pan === undefined ? 'ignore' : 'pipe', 'ignore', 'ignore'] });
  // The card number goes on standard input, never on the command line.
  if (pan !== undefined) child.stdin!.end(`${pan}\n`);
  const exited = new Promise<string | null>((resolve) => child.on('exit', (_c, s) => resolve(s)));
  const watcher = setInterval(() => {
    const fresh = sandbox.payouts.orders().slice(before).find((o) => o.orderStatus === 0);
    if (fresh && onRegistered) {
      onRegistered = undefined;
      void enterCardOnBankPage(sandbox.url, fresh.orderId).catch(() => undefined);
    }
  }, 5);
  await Promise.race([new Promise((r) => setTimeout(r, delayMs)), exited]);
  child.kill('SIGKILL');
  clearInterval(watcher);
  return (await exited) === 'SIGKILL';
}

describe('SIGKILL during payouts', () => {
  it('direct and bank-page payouts killed at random moments: each order paid at most once, the journal agrees with the bank', async () => {
    let kills = 0;
    for (let i = 0; i < 14; i += 1) {
      const page = i % 2 === 1;
      const card = ['7001', '0504', '0602', '0505'][i % 4]!;
      const args = page ? ['--page', '--wait', '5'] : ['--pan', '-'];
      if (await killedPayout(args, 5 + Math.floor(random() * 250), page ? () => undefined : undefined, page ? undefined : cardEnding(card))) kills += 1;
      expect((await runTolem(['payouts', 'reconcile', '--json'], env)).code).toBe(0);
    }
    // Every unknown outcome asked again (on its schedule) until the journal has each order the bank paid as paid.
    const agrees = () => {
      const db = new Database(path.join(dir, 'journal.sqlite'), { readonly: true });
      try {
        const paid = new Set(db.prepare<[], { order_number: string }>("SELECT order_number FROM payouts WHERE state = 'paid'").all().map((r) => r.order_number));
        return sandbox.payouts.orders().every((o) => o.orderStatus !== 2 || paid.has(o.orderNumber));
      } finally {
        db.close();
      }
    };
    for (let round = 0; round < 60 && !agrees(); round += 1) await runTolem(['payouts', 'reconcile'], env);
    expect(kills, `seed ${SEED}`).toBeGreaterThanOrEqual(8);
    const db = new Database(path.join(dir, 'journal.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const journal = new Map(db.prepare<[], { order_number: string; state: string }>('SELECT order_number, state FROM payouts').all().map((r) => [r.order_number, r.state]));
      for (const o of sandbox.payouts.orders()) {
        expect(o.paidCount, `order ${o.orderNumber} paid ${o.paidCount} times`).toBeLessThanOrEqual(1);
        expect(journal.has(o.orderNumber), `the bank holds ${o.orderNumber}, the journal does not`).toBe(true);
        const mine = journal.get(o.orderNumber);
        if (o.orderStatus === 2) expect(mine, o.orderNumber).toBe('paid');
        if (mine === 'paid') expect(o.orderStatus).toBe(2);
      }
      // Nothing the journal calls paid is unknown to the bank.
      const bank = new Set(sandbox.payouts.orders().map((o) => o.orderNumber));
      for (const [orderNumber, s] of journal) if (s === 'paid') expect(bank.has(orderNumber)).toBe(true);
    } finally {
      db.close();
    }
  });
});
