/**
 * The payouts module emulator over HTTP, as the bank's document describes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_PAYOUTS_PASSWORD, SANDBOX_PAYOUTS_USER, startSandbox, type RunningSandbox } from '../../dev/sandbox/server.js';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(async () => {
  await sb.close();
});

const creds = { userName: SANDBOX_PAYOUTS_USER, password: SANDBOX_PAYOUTS_PASSWORD };
async function call(method: string, body: Record<string, unknown>) {
  const res = await fetch(`${sb.url}/payouts/api/v2/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const perform = (orderNumber: string, pan: string, amount = 1234) => call('performPayout.do', { ...creds, orderNumber, amount, currency: '398', client: { name: 'IVAN IVANOV' }, target: { pan } });

describe('payouts module sandbox', () => {
  it('echo answers text like the bank\'s', async () => {
    const res = await fetch(`${sb.url}/payouts/api/v2/echo`);
    expect(await res.text()).toMatch(/^Payout v2\.3 is online/);
  });

  it('performs a payout to a Kazakh card: orderStatus 2, masked card only, balance goes down', async () => {
    const before = (await call('getAmount.do', creds)).body.balanceDescriptionList as { balanceAmount: number };
    const r = await perform('tolem-1', '4400430212055674');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ errorCode: '0', orderStatus: '2', amount: 1234, currency: '398', target: { maskedPan: '440043XXXXXX5674' } });
    expect(JSON.stringify(sb.payouts.orders())).not.toContain('4400430212055674');
    const after = (await call('getAmount.do', creds)).body.balanceDescriptionList as { balanceAmount: number; balanceCurrency: string };
    expect(before.balanceAmount - after.balanceAmount).toBe(1234);
    expect(after.balanceCurrency).toBe('398');
  });

  it('never pays one orderNumber twice', async () => {
    await perform('tolem-2', '4400430212055674');
    const again = await perform('tolem-2', '4400430212055674');
    expect(again.status).toBe(400);
    expect(again.body.errorCode).toBe('98');
    expect(sb.payouts.orders().find((o) => o.orderNumber === 'tolem-2')?.paidCount).toBe(1);
  });

  it('a 504 leaves the outcome unknown to the caller; getPayoutStatus tells it was paid', async () => {
    const r = await perform('tolem-3', '4400430212020504');
    expect(r).toMatchObject({ status: 504, body: { errorCode: '91' } });
    const s = await call('getPayoutStatus.do', { ...creds, orderNumber: 'tolem-3' });
    expect(s.body).toMatchObject({ errorCode: '0', orderStatus: '2' });
  });

  it('errors of the document: foreign card 204, bad currency 98, bad password 401/90, unknown order 98', async () => {
    expect((await perform('tolem-4', '2200000000000004')).body.errorCode).toBe('204');
    expect((await call('performPayout.do', { ...creds, orderNumber: 'tolem-5', amount: 1, currency: '643', target: { pan: '4400430212055674' } })).body).toMatchObject({ errorCode: '98', errorMessage: 'Currency does not match required pattern' });
    expect(await call('getAmount.do', { userName: SANDBOX_PAYOUTS_USER, password: 'wrong' })).toMatchObject({ status: 401, body: { errorCode: '90' } });
    expect((await call('getPayoutStatus.do', { ...creds, orderNumber: 'nope' })).body.errorCode).toBe('98');
  });

  it('registers a payout and returns the bank\'s card page; completing it pays', async () => {
    const r = await call('registerPayout.do', { ...creds, orderNumber: 'tolem-6', amount: 5000, currency: '398', client: { name: 'ASEL' }, urls: { returnUrl: 'https://agent.example/ok' } });
    expect(r.body).toMatchObject({ errorCode: '0', orderNumber: 'tolem-6' });
    const page = await fetch(String(r.body.formUrl));
    expect(await page.text()).toMatch(/Выплата на карту/);
    await fetch(`${sb.url}/payouts/sandbox/complete`, { method: 'POST', body: new URLSearchParams({ mdOrder: String(r.body.orderId), pan: '4400430212055674' }) });
    expect((await call('getPayoutStatus.do', { ...creds, orderId: r.body.orderId })).body.orderStatus).toBe('2');
  });
});
