/**
 * Payments over real HTTP on loopback against the sandbox: every scheme, every non-final code,
 * server errors, timeouts, resets and unreadable answers. Throughout, the sandbox checks that
 * every repeated pay body is byte-identical to the first and that no id is paid twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../main/payments/payment-engine.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ configFile: { commission: { percent: '2' } } });
});
afterAll(async () => {
  expect(h.sandbox.processing.violations()).toEqual([]);
  for (const e of h.sandbox.processing.ledger()) expect(e.paidCount).toBeLessThanOrEqual(1);
  await h.close();
});

const pays = (account: string) => h.requests.filter((r) => r.method === 'pay' && r.body.includes(`"account":"${account}"`));

async function pay(input: Parameters<Harness['terminal']['engine']['pay']>[0], waitMs = 20_000) {
  return h.terminal.engine.pay(input, waitMs);
}

describe('schemes', () => {
  it('simple with displays: the customer\'s name from check is journaled, the payment is paid once', async () => {
    const p = await pay({ serviceId: 'P2001', account: '7172123456', amountTo: 5_000_00, amountFrom: 5_100_00 });
    expect(p.state).toBe('success');
    expect(JSON.parse(p.checkAnswer ?? '{}').displays.fio).toMatch(/\S+ \S+/);
    const [sent] = pays('7172123456');
    expect(sent?.body).toBe(p.payBody);
    expect(sent?.body).toContain('"amountTo":5000.00,"amountFrom":5100.00');
    expect(h.sandbox.processing.entry(p.agentTransactionId)?.transactionId).toBe(p.transactionId);
  });

  it('a fixed-amount service takes exactly the amount from check, with its extra input', async () => {
    const wrong = pay({ serviceId: 'P1012', account: '1234567890', fields: { ev_account1: '5550001112' }, amountTo: 100_00 });
    await expect(wrong).rejects.toThrow(/exactly 15\u00a0000\.00/);
    const p = await pay({ serviceId: 'P1012', account: '1234567890', fields: { ev_account1: '5550001112' }, amountTo: 15_000_00 });
    expect(p.state).toBe('success');
    expect(p.payBody).toContain('"extras":{"ev_account1":"5550001112"}');
  });

  it('with choice: the contract chosen from check is paid as extras.contractId', async () => {
    const p = await pay({ serviceId: 'P0006', account: '870412300123', amountTo: 2_000_00, contractId: (await contractOf('870412300123')) });
    expect(p.state).toBe('success');
    expect(p.payBody).toMatch(/"extras":\{"contractId":"\d{9}"\}/);
    await expect(pay({ serviceId: 'P0006', account: '870412300123', amountTo: 2_000_00, contractId: '999' })).rejects.toThrow(/not among/);
  });

  it('invoice: chosen lines with meter readings add up to amountTo; limits and readings are checked', async () => {
    const p = await pay({
      serviceId: 'P0005', account: '3000000001',
      items: [{ subServiceId: '36', amount: 359_80, lastCount: '4900.5' }, { subServiceId: '37', amount: 1_200_50, lastCount: '118' }, { subServiceId: '2', amount: 925_20 }],
    });
    expect(p.state).toBe('success');
    expect(p.amountTo).toBe(359_80 + 1_200_50 + 925_20);
    expect(p.payBody).toContain('"amountTo":2485.50');
    expect(p.payBody).toContain('{"subServiceId":"36","lastCount":"4900.5","amount":359.80}');
    const bad = pay({ serviceId: 'P0005', account: '3000000002', items: [{ subServiceId: '36', amount: 10_00, lastCount: '10' }, { subServiceId: '37', amount: 50_00, lastCount: '120' }] });
    await expect(bad).rejects.toThrow(InputError);
    await expect(bad).rejects.toThrow(/below the previous 4870\.00.*at least 100\.00/s);
    expect(pays('3000000002')).toEqual([]);
  });

  it('an international provider shows its rate and final amount at check', async () => {
    const r = await h.terminal.engine.begin({ serviceId: 'P3001', account: 'gamer_01', amountTo: 4_800_00 });
    expect(r.check.kind).toBe('ok');
    if (r.check.kind === 'ok') expect(r.check.answer).toMatchObject({ currency: 'USD', rate: '0.0020833333' });
    h.terminal.journal.closeDraft(r.payment.id, 'abandoned', null, null, 'test', Date.now());
  });
});

async function contractOf(account: string): Promise<string> {
  const r = await h.terminal.engine.begin({ serviceId: 'P0006', account, amountTo: 1_00 });
  h.terminal.journal.closeDraft(r.payment.id, 'abandoned', null, null, 'test', Date.now());
  if (r.check.kind !== 'ok') throw new Error('check failed');
  return r.check.answer.contracts?.[1]?.contractId ?? '';
}

describe('non-final results are repeated with the unchanged body until final', () => {
  it.each([
    ['7771239001', 1, 3],
    ['7771239153', 153, 2],
    ['7771239220', 220, 3],
    ['7771239255', 255, 2],
  ])('account %s: result %i, then success after %i pay requests', async (account, _code, requests) => {
    const p = await pay({ serviceId: 'P1011', account, amountTo: 500_00 });
    expect(p.state).toBe('success');
    const sent = pays(account);
    expect(sent).toHaveLength(requests);
    expect(new Set(sent.map((r) => r.body)).size).toBe(1);
    expect(h.terminal.journal.attempts(p.id).filter((a) => a.kind === 'pay').map((a) => a.result)).toHaveLength(requests);
  });

  it('202 on a repeat is not final: polling goes on with the original body until success', async () => {
    const p = await pay({ serviceId: 'P1011', account: '7771239202', amountTo: 500_00 });
    expect(p.state).toBe('success');
    expect(h.terminal.journal.attempts(p.id).filter((a) => a.kind === 'pay').map((a) => a.result)).toEqual([1, 202, 202, 0]);
  });

  it('202 on the first pay is final: not paid, no repeat', async () => {
    // Accepted without a check (as offline), with an invoice line processing does not know: 202.
    const input = { serviceId: 'P0005', account: '3000000004', items: [{ subServiceId: '999', amount: 80_00 }] };
    const { payment } = await h.terminal.engine.begin({ ...input, items: undefined, amountTo: 80_00 });
    const service = (await h.terminal.catalog.service('P0005'))!;
    const { payment: accepted, attemptId } = h.terminal.engine.accept(payment, service, input, { kind: 'unreachable', problem: 'test' });
    const done = await h.terminal.engine.deliver({ payment: accepted, attemptId: attemptId! });
    expect(done).toMatchObject({ state: 'failed', result: 202 });
    expect(pays('3000000004')).toHaveLength(1);
  });
});

describe('final results', () => {
  it.each([7, 8, 130, 155, 241, 242, 250, 300])('result %i ends the payment as not paid, after one request', async (code) => {
    const account = `777123${String(9000 + code).padStart(4, '0')}`;
    const p = await pay({ serviceId: 'P1011', account, amountTo: 500_00 });
    expect(p).toMatchObject({ state: 'failed', result: code });
    expect(pays(account)).toHaveLength(1);
  });

  it('a refusal at check (subscriber not found) pays nothing at all', async () => {
    const p = await pay({ serviceId: 'P1011', account: '7771239005', amountTo: 500_00 });
    expect(p).toMatchObject({ state: 'failed', result: 5, payBody: null });
    expect(pays('7771239005')).toEqual([]);
  });

  it('215 (the id exists already) goes to a person', async () => {
    const p = await pay({ serviceId: 'P1011', account: '7771239215', amountTo: 500_00 });
    expect(p.state).toBe('review');
    expect(p.stateReason).toMatch(/215/);
  });
});

describe('transport failures and unreadable answers are non-final', () => {
  it.each([
    ['HTTP 500 twice', '7771239500', 3],
    ['HTTP 503 twice', '7771239503', 3],
    ['a timeout (processed, answer lost)', '7771239601', 2],
    ['a dropped connection (processed, answer lost)', '7771239602', 2],
    ['an HTML page from a proxy', '7771239603', 2],
    ['truncated JSON (processed)', '7771239604', 2],
    ['JSON of the wrong types', '7771239605', 2],
  ])('%s: repeated with the same body, paid exactly once', async (_what, account, requests) => {
    const p = await pay({ serviceId: 'P1011', account, amountTo: 700_00 });
    expect(p.state).toBe('success');
    const sent = pays(account);
    expect(sent).toHaveLength(requests);
    expect(new Set(sent.map((r) => r.body)).size).toBe(1);
    const entry = h.sandbox.processing.entry(p.agentTransactionId);
    expect(entry?.paidCount).toBe(1);
    expect(p.transactionId).toBe(entry?.transactionId);
  });

  it('an 18-digit transactionId survives exactly into the journal', async () => {
    const p = await pay({ serviceId: 'P1011', account: '7771230018', amountTo: 100_00 });
    expect(p.transactionId).toMatch(/^9\d{17}$/);
    expect(BigInt(p.transactionId!)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(p.transactionId).toBe(h.sandbox.processing.entry(p.agentTransactionId)?.transactionId);
  });

  it('journals every attempt: time, request, HTTP status, result code and answer', async () => {
    const p = await pay({ serviceId: 'P1011', account: '7771239500', amountTo: 800_00 });
    const attempts = h.terminal.journal.attempts(p.id);
    expect(attempts.map((a) => [a.kind, a.outcome, a.httpStatus, a.result])).toEqual([
      ['check', 'answer', 200, 0],
      ['pay', 'http', 500, null],
      ['pay', 'http', 500, null],
      ['pay', 'answer', 200, 0],
    ]);
    for (const a of attempts.filter((x) => x.kind === 'pay')) expect(a.request).toBe(p.payBody);
    expect(attempts.at(-1)?.answer).toContain(p.transactionId);
  });
});

describe('a full disk', () => {
  it('refuses a new payment before anything is sent, and loses nothing already journaled', async () => {
    const before = await pay({ serviceId: 'P1011', account: '7771230500', amountTo: 100_00 });
    expect(before.state).toBe('success');
    const db = h.terminal.journal.db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    // Fill the last free space so that the next journal write cannot fit.
    try {
      for (let i = 0; i < 10_000; i++) db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)").run(`filler-${i}`, 'x'.repeat(2000));
    } catch (err) {
      expect((err as { code?: string }).code).toBe('SQLITE_FULL');
    }
    const sentBefore = h.requests.length;
    await expect(pay({ serviceId: 'P1011', account: '7771230501', amountTo: 100_00 })).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    expect(h.requests.length).toBe(sentBefore);
    db.pragma('max_page_count = 1073741823');
    expect(h.terminal.journal.mustGet(before.id)).toMatchObject({ state: 'success', transactionId: before.transactionId });
  });
});

describe('check now, pay later (as a screen does)', () => {
  it('an invoice checked, lines chosen, then paid with the same agentTransactionId', async () => {
    const { payment: draft, check } = await h.terminal.engine.begin({ serviceId: 'P0005', account: '3000000077' }, { checkOnly: true });
    expect(check.kind).toBe('ok');
    expect(h.terminal.engine.checkResultOf(h.terminal.journal.mustGet(draft.id))).toMatchObject({ kind: 'ok', answer: { invoice: { invoices: [{ services: expect.any(Array) }] } } });
    // A wrong choice is refused and the draft stays open for the person to correct.
    await expect(h.terminal.engine.payChecked(draft.id, { items: [{ subServiceId: '36', amount: 10_00, lastCount: '1' }] }, 5000)).rejects.toThrow(/below the previous/);
    expect(h.terminal.journal.mustGet(draft.id).state).toBe('draft');
    const paid = await h.terminal.engine.payChecked(draft.id, { items: [{ subServiceId: '36', amount: 359_80, lastCount: '4999' }] }, 10_000);
    expect(paid).toMatchObject({ state: 'success', agentTransactionId: draft.agentTransactionId, amountTo: 359_80 });
    expect(pays('3000000077')).toHaveLength(1);
    await expect(h.terminal.engine.payChecked(draft.id, { items: [{ subServiceId: '36', amount: 359_80, lastCount: '4999' }] }, 1000)).rejects.toThrow(/is success, not waiting/);
  });
});
