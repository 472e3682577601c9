/**
 * A kiosk's day with a real driver and its simulator: paid, refused after the notes went in, pending
 * (processing not answering), cash without a payment, a payout. Taking the cassette out encashes: the
 * report balances to the tiyn (the count, the journal's notes, what they paid), and a note taken out
 * behind the terminal's back shows as a difference with its denomination.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, SANDBOX_PAYOUTS_PASSWORD, SANDBOX_PAYOUTS_USER, type RunningSandbox } from '../../dev/sandbox/server.js';
import { DeviceSimulator } from '../../dev/devices/device-simulator.js';
import { openPtyPair, type PtyPair } from '../../dev/devices/pty-pair.js';
import { openTerminal, type Terminal } from '../../main/app/terminal.js';
import { payInNotes, takeNotes } from '../../main/app/cash-intake.js';
import { payoutWithCash } from '../../main/app/use-cases.js';
import { loadConfig } from '../../main/config/config.js';
import { createLogger } from '../../main/base/log.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';
import { until } from '../helpers/wait.js';

let sandbox: RunningSandbox;
let pair: PtyPair;
let sim: DeviceSimulator;
let t: Terminal;
let feeding: NodeJS.Timeout;
/** Notes a customer holds, inserted one at a time whenever the device is enabled and idle. */
const hand: number[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  pair = await openPtyPair();
  sim = new DeviceSimulator('ccnet');
  await sim.attach(pair.device);
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ commission: { percent: '0', minimum: '0.00' }, payouts: { commission: { percent: '0', minimum: '0.00' } } }));
  const env = harnessEnv(dir, sandbox.url, {
    TOLEM_TERMINAL_MODE: 'kiosk', TOLEM_CASH_ACCEPTOR: `ccnet:${pair.host}`, TOLEM_PRINTER: 'virtual',
    TOLEM_PAYOUTS_URL: sandbox.url, TOLEM_PAYOUTS_USER: SANDBOX_PAYOUTS_USER, TOLEM_PAYOUTS_PASSWORD: SANDBOX_PAYOUTS_PASSWORD, TOLEM_PAYOUTS_DIRECT: '1',
  });
  t = await openTerminal(loadConfig(env), { acceptor: true, acceptorOptions: { pollMs: 25, answerMs: 1500, tries: 2 }, log: createLogger({ level: 'error', stderr: false }) });
  feeding = setInterval(() => {
    if (hand.length && sim.model.enabled.size > 0 && sim.model.state === 'idle') sim.model.insert(hand.shift()!);
  }, 30);
});
afterAll(async () => {
  clearInterval(feeding);
  await t.close();
  await sim.close();
  await pair.close();
  await sandbox.close();
});

const tenge = (notes: readonly number[]) => notes.reduce((s, n) => s + n, 0) * 100;
const asTiyn = (notes: readonly number[]) => notes.map((n) => n * 100);

async function pay(account: string, notes: number[], waitMs = 30_000) {
  hand.push(...notes);
  return payInNotes(t, { serviceId: 'P1011', account, fields: {}, amountFrom: tenge(notes) }, waitMs);
}

/** The cassette taken out: the terminal encashes by itself; the attendant's count is given after. */
async function takeCassetteOut(): Promise<number[]> {
  const before = t.till.encashments(100).length;
  const notes = sim.model.removeCassette();
  await until(() => t.till.encashments(100).length > before, 'the encashment the removal began');
  return notes;
}

