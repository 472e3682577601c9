import { afterEach, describe, expect, it } from 'vitest';
import { buildPaymentBody, formatAgentDate } from '../../main/processing/requests.js';
import { DEFAULT_TIME_ZONE } from '../../main/base/zone.js';
import { RefusedError } from '../../main/payments/payment-engine.js';
import { startSandbox } from '../../dev/sandbox/server.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { until } from '../helpers/wait.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Queues a payment as the terminal does when it takes cash it cannot send yet. */
function queue(harness: Harness, account: string, amount: number) {
  const date = formatAgentDate(Date.now(), DEFAULT_TIME_ZONE);
  return harness.terminal.journal.acceptNew(
    { serviceId: 'P1011', serviceName: 'Билайн', account, fields: {}, amountTo: amount, amountFrom: amount },
    Date.now(),
    date,
    (id) => buildPaymentBody({ serviceId: 'P1011', account, agentTransactionId: id, agentTransactionDate: date, amountTo: amount, amountFrom: amount }),
    true,
    'queued by test',
  );
}

describe('offline acceptance and replay', () => {
  it('processing down: payments within the policy are queued, one over it is refused with the reason; all queued are delivered after processing comes back, with no one doing anything', async () => {
    // A 4 % commission: what each customer pays is amountTo + 4 %, for every caller.
    h = await startHarness({ configFile: { commission: { percent: '4' } } });
    const t = h.terminal;
    await t.catalog.refresh();
    const port = h.sandbox.port;
    await h.sandbox.close();

    const a = await t.engine.pay({ serviceId: 'P1011', account: '7771110001', amountTo: 1_000_00 }, 0);
    const b = await t.engine.pay({ serviceId: 'P1013', account: '7011110002', amountTo: 2_500_00, amountFrom: 2_600_00 }, 0);
    expect([a.state, a.offline, b.state, b.offline]).toEqual(['pending', true, 'pending', true]);
    await expect(t.engine.pay({ serviceId: 'P1011', account: '7771110003', amountTo: 150_000_00 }, 0)).rejects.toThrow(RefusedError);
    await expect(t.engine.pay({ serviceId: 'P1011', account: '7771110003', amountTo: 150_000_00 }, 0)).rejects.toThrow(/limited to 100\u00a0000\.00 ₸ each/);
    expect(t.journal.pendingSummary()).toMatchObject({ count: 2, totalFrom: 3_640_00 });
    // A total that is not the rule's is refused before anything is journaled.
    await expect(t.engine.pay({ serviceId: 'P1013', account: '7011110004', amountTo: 2_500_00, amountFrom: 2_500_00 }, 0)).rejects.toThrow(/amount to pay is 2600\.00/);
    // A service whose input only processing can check is not taken offline.
    await expect(t.engine.pay({ serviceId: 'T0002', account: '123456', amountTo: 10_00 }, 0)).rejects.toThrow(/can only be checked by processing/);

    t.worker.start();
    t.startProbe(50);
    const back = await startSandbox({ port });
    try {
      await until(() => t.journal.pendingSummary().count === 0, 'the queue to drain after reconnect');
      for (const p of [a, b]) {
        const done = t.journal.mustGet(p.id);
        expect(done.state).toBe('success');
        expect(back.processing.entry(p.agentTransactionId)?.firstPayBody).toBe(p.payBody);
      }
      expect(back.processing.violations()).toEqual([]);
    } finally {
      await back.close();
    }
  });

  it('the queue survives a restart of the terminal (journal reopened), then drains', async () => {
    h = await startHarness();
    const p = queue(h, '7771110010', 300_00);
    await h.terminal.close();
    const { openTerminal } = await import('../../main/app/terminal.js');
    const reopened = await openTerminal(h.config);
    h.terminal = reopened;
    await reopened.worker.drain(Date.now() + 10_000, { now: true });
    expect(reopened.journal.mustGet(p.id).state).toBe('success');
  });
});

describe('the worker', () => {
  it('one stuck payment never blocks the others', async () => {
    // The stuck request hangs 5 s: the other eight must go through the free slot within it, on a busy machine too.
    h = await startHarness({ env: { TOLEM_WORKER_CONCURRENCY: '2', TOLEM_REQUEST_TIMEOUT_MS: '5000' } });
    const stuck = queue(h, '7771239606', 100_00);
    const others = Array.from({ length: 8 }, (_, i) => queue(h!, `777111${String(2000 + i)}`, 100_00 + i));
    h.terminal.worker.start();
    await until(() => others.every((p) => h!.terminal.journal.mustGet(p.id).state === 'success'), 'the other payments');
    // All eight were paid through the one free slot while the stuck request was still hanging.
    expect(h.terminal.journal.attempts(stuck.id).map((a) => a.finishedAt)).toEqual([null]);
    await until(() => h!.terminal.journal.attempts(stuck.id)[0]?.outcome === 'transport', 'the stuck request to time out');
    expect(h.terminal.journal.mustGet(stuck.id).state).toBe('pending');
    expect(h.terminal.journal.attempts(stuck.id)[0]?.error).toMatch(/^timeout/);
  });

  it('never has more requests in flight than its concurrency', async () => {
    let inflight = 0;
    let peak = 0;
    h = await startHarness({ env: { TOLEM_WORKER_CONCURRENCY: '3' } });
    const origPay = h.terminal.client.pay.bind(h.terminal.client);
    h.terminal.client.pay = async (body) => {
      inflight += 1;
      peak = Math.max(peak, inflight);
      try {
        return await origPay(body);
      } finally {
        inflight -= 1;
      }
    };
    for (let i = 0; i < 30; i++) queue(h, `777112${String(1000 + i)}`, 100_00);
    await h.terminal.worker.drain(Date.now() + 20_000);
    expect(h.terminal.journal.pendingSummary().count).toBe(0);
    expect(peak).toBe(3);
  });

  it('a revoked token leaves payments pending (HTTP 401 is not final), never lost', async () => {
    h = await startHarness({ env: { TOLEM_PROCESSING_TOKEN: 'revoked' } });
    const p = queue(h, '7771110020', 100_00);
    await h.terminal.worker.drain(Date.now() + 500);
    const after = h.terminal.journal.mustGet(p.id);
    expect(after.state).toBe('pending');
    expect(h.terminal.journal.attempts(p.id)[0]).toMatchObject({ outcome: 'http', httpStatus: 401 });
  });
});

describe('the worker over a long run', () => {
  it('thousands of idle cycles leave no growing chain of sleepers, and a wake still works', async () => {
    h = await startHarness();
    const { PaymentWorker } = await import('../../main/payments/worker.js');
    const worker = new PaymentWorker(h.terminal.engine, h.terminal.journal, { concurrency: 2, pollMs: 0 });
    worker.start();
    await until(() => worker.cycles >= 2000, 'two thousand idle cycles of the worker');
    expect(worker.sleepers).toBeLessThanOrEqual(1);
    const p = queue(h, '7771110030', 100_00);
    worker.wake();
    await until(() => h!.terminal.journal.mustGet(p.id).state === 'success', 'the payment after a long idle run');
    await worker.stop();
    expect(worker.sleepers).toBe(0);
  });
});
