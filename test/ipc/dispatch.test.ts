/**
 * The IPC boundary: only the terminal's own renderer may drive it, arguments are parsed by the
 * channel's schema (money as decimal strings, never floats), errors come back as envelopes.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher, isTrustedSender, type Dispatch } from '../../main/ipc/dispatch.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const ORIGINS = ['tolem://app', 'http://127.0.0.1:43110'];

describe('sender check', () => {
  it.each([
    ['tolem://app/index.html', true],
    ['tolem://app/', true],
    ['http://127.0.0.1:43110/#/pay', true],
    ['http://127.0.0.1:43111/', false],
    ['http://localhost:43110/', false],
    ['https://evil.example/', false],
    ['tolem://app.evil/index.html', false],
    ['tolem://evil/app', false],
    ['file:///etc/passwd', false],
    ['http://user:pw@127.0.0.1:43110/', false],
    ['about:blank', false],
    ['', false],
    [undefined, false],
    ['not a url', false],
  ])('%s → %s', (url, trusted) => {
    expect(isTrustedSender(url, ORIGINS)).toBe(trusted);
  });
});

let h: Harness;
let dispatch: Dispatch;
const internal = vi.fn();
beforeAll(async () => {
  h = await startHarness({ configFile: { commission: { percent: '2', minimum: '10.00' }, cashAcceptor: 'simulated', screens: { adminPin: '4321' } } });
  dispatch = createDispatcher(createHandlers(h.terminal), ORIGINS, internal);
});
afterAll(async () => {
  await h.close();
});
const call = (channel: string, args: unknown) => dispatch(channel, args, 'tolem://app/index.html');

describe('dispatch', () => {
  it('refuses an untrusted page before looking at anything else, and sends nothing', async () => {
    const sent = h.requests.length;
    expect(await dispatch('payment.check', { serviceId: 'P1011', account: '7771234567' }, 'https://evil.example/')).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(h.requests.length).toBe(sent);
  });

  it('an unknown channel, or a prototype name, is not a channel', async () => {
    expect((await call('payment.steal', {})).ok).toBe(false);
    expect(await call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await call('toString', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it.each([
    ['a float amount', { agentTransactionId: '1', amountTo: 200.5 }, /amountTo/],
    ['three decimals', { agentTransactionId: '1', amountTo: '200.005' }, /more than two decimals/],
    ['an id as a number', { agentTransactionId: 10596973795650 }, /agentTransactionId/],
    ['an id of 19 digits', { agentTransactionId: '1234567890123456789' }, /18 digits/],
    ['an unexpected field', { agentTransactionId: '1', admin: true }, /admin/],
  ])('refuses %s with a message naming the field', async (_what, args, message) => {
    const r = await call('payment.pay', args);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it('check, then pay the same payment; amounts and ids come back as strings', async () => {
    const checked = await call('payment.check', { serviceId: 'P2001', account: '7172123456' });
    // Displays come with the catalog's titles, in the catalog's order, as text.
    expect(checked).toMatchObject({ ok: true, value: { result: 'ok', answer: { displays: [{ name: 'fio', title: 'Абонент', value: expect.any(String) }, { name: 'debt', title: 'Задолженность' }] }, payment: { state: 'draft' } } });
    if (!checked.ok) return;
    const atid = (checked.value as { payment: { agentTransactionId: string } }).payment.agentTransactionId;
    const paid = await call('payment.pay', { agentTransactionId: atid, amountTo: '1500.00', amountFrom: '1530.00' });
    expect(paid).toMatchObject({ ok: true, value: { agentTransactionId: atid, state: 'success', amountTo: '1500.00', amountFrom: '1530.00', commission: '30.00', transactionId: expect.stringMatching(/^\d{18}$/) } });
    expect(await call('payment.get', { agentTransactionId: atid })).toMatchObject({ ok: true, value: { state: 'success' } });
  });

  it('quotes the commission before paying, and refuses a total the person did not see', async () => {
    expect(await call('payment.quote', { amountTo: '1500.00' })).toEqual({ ok: true, value: { amountTo: '1500.00', commission: '30.00', amountFrom: '1530.00', finalAmount: null, currency: null } });
    expect(await call('payment.quote', { amountTo: '100.00' })).toMatchObject({ ok: true, value: { commission: '10.00', amountFrom: '110.00' } });
    // A kiosk's cash: what it credits.
    expect(await call('payment.quote', { amountFrom: '1020.00' })).toMatchObject({ ok: true, value: { amountTo: '1000.00', commission: '20.00' } });
    expect(await call('payment.quote', { amountFrom: '5.00' })).toMatchObject({ ok: false, error: { code: 'input' } });
    const checked = await call('payment.check', { serviceId: 'P1011', account: '7771234567' });
    if (!checked.ok) throw new Error('check failed');
    const atid = (checked.value as { payment: { agentTransactionId: string } }).payment.agentTransactionId;
    const sent = h.requests.length;
    expect(await call('payment.pay', { agentTransactionId: atid, amountTo: '1500.00', amountFrom: '1500.00' })).toMatchObject({ ok: false, error: { code: 'input', message: expect.stringMatching(/1530\.00/) } });
    expect(h.requests.length).toBe(sent);
    expect(await call('payment.pay', { agentTransactionId: atid, amountTo: '1500.00' })).toMatchObject({ ok: true, value: { amountFrom: '1530.00', commission: '30.00', state: 'success' } });
  });

  it('an international provider: the rate from check and the amount that arrives', async () => {
    const checked = await call('payment.check', { serviceId: 'P3001', account: 'gamer_01' });
    if (!checked.ok) throw new Error('check failed');
    const v = checked.value as { answer: { international: { currency: string; rate: string } }; payment: { agentTransactionId: string } };
    expect(v.answer.international).toMatchObject({ currency: 'USD', rate: '0.0020833333' });
    expect(await call('payment.quote', { agentTransactionId: v.payment.agentTransactionId, amountTo: '4800.00' })).toMatchObject({ ok: true, value: { finalAmount: '9.99', currency: 'USD' } });
  });

  it('a kiosk\'s cash: notes journaled in a session, which pays for exactly one payment of exactly its total', async () => {
    const first = await call('cash.insert', { note: '1000.00' });
    if (!first.ok) throw new Error('insert failed');
    const session = (first.value as { session: string }).session;
    expect(await call('cash.insert', { session, note: '20.00' })).toMatchObject({ ok: true, value: { session, inserted: '1020.00', stacked: true } });
    expect(await call('cash.insert', { session, note: '500.00', limit: '1020.00' })).toMatchObject({ ok: true, value: { inserted: '1020.00', stacked: false } });
    expect(await call('cash.insert', { session, note: '3.00' })).toMatchObject({ ok: false, error: { code: 'input' } });
    // Cash a customer is still inserting is not "cash without a payment": no alarm on the first note.
    expect((await call('terminal.status', {})) as unknown).toMatchObject({ ok: true, value: { cashWithoutPayment: 0 } });

    const checked = await call('payment.check', { serviceId: 'P1011', account: '7771234567' });
    if (!checked.ok) throw new Error('check failed');
    const atid = (checked.value as { payment: { agentTransactionId: string } }).payment.agentTransactionId;
    const sent = h.requests.length;
    // 1000.00 credited needs 1020.00 with the 2 % commission; this session holds 1020.00, not 1530.00.
    expect(await call('payment.pay', { agentTransactionId: atid, amountTo: '1500.00', cashSession: session })).toMatchObject({ ok: false, error: { code: 'input', message: expect.stringMatching(/not the amount to pay/) } });
    expect(h.requests.length).toBe(sent);
    expect(await call('payment.pay', { agentTransactionId: atid, amountTo: '1000.00', amountFrom: '1020.00', cashSession: session })).toMatchObject({ ok: true, value: { state: 'success', amountFrom: '1020.00' } });
    expect((await call('terminal.status', {})) as unknown).toMatchObject({ ok: true, value: { cashWithoutPayment: 0 } });
    expect(await call('cash.insert', { session, note: '100.00' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/paid for its payment/) } });

    // A locked amount with tiyn: cash may go past the total by less than 1 ₸, never more.
    const bill = await call('payment.check', { serviceId: 'P0005', account: '1234567890' });
    if (!bill.ok) throw new Error('check failed');
    const billAtid = (bill.value as { payment: { agentTransactionId: string } }).payment.agentTransactionId;
    const items = [{ subServiceId: '2', amount: '925.20' }]; // + 2 % = 943.71 due
    const tooMuch = await call('cash.insert', { note: '500.00' });
    if (!tooMuch.ok) throw new Error('insert failed');
    const tooMuchSession = (tooMuch.value as { session: string }).session;
    await call('cash.insert', { session: tooMuchSession, note: '200.00' });
    await call('cash.insert', { session: tooMuchSession, note: '200.00' });
    await call('cash.insert', { session: tooMuchSession, note: '50.00' });
    expect(await call('payment.pay', { agentTransactionId: billAtid, items, amountFrom: '950.00', cashSession: tooMuchSession })).toMatchObject({ ok: false, error: { code: 'input', message: expect.stringMatching(/amount to pay is 943\.71/) } });
    const exact = await call('cash.insert', { note: '500.00' });
    if (!exact.ok) throw new Error('insert failed');
    const exactSession = (exact.value as { session: string }).session;
    for (const note of ['200.00', '200.00', '20.00', '20.00', '2.00', '2.00']) await call('cash.insert', { session: exactSession, note });
    expect(await call('payment.pay', { agentTransactionId: billAtid, items, amountFrom: '944.00', cashSession: exactSession })).toMatchObject({ ok: true, value: { state: 'success', amountTo: '925.20', amountFrom: '944.00', commission: '18.80' } });
    expect(await call('cash.release', { session: tooMuchSession })).toMatchObject({ ok: true, value: { total: '950.00', toAttendant: true } });
    await call('cash.settle', { session: tooMuchSession, note: 'возвращено клиенту' });

    // Cash a person walked away from: listed for the attendant, settled in words.
    const left = await call('cash.insert', { note: '2000.00' });
    if (!left.ok) throw new Error('insert failed');
    const leftSession = (left.value as { session: string }).session;
    expect(await call('cash.unpaid', {})).toEqual({ ok: true, value: [] });
    await call('cash.release', { session: leftSession, reason: 'walked-away' });
    expect(await call('cash.unpaid', {})).toEqual({ ok: true, value: [{ session: leftSession, openedAt: expect.any(String), total: '2000.00', notes: 1, why: 'walked-away', agentTransactionId: null, serviceName: null, account: null }] });
    expect(await call('cash.settle', { session: leftSession, note: 'возвращено клиенту' })).toEqual({ ok: true, value: { settled: true } });
    expect(await call('cash.unpaid', {})).toEqual({ ok: true, value: [] });
  });

  it('the admin PIN: wrong is refused; right answers even where the host has no kiosk to leave', async () => {
    expect(await call('admin.exit', { pin: '1111' })).toMatchObject({ ok: false, error: { code: 'refused', reason: 'pin-wrong', params: { triesLeft: 4 } } });
    expect(await call('admin.exit', { pin: '4321' })).toEqual({ ok: true, value: { exited: false } });
    expect(await call('admin.exit', { pin: 'abc' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('a wrong choice is an input error with its problems, and the draft stays payable', async () => {
    const checked = await call('payment.check', { serviceId: 'P0006', account: '870412300123' });
    if (!checked.ok) throw new Error('check failed');
    const atid = (checked.value as { payment: { agentTransactionId: string } }).payment.agentTransactionId;
    const wrong = await call('payment.pay', { agentTransactionId: atid, amountTo: '1000.00', contractId: 'nope' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'input', problems: [expect.stringMatching(/not among/)] } });
    const contract = ((checked.value as { answer: { contracts: { contractId: string }[] } }).answer.contracts[0]!).contractId;
    expect(await call('payment.pay', { agentTransactionId: atid, amountTo: '1000.00', contractId: contract })).toMatchObject({ ok: true, value: { state: 'success' } });
  });

  it('a refused check ends the payment as not paid; a missing payment is not-found', async () => {
    const checked = await call('payment.check', { serviceId: 'P1011', account: '7771239005' });
    expect(checked).toMatchObject({ ok: true, value: { result: 'refused', payment: { state: 'failed', result: 5 } } });
    expect(await call('payment.get', { agentTransactionId: '999' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('an unexpected failure is logged and answered without its details', async () => {
    const broken = createDispatcher({ ...createHandlers(h.terminal), 'journal.list': () => Promise.reject(new Error('secret token abc')) }, ORIGINS, internal);
    const r = await broken('journal.list', {}, 'tolem://app/');
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(internal).toHaveBeenCalledWith(expect.objectContaining({ message: 'secret token abc' }));
  });

  it('status tells the screens what the status bar shows', async () => {
    expect(await call('terminal.status', {})).toMatchObject({ ok: true, value: { online: 'online', pending: 0, mode: 'cashier', receiptLang: 'ru', pendingTotal: '0.00' } });
  });
});
