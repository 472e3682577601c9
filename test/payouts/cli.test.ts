/** `tolem payout`, `payout-status` and `payouts` as a user runs them, against the sandbox's payouts module. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_PAYOUTS_PASSWORD, SANDBOX_PAYOUTS_USER, startSandbox, type RunningSandbox } from '../../dev/sandbox/server.js';
import { spawn } from 'node:child_process';
import { BIN, runTolem } from '../helpers/cli.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';
import { cardEnding, enterCardOnBankPage } from './cards.js';

let sandbox: RunningSandbox;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  sandbox = await startSandbox({});
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ payouts: { returnUrl: 'https://agent.example.kz/done', balanceWarning: '6000000.00' } }));
  env = { ...process.env, ...harnessEnv(dir, sandbox.url), TOLEM_PAYOUTS_URL: sandbox.url, TOLEM_PAYOUTS_USER: SANDBOX_PAYOUTS_USER, TOLEM_PAYOUTS_PASSWORD: SANDBOX_PAYOUTS_PASSWORD, TOLEM_PAYOUTS_DIRECT: '1' };
});
afterAll(async () => {
  await sandbox.close();
});

describe('the payouts CLI', () => {
  it.each([[['--pan', '4111111111111111']], [['--pan=4111111111111111']]])('a card number on the command line (%o) is refused, exit 2, before anything is sent', async (pan) => {
    const before = sandbox.payouts.orders().length;
    const r = await runTolem(['payout', '--amount', '100.00', '--name', 'IVAN', ...pan], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/never given on the command line/);
    expect(sandbox.payouts.orders().length).toBe(before);
  });

  it('echo and the balance (exact, with the warning level)', async () => {
    expect((await runTolem(['payouts', 'echo'], env)).stdout).toMatch(/Payout v2\.3 is online/);
    const b = await runTolem(['payouts', 'balance', '--json'], env);
    expect(JSON.parse(b.stdout)).toMatchObject({ balance: '5000000.00', currency: '398', low: true });
  });

  it('a bank-page payout prints its formUrl and exits 3 until the bank says; payout-status then says paid (0)', async () => {
    const r = await runTolem(['payout', '--amount', '1500.00', '--name', 'IVAN IVANOV', '--page', '--json'], env);
    expect(r.code).toBe(3);
    const p = JSON.parse(r.stdout) as { orderNumber: string; orderId: string; state: string; formUrl: string; amount: string };
    expect(p).toMatchObject({ state: 'registered', amount: '1500.00', formUrl: expect.stringMatching(/mdOrder=/) });
    expect(await enterCardOnBankPage(sandbox.url, p.orderId)).toBe('orderStatus 2');
    const s = await runTolem(['payout-status', '--order', p.orderNumber, '--json'], env);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ state: 'paid', maskedPan: '411111******1111' });
  });

  it('a direct payout reads the card from standard input: exits 0 paid, 1 declined; bad input exits 2 with nothing sent', async () => {
    const pay = (pan: string, name = 'IVAN') => runTolem(['payout', '--amount', '100.00', '--name', name, '--pan', '-'], env, { input: `${pan}\n` });
    expect((await pay('4111111111111111')).code).toBe(0);
    expect((await pay(cardEnding('0006'))).code).toBe(1);
    const before = sandbox.payouts.orders().length;
    const bad = await pay('4111111111111111', 'Иван');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Latin letters/);
    expect((await runTolem(['payout', '--amount', '100.00', '--name', 'IVAN', '--pan', '-'], env, { input: '' })).code).toBe(2);
    expect(sandbox.payouts.orders().length).toBe(before);
    const list = await runTolem(['payouts', '--json'], env);
    expect(JSON.parse(list.stdout).payouts.length).toBeGreaterThanOrEqual(3);
  });

  it('the data directory\'s log says every payout with its order and state, and never a card number, the password or the token', async () => {
    const dir = env.TOLEM_DATA_DIR!;
    const bytes = fs.readdirSync(path.join(dir, 'logs')).map((f) => fs.readFileSync(path.join(dir, 'logs', f), 'utf8')).join('');
    const lines = bytes.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; orderNumber?: string; state?: string; maskedPan?: string | null });
    const orders = sandbox.payouts.orders().length;
    const logged = lines.filter((l) => l.msg === 'payout');
    expect(new Set(logged.map((l) => l.orderNumber)).size).toBeGreaterThanOrEqual(Math.min(orders, 3));
    expect(logged.map((l) => l.state)).toEqual(expect.arrayContaining(['registered', 'paid', 'declined']));
    expect(logged.filter((l) => l.maskedPan).every((l) => /^\d{6}\*{6}\d{4}$/.test(l.maskedPan!))).toBe(true);
    expect(bytes).not.toContain('4111111111111111');
    expect(bytes).not.toContain(SANDBOX_PAYOUTS_PASSWORD);
    expect(bytes).not.toContain(env.TOLEM_PROCESSING_TOKEN!);
  });

  it.skipIf(!fs.existsSync('/usr/bin/script'))('on a terminal the card number is asked with echo off: it never appears on the screen', async () => {
    const pan = '4111111111111111';
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} payout --amount 100.00 --name IVAN --pan -`;
    const child = spawn('/usr/bin/script', ['-qec', cmd, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.on('data', (c: Buffer) => {
      screen += c.toString();
      if (screen.includes('Card number (not shown):') && !child.stdin.writableEnded) child.stdin.end(`${pan}\r`);
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearTimeout(guard);
    expect(screen).toContain('Card number (not shown):');
    expect(screen).not.toContain(pan);
    expect(screen).toMatch(/PAID/);
    expect(code).toBe(0);
  });
});
