/**
 * `tolem pay --cash` and `tolem device` as support staff run them: the built CLI in a child process,
 * the bill validator's simulator on the other end of a real pseudo-terminal, the sandbox as processing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../dev/sandbox/server.js';
import type { DeviceSimulator } from '../../dev/devices/device-simulator.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';
import { runTolem } from '../helpers/cli.js';
import { until } from '../helpers/wait.js';
import { insertNote, validatorsOnPty } from '../helpers/validator-on-pty.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const validators = validatorsOnPty();

async function kiosk(protocol: 'ccnet' | 'id003'): Promise<{ env: NodeJS.ProcessEnv; dir: string; sim: DeviceSimulator }> {
  const { sim, port } = await validators.open(protocol);
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ commission: { percent: '2', minimum: '20.00' } }));
  const env = { ...process.env, ...harnessEnv(dir, sandbox.url), TOLEM_CASH_ACCEPTOR: `${protocol}:${port}`, TOLEM_PRINTER: 'virtual' };
  return { env, dir, sim };
}

/** Feeds notes one at a time, each once the device is enabled for it (a customer at the slot). */
async function feed(s: DeviceSimulator, notes: number[]): Promise<void> {
  for (const n of notes) await insertNote(s, n);
}

const journal = (dir: string) => new Database(path.join(dir, 'journal.sqlite'), { readonly: true });

// The CLI is a shell over payInNotes (whose every path test/till and test/cash cover on both protocols): one protocol here.
describe.each(['ccnet'] as const)('tolem pay --cash on %s', (protocol) => {
  it('pays with three notes, printing each and what is still missing; a note that would overpay is returned', async () => {
    const k = await kiosk(protocol);
    const run = runTolem(['pay', '--service', 'P1011', '--account', '7771234567', '--amount-from', '1700.00', '--cash', '--wait', '60'], k.env);
    await feed(k.sim, [1000, 5000, 500, 200]);
    const r = await run;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/insert 1\s700\.00 ₸/);
    expect(r.stdout).toMatch(/\+ 1\s000\.00 ₸ {2}inserted 1\s000\.00 ₸, still 700\.00 ₸/);
    expect(r.stdout).toMatch(/returned: not taken/);
    expect(r.stdout).toMatch(/\+ 200\.00 ₸ {2}inserted 1\s700\.00 ₸\n/);
    expect(r.stdout).toMatch(/paid|success/i);
    expect(k.sim.model.cassetteTenge()).toEqual([1000, 500, 200]);
    expect(k.sim.model.givenBack.map((t) => [200, 500, 1000, 2000, 5000][t])).toEqual([5000]);
    const db = journal(k.dir);
    const p = db.prepare("SELECT state, amount_from, amount_to FROM payments WHERE state != 'draft' ORDER BY id DESC LIMIT 1").get() as { state: string; amount_from: number; amount_to: number };
    const notes = db.prepare('SELECT amount FROM cash_notes ORDER BY id').all().map((n) => (n as { amount: number }).amount);
    db.close();
    expect(p).toEqual({ state: 'success', amount_from: 1_700_00, amount_to: 1_666_66 });
    expect(notes).toEqual([1_000_00, 500_00, 200_00]);
  });

  it('out of time before the sum is covered: the notes taken are cash without a payment, listed, with the slip printed', async () => {
    const k = await kiosk(protocol);
    const run = runTolem(['pay', '--service', 'P1011', '--account', '7771234567', '--amount-from', '2000.00', '--cash', '--wait', '8'], k.env);
    await feed(k.sim, [1000]);
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/not paid \(time is up\): 1\s000\.00 ₸ taken \(1\s000\.00 ₸\) is cash without a payment/);
    expect(r.stdout).toMatch(/slip is printed/);
    // The built-in virtual printer saved the slip as the image a raster printer prints.
    expect(fs.readdirSync(path.join(k.dir, 'receipts')).filter((f) => f.endsWith('.png'))).toHaveLength(1);
    const db = journal(k.dir);
    const unpaid = db.prepare('SELECT count(*) AS n FROM cash_sessions s JOIN cash_notes n ON n.session_id = s.id WHERE s.payment_id IS NULL').get() as { n: number };
    db.close();
    expect(unpaid.n).toBe(1);
  });
});

