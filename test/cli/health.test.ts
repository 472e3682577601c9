/**
 * `tolem health` as support and a watchdog run it: a terminal that stands well exits 0 and says each
 * thing; cash no payment accounts for and a payment waiting an hour need a person (exit 4); the clock
 * is compared with processing's Date header.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../dev/sandbox/server.js';
import { CashBox } from '../../main/cash/cash-box.js';
import { CashLedger } from '../../main/cash/cash-ledger.js';
import { ProcessingClient } from '../../main/processing/client.js';
import { openJournalDatabase } from '../../main/store/database.js';
import type { TerminalHealth } from '../../main/app/health.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';
import { runTolem } from '../helpers/cli.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const level = (h: TerminalHealth, key: string) => h.items.find((i) => i.key === key)?.level;

describe('tolem health and tolem update --check', () => {
  it('a desk that stands well: exit 0, every item said, an update may go; then cash without a payment and a queue stuck for two hours need a person (exit 4), and no update may go, each named', async () => {
    const dir = tempDir();
    const env = { ...process.env, ...harnessEnv(dir, sandbox.url) };
    const idle = await runTolem(['update', '--check'], env);
    expect(idle.code, idle.stderr).toBe(0);
    expect(idle.stdout).toContain('No money is in flight');
    const good = await runTolem(['health', '--json'], env);
    expect(good.code, good.stderr).toBe(0);
    const h = JSON.parse(good.stdout) as TerminalHealth;
    expect(h).toMatchObject({ ok: true, terminalId: 7, mode: 'cashier' });
    expect(h.items.map((i) => i.key)).toEqual(['processing', 'queue', 'review', 'printer', 'cash', 'disk', 'journal', 'clock', 'shift']);
    expect(h.items.filter((i) => i.level === 'person')).toEqual([]);
    expect(level(h, 'processing')).toBe('ok');
    // Processing's Date header was read: this machine's clock is within seconds of the sandbox's (the same clock).
    expect(Math.abs(h.items.find((i) => i.key === 'clock')!.facts.skewMs as number)).toBeLessThan(3_000);
    expect(h.items.find((i) => i.key === 'disk')!.facts.freeBytes).toBeGreaterThan(0);

    // Notes in, no payment took them; and a payment accepted two hours ago still waits.
    const db = openJournalDatabase(path.join(dir, 'journal.sqlite'));
    new CashBox(new CashLedger(db), 'simulated').escrow(null, 500_00, null);
    db.prepare(`INSERT INTO payments (agent_transaction_id, agent_transaction_date, service_id, service_name, account, fields, amount_to, amount_from, pay_body, state, offline, next_attempt_at, created_at, accepted_at)
      VALUES ('70000000000001', '2026-12-03T10:00:00', 'P1011', 'Билайн', '7771234567', '{}', 10000, 10000, '{}', 'pending', 1, ?, ?, ?)`).run(Date.now() + 3_600_000, Date.now() - 7_200_000, Date.now() - 7_200_000);
    db.close();
    const bad = await runTolem(['health'], env);
    expect(bad.code, bad.stderr).toBe(4);
    expect(bad.stdout).toMatch(/a person is needed/);
    expect(bad.stdout).toMatch(/PERSON cash +1 cash session\(s\) no payment accounts for/);
    expect(bad.stdout).toMatch(/PERSON queue +1 payment\(s\) wait to be sent \(100\.00 ₸\), the oldest for 120 min/);
    // No update while money is in flight: each thing named.
    const update = await runTolem(['update', '--check', '--json'], env);
    expect(update.code, update.stderr).toBe(4);
    expect(JSON.parse(update.stdout)).toMatchObject({ mayUpdate: false, inFlight: [{ kind: 'payment', id: '70000000000001', state: 'pending', amount: '100.00' }, { kind: 'cash', state: 'without a payment', amount: '500.00' }] });
  });

  it('a clock ten minutes behind processing\'s is read from its Date header', async () => {
    const ahead = http.createServer((_req, res) => {
      res.writeHead(200, { date: new Date(Date.now() + 600_000).toUTCString(), 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((r) => ahead.listen(0, '127.0.0.1', r));
    try {
      const client = new ProcessingClient({ baseUrl: `http://127.0.0.1:${(ahead.address() as AddressInfo).port}`, timeoutMs: 2000 });
      expect(client.clockSkew()).toBeNull();
      await client.balance();
      expect(client.clockSkew()!.skewMs).toBeGreaterThan(598_000);
      expect(client.clockSkew()!.skewMs).toBeLessThan(602_000);
    } finally {
      ahead.close();
    }
  });
});