describe('an encashment after a mixed day', () => {
  it('balances to the tiyn: the count, the journal and what the cash paid agree, every session itemised', async () => {
    await until(() => t.acceptor!.state?.phase === 'ready', 'the validator ready');
    const paid = await pay('7771234567', [1000, 500]);
    expect(paid.kind === 'paid' && paid.payment.state).toBe('success');
    const refused = await pay('7771239130', [2000]);
    expect(refused.kind === 'paid' && refused.payment.state).toBe('failed');
    const pending = await pay('7771239606', [500], 2_000);
    expect(pending.kind === 'paid' && pending.payment.state).toBe('pending');
    // Processing's check down: accepted offline against the notes, delivered later.
    const offline = await pay('7771239610', [200], 2_000);
    expect(offline.kind === 'paid' && offline.payment.offline).toBe(true);
    hand.push(1000);
    const walked = await payInNotes(t, { serviceId: 'P1011', account: '7771234500', fields: {}, amountFrom: 5_000_00 }, 2_000);
    expect(walked.kind).toBe('not-covered');
    // Cash to a card typed at the desk of the kiosk's attendant: 1 000 ₸ in, paid by the bank.
    hand.push(1000);
    const intake = await takeNotes(t, t.payouts!.quote(1_000_00).amountFrom, { waitMs: 30_000 });
    const payout = await payoutWithCash(t, { amount: 1_000_00, name: 'IVAN PETROV', flow: 'direct', pan: '4111111111111111', cashSession: intake.session.id }, 10_000, 'ru');
    expect(payout.payout.state).toBe('paid');

    const counted = await takeCassetteOut();
    expect(counted).toEqual([1000, 500, 2000, 500, 200, 1000, 1000]);
    const report = t.till.count(asTiyn(counted));
    expect(report.startedBy).toBe('cassette-removed');
    expect(report.notes).toEqual([
      { amount: 2_000_00, count: 1, sum: 2_000_00 },
      { amount: 1_000_00, count: 3, sum: 3_000_00 },
      { amount: 500_00, count: 2, sum: 1_000_00 },
      { amount: 200_00, count: 1, sum: 200_00 },
    ]);
    expect(report.total).toBe(6_200_00);
    expect(report.countedTotal).toBe(6_200_00);
    expect(report.differences).toEqual([]);
    expect(report.payments.map((p) => [p.agentTransactionId, p.amountFrom])).toEqual([
      [paid.payment.agentTransactionId, 1_500_00], [pending.payment.agentTransactionId, 500_00], [offline.payment.agentTransactionId, 200_00],
    ]);
    expect(report.payouts.map((o) => [o.state, o.amountFrom])).toEqual([['paid', 1_000_00]]);
    expect(report.withoutPayment.map((w) => w.total)).toEqual([2_000_00, 1_000_00]);
    // Every tiyn in the cassette is accounted for by exactly one line.
    expect(report.paymentsTotal + report.payoutsTotal + report.withoutPaymentTotal).toBe(report.total);
    sim.model.insertCassette();
  });

  it('a note taken out of the cassette behind the terminal\'s back is a difference, with its denomination', async () => {
    await until(() => t.acceptor!.state?.fault === null && t.acceptor!.state?.phase === 'ready', 'the cassette back');
    const paid = await pay('7771234567', [1000, 200]);
    expect(paid.kind === 'paid' && paid.payment.state).toBe('success');
    sim.model.pilfer(1000);
    const counted = await takeCassetteOut();
    expect(counted).toEqual([200]);
    const report = t.till.count(asTiyn(counted));
    expect(report.total).toBe(1_200_00);
    expect(report.differences).toEqual([{ amount: 1_000_00, journal: 1, counted: 0, notes: -1, sum: -1_000_00 }]);
    // The periods do not overlap: the first encashment's notes are not counted again.
    expect(report.notes).toEqual([{ amount: 1_000_00, count: 1, sum: 1_000_00 }, { amount: 200_00, count: 1, sum: 200_00 }]);
    expect(t.till.encashments(10).map((e) => e.differences.length)).toEqual([1, 0]);
    // The paper says it, in Kazakh too.
    const { encashmentReceipt } = await import('../../main/receipts/report-receipt.js');
    for (const lang of ['ru', 'kk'] as const) {
      const image = await t.receipts.reportImage((ctx) => encashmentReceipt(report, ctx), lang);
      fs.mkdirSync('test-artifacts/reports', { recursive: true });
      fs.writeFileSync(`test-artifacts/reports/encashment-difference-${lang}.png`, image.png);
      expect(image.text).toMatch(lang === 'ru' ? /1\s000,00 ₸: 1 недостаёт\s+−1\s000,00 ₸/ : /1\s000,00 ₸: 1 жетіспейді\s+−1\s000,00 ₸/);
    }
    sim.model.insertCassette();
  });
});