describe('tolem device', () => {
  it('status names the device, its state and bill table; test shows a note and hands it back', async () => {
    const k = await kiosk('ccnet');
    const status = await runTolem(['device', 'status', '--json'], k.env);
    expect(status.code).toBe(0);
    const view = JSON.parse(status.stdout) as { protocol: string; phase: string; model: string; bills: { amount: string; taken: boolean }[] };
    expect(view).toMatchObject({ protocol: 'ccnet', phase: 'ready', model: 'SM-KZ1706' });
    expect(view.bills.map((b) => b.amount)).toEqual(['200.00', '500.00', '1000.00', '2000.00', '5000.00', '10000.00', '20000.00']);
    const test = runTolem(['device', 'test', '--wait', '30'], k.env);
    await until(() => k.sim.model.enabled.size > 0, 'the device enabled for the test');
    k.sim.model.insert(2000);
    const r = await test;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/read 2\s000\.00 ₸ and handed it back/);
    expect(k.sim.model.cassette).toEqual([]);
  });

  it('with no device on the port: says so, exit 1, and the port named', async () => {
    const dir = tempDir();
    const env = { ...process.env, ...harnessEnv(dir, sandbox.url), TOLEM_CASH_ACCEPTOR: `ccnet:${path.join(dir, 'no-such-tty')}` };
    const r = await runTolem(['device', 'status', '--wait', '1'], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CCNET on .*no-such-tty: fault, no-answer/);
    expect(r.stdout).toMatch(/port: cannot open .*no-such-tty/);
  });
});

describe('tolem device simulate', () => {
  it('prints the port to configure, and its script inserts a note the real driver reads', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../helpers/cli.js');
    const simulator = spawn(process.execPath, [BIN, 'device', 'simulate', 'id003'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    simulator.stdout.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const port = await until(() => /TOLEM_CASH_ACCEPTOR=(id003:\S+)/.exec(out)?.[1], 'the port printed');
      const env = { ...process.env, ...harnessEnv(tempDir(), sandbox.url), TOLEM_CASH_ACCEPTOR: port };
      const test = runTolem(['device', 'test', '--wait', '30', '--json'], env);
      let done = false;
      void test.then(() => (done = true));
      // A person at the slot: a note pushed at a disabled device is handed straight back, so keep offering one.
      while (!done) {
        simulator.stdin.write('insert 5000\n');
        await new Promise((r) => setTimeout(r, 400));
      }
      const r = await test;
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ returned: '5000.00' });
      simulator.stdin.write('count\n');
      await until(() => /cassette: empty/.test(out), 'the cassette reported empty: the note was handed back');
    } finally {
      simulator.kill('SIGTERM');
    }
  });
});

describe('a SIGKILL between escrow and stacked', () => {
  it.each(['ccnet', 'id003'] as const)('%s: after the restart the note is credited exactly once, and the journal says so', async (protocol) => {
    const k = await kiosk(protocol);
    let child: ChildProcess | null = null;
    let killed = false;
    k.sim.onCommand = (name) => {
      if (name === 'stack' && child && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    const run = runTolem(['pay', '--service', 'P1011', '--account', '7771234567', '--amount-from', '5000.00', '--cash', '--wait', '60'], k.env, { onSpawn: (c) => (child = c) });
    await until(() => k.sim!.model.enabled.size > 0, 'the device enabled');
    k.sim.model.insert(5000);
    const r = await run;
    expect(r.signal).toBe('SIGKILL');
    k.sim.onCommand = null;
    // The device, still powered, finished stacking; the journal has only the intent.
    const before = journal(k.dir);
    expect(before.prepare('SELECT count(*) AS n FROM cash_notes').get()).toEqual({ n: 0 });
    expect(before.prepare('SELECT amount FROM cash_intents').all()).toEqual([{ amount: 5_000_00 }]);
    before.close();
    const restart = await runTolem(['device', 'status', '--json'], k.env);
    expect(restart.code).toBe(0);
    const after = journal(k.dir);
    const outcome = after.prepare('SELECT o.outcome FROM cash_intents i JOIN cash_intent_outcomes o ON o.intent_id = i.id').all();
    const notes = after.prepare('SELECT amount, intent_id FROM cash_notes').all();
    after.close();
    expect(outcome).toEqual([{ outcome: 'stacked' }]);
    expect(notes).toEqual([{ amount: 5_000_00, intent_id: 1 }]);
    expect(k.sim.model.cassetteTenge()).toEqual([5000]);
    // A second start credits nothing more.
    await runTolem(['device', 'status'], k.env);
    const again = journal(k.dir);
    expect(again.prepare('SELECT count(*) AS n FROM cash_notes').get()).toEqual({ n: 1 });
    again.close();
  });
});
