/**
 * Kiosk cash is never dropped out of sight (items 1, 19, 20): cash is accounted for only by a payment
 * that is pending, under review or paid; refused after the notes went in, it is listed, counted and
 * settled. A customer below the minimum is told how much more; a printer that does not answer takes
 * no money.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/ipc/dispatch.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function kiosk(configFile: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) {
  h = await startHarness({ configFile: { commission: { percent: '1', minimum: '20.00' }, cashAcceptor: 'simulated', ...configFile }, env });
  const dispatch = createDispatcher(createHandlers(h.terminal), ['tolem://app'], () => undefined);
  const call = async <T = Record<string, unknown>>(channel: string, args: unknown): Promise<T> => {
    const r = await dispatch(channel, args, 'tolem://app/');
    if (!r.ok) throw Object.assign(new Error(r.error.message), { envelope: r.error });
    return r.value as T;
  };
  const refusal = (channel: string, args: unknown) => dispatch(channel, args, 'tolem://app/');
  return { h, call, refusal };
}

async function insert(call: <T>(c: string, a: unknown) => Promise<T>, notes: string[]): Promise<string> {
  let session: string | undefined;
  for (const note of notes) session = (await call<{ session: string }>('cash.insert', { session, note })).session;
  return session!;
}

describe('kiosk cash and refusals (item 1)', () => {
  it('a final refusal after the notes went in: the cash is listed, counted in the status bar and settled', async () => {
    const { call } = await kiosk();
    const check = await call<{ payment: { agentTransactionId: string } }>('payment.check', { serviceId: 'P1011', account: '7771239007' });
    const session = await insert(call, ['1000.00', '10.00']);
    const paid = await call<{ state: string }>('payment.pay', { agentTransactionId: check.payment.agentTransactionId, amountTo: '990.00', amountFrom: '1010.00', cashSession: session });
    expect(paid.state).toBe('failed');
    expect(await call('cash.unpaid', {})).toEqual([expect.objectContaining({ session, total: '1010.00' })]);
    expect(await call('terminal.status', {})).toMatchObject({ cashWithoutPayment: 1 });
    expect(await call('cash.settle', { session, note: 'возвращено клиенту' })).toEqual({ settled: true });
    expect(await call('cash.unpaid', {})).toEqual([]);
  });

  it('refused over the offline limit after the notes went in: nothing is linked, the cash is the attendant\'s', async () => {
    const { call, refusal, h: harness } = await kiosk({ offline: { maxPaymentAmount: '500.00' } });
    await harness.terminal.catalog.refresh();
    const check = await call<{ payment: { agentTransactionId: string }; result: string; offlineBlocked: string | null }>('payment.check', { serviceId: 'P1011', account: '7771239610' });
    expect(check).toMatchObject({ result: 'unreachable', offlineBlocked: null });
    const session = await insert(call, ['1000.00', '10.00']);
    const r = await refusal('payment.pay', { agentTransactionId: check.payment.agentTransactionId, amountTo: '990.00', amountFrom: '1010.00', cashSession: session });
    expect(r).toMatchObject({ ok: false, error: { code: 'refused', reason: 'offline-limit' } });
    expect(harness.terminal.cash.session(session)!.paymentId).toBeNull();
    expect(await call('cash.unpaid', {})).toEqual([expect.objectContaining({ session, total: '1010.00' })]);
    expect(await call('cash.settle', { session, note: 'возвращено клиенту' })).toEqual({ settled: true });
  });

  it('a service that cannot be paid offline says so at check, before any cash is taken', async () => {
    const { call, h: harness } = await kiosk();
    await harness.terminal.catalog.refresh();
    await harness.sandbox.close();
    const check = await call<{ result: string; offlineBlocked: string | null }>('payment.check', { serviceId: 'P0006', account: '870412300123' });
    expect(check).toMatchObject({ result: 'unreachable', offlineBlocked: 'offline-needs-check' });
    const bill = await call<{ offlineBlocked: string | null }>('payment.check', { serviceId: 'P0005', account: '1234567890' });
    expect(bill.offlineBlocked).toBe('offline-needs-check');
    expect((await call<{ offlineBlocked: string | null }>('payment.check', { serviceId: 'P1011', account: '7771234567' })).offlineBlocked).toBeNull();
  });
});

describe('a kiosk customer below the minimum (item 19)', () => {
  it('is told how much more to insert; giving up hands the cash to the attendant', async () => {
    const { call } = await kiosk();
    // 1 %, at least 20 ₸: 10 ₸ pays nothing yet; 21 ₸ credits 0.01 ₸ at the least, so 11 ₸ more (whole tenge).
    expect(await call('cash.progress', { inserted: '10.00' })).toEqual({ payable: false, missing: '11.00' });
    expect(await call('cash.progress', { inserted: '1000.00' })).toEqual({ payable: true, missing: '0.00' });
    expect(await call('cash.progress', { inserted: '500.00', lockedTotal: '943.71' })).toEqual({ payable: false, missing: '444.00' });
    const session = await insert(call, ['10.00']);
    expect(await call('terminal.status', {})).toMatchObject({ cashWithoutPayment: 0 }); // the first note raises no alarm
    expect(await call('cash.release', { session })).toEqual({ session, total: '10.00', toAttendant: true, slip: null });
    expect(await call('terminal.status', {})).toMatchObject({ cashWithoutPayment: 1 });
  });
});

describe('a kiosk whose printer does not answer (item 20)', () => {
  it('takes no money, says why, and the status says so before any cash', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const { call, refusal } = await kiosk({ mode: 'kiosk', printers: [{ name: 'desk', interface: `tcp://127.0.0.1:${closed}` }], receipts: { timeoutMs: 500 } });
    expect(await call('terminal.status', {})).toMatchObject({ refusal: 'printer-unreachable' });
    const r = await refusal('payment.check', { serviceId: 'P1011', account: '7771234567' });
    expect(r.ok).toBe(true); // a check takes no money
    const atid = (r as { ok: true; value: { payment: { agentTransactionId: string } } }).value.payment.agentTransactionId;
    const pay = await refusal('payment.pay', { agentTransactionId: atid, amountTo: '100.00' });
    expect(pay).toMatchObject({ ok: false, error: { code: 'refused', reason: 'printer-unreachable' } });
  });
});

describe('a kiosk moves no money without cash (issue 13, item 7)', () => {
  const kioskMode = { TOLEM_TERMINAL_MODE: 'kiosk', TOLEM_PAYOUTS_DIRECT: '1' };

  it('a payment through the IPC with no cash session, or with notes that do not cover it, is refused by the domain with nothing sent', async () => {
    const { refusal, call, h: harness } = await kiosk({ receipts: { printer: 'virtual' } }, kioskMode);
    const check = await call<{ payment: { agentTransactionId: string } }>('payment.check', { serviceId: 'P1011', account: '7771239007' });
    const before = harness.requests.filter((r) => r.method === 'pay').length;
    expect(await refusal('payment.pay', { agentTransactionId: check.payment.agentTransactionId, amountTo: '5000.00' })).toMatchObject({ ok: false, error: { reason: 'cash-cash-required' } });
    const session = await insert(call, ['1000.00']);
    expect(await refusal('payment.pay', { agentTransactionId: check.payment.agentTransactionId, amountTo: '5000.00', amountFrom: '5050.00', cashSession: session })).toMatchObject({ ok: false, error: { reason: 'cash-amount-mismatch' } });
    expect(harness.requests.filter((r) => r.method === 'pay').length).toBe(before);
    expect(harness.terminal.journal.byAgentTransactionId(check.payment.agentTransactionId)!.state).toBe('draft');
  });

});
