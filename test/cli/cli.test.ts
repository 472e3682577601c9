/**
 * The CLI as support staff run it: real child processes against a sandbox on loopback.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../dev/sandbox/server.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';
import { BIN } from '../helpers/cli.js';

let sandbox: RunningSandbox;
let requests: { method: string; body: string }[] = [];
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" first (npm test does)`);
  sandbox = await startSandbox({ onRequest: (method, body) => requests.push({ method, body }) });
  const dir = tempDir();
  // The agent's commission (2 %): every caller, the CLI included, pays by the one rule.
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ commission: { percent: '2' } }));
  // Nothing here waits on a timeout: requests get 5 s, so a check on a busy machine is never "unreachable".
  env = { ...process.env, ...harnessEnv(dir, sandbox.url), TOLEM_REQUEST_TIMEOUT_MS: '5000' };
  await tolem(['catalog', '--refresh']);
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  requests = [];
});

function tolem(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('tolem pay', () => {
  it('takes the agent\'s commission by the one rule the screens use (item 12): none given is the rule\'s, another is refused', async () => {
    const r = await tolem(['pay', '--service', 'P1011', '--account', '7779990005', '--amount', '500.00', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ amountTo: '500.00', amountFrom: '510.00', commission: '10.00' });
    const wrong = await tolem(['pay', '--service', 'P1011', '--account', '7779990006', '--amount', '500.00', '--amount-from', '500.00']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/amount to pay is 510\.00 for 500\.00 credited/);
    expect(requests.filter((q) => q.method === 'pay' && q.body.includes('7779990006'))).toHaveLength(0);
  });

  it('a phone written +7 … or 8 … is paid as its ten digits (the engine\'s own rule)', async () => {
    const r = await tolem(['pay', '--service', 'P1011', '--account', '8 (777) 999-00-07', '--amount', '100.00', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ account: '7779990007' });
    expect(requests.find((q) => q.method === 'pay' && q.body.includes('7779990007'))?.body).toContain('"account":"7779990007"');
  });

  it('--json prints one document: ids and amounts as strings, the 18-digit transactionId exact', async () => {
    const r = await tolem(['pay', '--service', 'P1011', '--account', '7779990001', '--amount', '1500.00', '--amount-from', '1530.00', '--json']);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p).toMatchObject({ serviceId: 'P1011', account: '7779990001', amountTo: '1500.00', amountFrom: '1530.00', commission: '30.00', state: 'success', result: 0 });
    expect(typeof p.agentTransactionId).toBe('string');
    expect(p.agentTransactionId).toMatch(/^7\d{13}$/);
    expect(p.transactionId).toMatch(/^\d{18}$/);
    expect(p.transactionId).toBe(sandbox.processing.entry(p.agentTransactionId)?.transactionId);
    expect(p.attempts.map((a: { kind: string }) => a.kind)).toEqual(['check', 'pay']);
    expect(requests.find((q) => q.method === 'pay')?.body).toContain('"amountTo":1500.00,"amountFrom":1530.00');
  });

  it('the human output says PAID with the processing transaction', async () => {
    const r = await tolem(['pay', '--service', 'P1011', '--account', '7779990002', '--amount', '200']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PAID/);
    expect(r.stdout).toMatch(/processing transaction 9\d{17}/);
  });

  it('an invoice with meter readings and a contract choice work from the command line', async () => {
    const inv = await tolem(['pay', '--service', 'P0005', '--account', '3000000009', '--item', '36=359.80:4900', '--item', '13=80', '--json']);
    expect(inv.code).toBe(0);
    expect(JSON.parse(inv.stdout)).toMatchObject({ amountTo: '439.80', state: 'success' });
    const check = await tolem(['check', '--service', 'P0006', '--account', '870412300123', '--json']);
    const contract = JSON.parse(check.stdout).check.contracts[0].contractId as string;
    const paid = await tolem(['pay', '--service', 'P0006', '--account', '870412300123', '--amount', '1000.00', '--contract', contract, '--json']);
    expect(JSON.parse(paid.stdout)).toMatchObject({ state: 'success' });
  });

  it('a final refusal exits 1 and says why in words', async () => {
    const r = await tolem(['pay', '--service', 'P1011', '--account', '7779999007', '--amount', '100.00']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NOT PAID/);
    expect(r.stdout).toMatch(/result\s+7: The provider does not accept this payment \/ Приём платежа запрещён поставщиком/);
  });
});

describe('bad input exits non-zero, names the problem, and sends nothing', () => {
  it.each([
    ['an unknown service', ['--service', 'NOPE', '--account', '7771234567', '--amount', '100.00'], /unknown service "NOPE"/],
    ['an account failing the regexp', ['--service', 'P1011', '--account', '12345', '--amount', '100.00'], /Номер телефона.*does not match/],
    ['an amount with three decimals', ['--service', 'P1011', '--account', '7771234567', '--amount', '100.005'], /more than two decimals/],
    ['a missing required field', ['--service', 'P1012', '--account', '1234567890', '--amount', '15000.00'], /ev_account1 \(Номер заказа\) is required/],
    ['a field the service does not have', ['--service', 'P1011', '--account', '7771234567', '--amount', '1.00', '--field', 'color=red'], /no input "color"/],
    ['a negative amount', ['--service', 'P1011', '--account', '7771234567', '--amount=-5'], /not a positive amount/],
    ['no amount', ['--service', 'P1011', '--account', '7771234567'], /amount is required/],
  ])('%s', async (_what, args, message) => {
    const r = await tolem(['pay', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(requests).toEqual([]);
  });

  it('an unknown option or command is a usage error', async () => {
    expect((await tolem(['pay', '--sevrice', 'P1011'])).code).toBe(2);
    expect((await tolem(['pey'])).stderr).toMatch(/unknown command "pey"/);
  });

  it('--json errors are one JSON document', async () => {
    const r = await tolem(['pay', '--service', 'P1011', '--account', '1', '--amount', '1.00', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatch(/does not match/);
  });
});

describe('queue, journal, catalog, balance', () => {
  it('processing down: pay is accepted offline (exit 3), the catalog comes from cache and says so, then --drain delivers', async () => {
    const down = { TOLEM_PROCESSING_URL: 'http://127.0.0.1:9' };
    const r = await tolem(['pay', '--service', 'P1011', '--account', '7779990077', '--amount', '300.00', '--wait', '0', '--json'], down);
    expect(r.code).toBe(3);
    const p = JSON.parse(r.stdout);
    expect(p).toMatchObject({ state: 'pending', offline: true });
    const cat = await tolem(['catalog', '--refresh'], down);
    expect(cat.code).toBe(0);
    expect(cat.stderr).toMatch(/processing is unavailable.*cached/);
    expect(cat.stdout).toMatch(/P1011\s+Билайн/);
    const q = await tolem(['queue', '--json'], down);
    expect(q.code).toBe(3);
    expect(JSON.parse(q.stdout).payments.map((x: { agentTransactionId: string }) => x.agentTransactionId)).toContain(p.agentTransactionId);
    const drained = await tolem(['queue', '--drain', '--json']);
    expect(drained.code).toBe(0);
    const j = await tolem(['journal', '--id', p.agentTransactionId, '--json']);
    const done = JSON.parse(j.stdout);
    expect(done.state).toBe('success');
    expect(done.events.map((e: { state: string }) => e.state)).toEqual(['draft', 'pending', 'success']);
  });

  it('journal lists payments and finds one by account', async () => {
    const r = await tolem(['journal', '--search', '7779990002']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/success\s+P1011\s+7779990002/);
  });

  it('balance shows the agent balance exactly', async () => {
    const r = await tolem(['balance', '--json']);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout);
    expect(b.balance).toMatch(/^\d+\.\d{2}$/);
    expect(b).toMatchObject({ agentId: '4', currency: 'KZT', overdraft: '0.00', notification: '50000.00' });
  });

  it('operator by phone finds the mobile operator (number portability)', async () => {
    const r = await tolem(['operator', '--phone', '+7 701 123 45 67', '--json']);
    expect(JSON.parse(r.stdout).serviceId).toBe('P1013');
  });

  it('a payment under review is decided by a person with resolve', async () => {
    const r = await tolem(['pay', '--service', 'P1011', '--account', '7779999215', '--amount', '100.00', '--json']);
    expect(r.code).toBe(4);
    const id = JSON.parse(r.stdout).agentTransactionId as string;
    const resolved = await tolem(['resolve', '--id', id, '--as', 'failed', '--reason', 'reconciled with processing: id collision, refunded cash']);
    expect(resolved.code).toBe(0);
    expect(JSON.parse((await tolem(['journal', '--id', id, '--json'])).stdout).state).toBe('failed');
  });
});

describe('receipts in the sandbox demo (no processing URL)', () => {
  it('tolem pay prints the receipt on the built-in virtual printer and saves it as PNG; reprint and render work', async () => {
    const demo: NodeJS.ProcessEnv = { ...process.env, TOLEM_DATA_DIR: tempDir(), TOLEM_RETRY_INITIAL_MS: '20', TOLEM_RETRY_MAX_MS: '200' };
    delete demo.TOLEM_PROCESSING_URL;
    delete demo.TOLEM_PROCESSING_TOKEN;
    delete demo.TOLEM_TERMINAL_ID;
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, ...args], { env: demo, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
    const r = await run(['pay', '--service', 'P1011', '--account', '7771234567', '--amount', '500.00', '--json']);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.receipt).toMatchObject({ printed: true, printer: 'virtual' });
    const png = (p.receipt.files as string[]).find((f) => f.endsWith('.png'))!;
    expect(fs.readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    // A raster receipt is kept as its image; no text file that would hold nothing but '[cut x1]'.
    expect(fs.existsSync(png.replace(/\.png$/, '.txt'))).toBe(false);

    const reprint = await run(['receipt', '--id', p.agentTransactionId]);
    expect(reprint.code).toBe(0);
    expect(reprint.stdout).toMatch(/receipt printed on virtual/);
    const out = path.join(tempDir(), 'r.png');
    const render = await run(['receipt', '--id', p.agentTransactionId, '--png', out, '--paper', '58', '--lang', 'kk']);
    expect(render.code).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
    const test = await run(['printer', 'test']);
    expect(test.stdout).toMatch(/test page sent to virtual/);
    const status = await run(['printer', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ printer: 'virtual', paper: 'ok' });
  });
});
