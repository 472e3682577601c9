/**
 * Card payouts against the sandbox's payouts module over HTTP (issue 10): both flows, the error
 * table, unknown outcomes resolved only by the bank's status (never sent again), an expired page,
 * and no card number anywhere on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/config/config.js';
import { createLogger } from '../../main/base/log.js';
import { outcomeUnknown, payoutErrorCode } from '../../main/payouts/client.js';
import { PayoutEngine, PayoutInputError } from '../../main/payouts/payout-engine.js';
import { payoutJson } from '../../main/payouts/payout-view.js';
import { createDispatcher } from '../../main/ipc/dispatch.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { SANDBOX_PAYOUTS_PASSWORD, SANDBOX_PAYOUTS_USER, startSandbox, type RunningSandbox } from '../../dev/sandbox/server.js';
import { openTerminal, type Terminal } from '../../main/app/terminal.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';
import { cardEnding, enterCardOnBankPage } from './cards.js';
import { until } from '../helpers/wait.js';

let sandbox: RunningSandbox | null = null;
let terminal: Terminal | null = null;
afterEach(async () => {
  await terminal?.close();
  terminal = null;
  await sandbox?.close();
  sandbox = null;
});

async function open(opts: { env?: NodeJS.ProcessEnv; configFile?: Record<string, unknown> } = {}): Promise<{ t: Terminal; sb: RunningSandbox; dir: string }> {
  sandbox = await startSandbox({});
  const dir = tempDir();
  // The agent's payout commission follows the payments' rule unless set: 1 %, at least 20 ₸.
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ commission: { percent: '1', minimum: '20.00' }, payouts: { returnUrl: 'https://agent.example.kz/payout/done', timeoutMs: 1500 }, cashAcceptor: 'simulated', ...opts.configFile }));
  const env = harnessEnv(dir, sandbox.url, { TOLEM_PAYOUTS_URL: sandbox.url, TOLEM_PAYOUTS_USER: SANDBOX_PAYOUTS_USER, TOLEM_PAYOUTS_PASSWORD: SANDBOX_PAYOUTS_PASSWORD, TOLEM_PAYOUTS_DIRECT: '1', ...opts.env });
  terminal = await openTerminal(loadConfig(env), { log: createLogger({ level: 'error', stderr: false }) });
  return { t: terminal, sb: sandbox, dir };
}

const order = (sb: RunningSandbox, orderNumber: string) => sb.payouts.orders().find((o) => o.orderNumber === orderNumber);

describe('the bank page flow', () => {
  it('registers, the recipient enters the card on the bank page, the status says paid; the card never reaches the terminal', async () => {
    const { t, sb } = await open();
    const p = await t.payouts!.start({ amount: 1500_00, name: 'Ivan Ivanov', flow: 'page' }, 0);
    expect(p).toMatchObject({ state: 'registered', amountFrom: 1520_00 });
    expect(p.formUrl).toMatch(/payment_ru\.html\?mdOrder=/);
    expect(await enterCardOnBankPage(sb.url, p.orderId!)).toBe('orderStatus 2');
    const done = await t.payouts!.check(p.id);
    expect(done).toMatchObject({ state: 'paid', maskedPan: '411111******1111' });
    expect(order(sb, p.orderNumber)).toMatchObject({ paidCount: 1 });
    expect(t.payouts!.journal.attempts(p.id).map((a) => a.kind)).toEqual(['register', 'status']);
  });

  it('an expired page ends "expired", pays nothing after, and the cash that funded it is listed for the attendant', async () => {
    const { t, sb } = await open({ env: { TOLEM_PAYOUTS_SESSION_SECONDS: '1' } });
    let session = t.cash.escrow(null, 1000_00, null).session.id;
    session = t.cash.escrow(session, 500_00, null).session.id;
    session = t.cash.escrow(session, 20_00, null).session.id;
    const p = await t.payouts!.start({ amount: 1500_00, name: 'Ivan Ivanov', flow: 'page', cashSession: session }, 0);
    t.cash.release(session);
    expect(t.cash.unpaid()).toEqual([]); // funding a payout whose outcome is not known yet
    // The bank page's life (1 s) has passed, by the clock the bank and the terminal read.
    await until(() => Date.now() > p.expiresAt! + 50, 'the bank page to expire');
    expect(await enterCardOnBankPage(sb.url, p.orderId!)).toBe('orderStatus 0');
    expect(await t.payouts!.check(p.id)).toMatchObject({ state: 'expired' });
    expect(order(sb, p.orderNumber)).toMatchObject({ paidCount: 0 });
    expect(t.cash.unpaid()).toEqual([expect.objectContaining({ id: session, total: 1520_00, payoutState: 'expired' })]);
  });
});

describe('the direct flow', () => {
  it('pays to a typed card: Luhn-checked, shown 6/4, paid once', async () => {
    const { t, sb } = await open();
    await expect(t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan: '4111111111111112' }, 5000)).rejects.toThrow(PayoutInputError);
    const p = await t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan: '4111 1111 1111 1111' }, 5000);
    expect(p).toMatchObject({ state: 'paid', maskedPan: '411111******1111' });
    expect(order(sb, p.orderNumber)).toMatchObject({ performCount: 1, paidCount: 1 });
  });

  it('is off unless turned on', async () => {
    const { t } = await open({ env: { TOLEM_PAYOUTS_DIRECT: '0' } });
    await expect(t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan: '4111111111111111' }, 5000)).rejects.toMatchObject({ problems: ['direct-off'] });
  });

  it.each([
    ['0504', 'paid, then a 504', 'paid', 1],
    ['0602', 'paid, then a reset', 'paid', 1],
    ['0606', 'paid, then no answer at all (timeout)', 'paid', 1],
  ])('…%s (%s): the outcome is unknown, resolved only by the bank\'s status: %s, never sent again', async (last4, _what, final, paid) => {
    const { t, sb } = await open();
    const p = await t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan: cardEnding(last4) }, 0);
    expect(p.state).toBe('pending');
    const done = await t.payouts!.waitFinal(p.id, Date.now() + 10_000);
    expect(done.state).toBe(final);
    const kinds = t.payouts!.journal.attempts(p.id).map((a) => a.kind);
    expect(kinds.filter((k) => k === 'perform')).toHaveLength(1);
    expect(kinds.slice(1).every((k) => k === 'status')).toBe(true);
    expect(order(sb, p.orderNumber)?.paidCount ?? 0).toBe(paid);
  });

  it.each([
    ['0500', 'a 500 before anything was done'],
    ['0505', 'a 504/91 before anything was done'],
  ])('…%s (%s): "order not found" is no outcome: unknown within the grace, then a person, never "declined"', async (last4) => {
    const { t, sb } = await open({ env: { TOLEM_PAYOUTS_NOT_FOUND_GRACE_SECONDS: '2' } });
    const p = await t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan: cardEnding(last4) }, 0);
    expect(p.state).toBe('pending');
    // Within the grace the bank's "not found" keeps it unknown and asked again.
    const early = await t.payouts!.check(p.id);
    expect(early.state).toBe('pending');
    expect(t.payouts!.journal.attempts(p.id).at(-1)?.error).toMatch(/order not found/i);
    const done = await t.payouts!.waitFinal(p.id, Date.now() + 15_000);
    expect(done.state).toBe('review');
    expect(done.reason).toMatch(/no order .* a person must reconcile/);
    expect(t.payouts!.journal.attempts(p.id).filter((a) => a.kind === 'perform')).toHaveLength(1);
    expect(order(sb, p.orderNumber)).toBeUndefined();
  });

  it('a perform that reaches the bank after the deadline: "not found" at first, then paid: recorded paid, never declined', async () => {
    const { t, sb } = await open();
    const p = await t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan: cardEnding('0707') }, 0);
    expect(p.state).toBe('pending');
    const seen: string[] = [];
    let now = t.payouts!.journal.mustGet(p.id);
    const deadline = Date.now() + 20_000;
    while (now.state === 'pending' && Date.now() < deadline) {
      now = await t.payouts!.check(p.id);
      seen.push(now.state);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(now.state).toBe('paid');
    expect(seen).not.toContain('declined');
    const statuses = t.payouts!.journal.attempts(p.id).filter((a) => a.kind === 'status');
    expect(statuses.some((a) => /order not found/i.test(a.error ?? ''))).toBe(true);
    expect(order(sb, p.orderNumber)).toMatchObject({ paidCount: 1 });
  });

  it('a status answer naming another order is no answer: this payout is not recorded paid', async () => {
    const { t, sb } = await open({ env: { TOLEM_PAYOUTS_NOT_FOUND_GRACE_SECONDS: '1' } });
    const other = await t.payouts!.start({ amount: 9000_00, name: 'Ivan Ivanov', flow: 'direct', pan: cardEnding('7777') }, 5000);
    expect(other.state).toBe('paid');
    const p = await t.payouts!.start({ amount: 9000_00, name: 'Petr Petrov', flow: 'direct', pan: cardEnding('0808') }, 0);
    for (let i = 0; i < 3; i += 1) expect((await t.payouts!.check(p.id)).state).toBe('pending');
    const statuses = t.payouts!.journal.attempts(p.id).filter((a) => a.kind === 'status');
    expect(statuses).toHaveLength(3);
    for (const a of statuses) {
      expect(a.error).toMatch(/another order/);
      expect(a.answer).toContain(other.orderNumber);
    }
    expect(order(sb, p.orderNumber)).toBeUndefined();
  });

  it('a declined card ends "declined"; a card of another country\'s bank is refused with its reason', async () => {
    const { t } = await open();
    expect(await t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan: cardEnding('0006') }, 5000)).toMatchObject({ state: 'declined', errorCode: 'declined' });
    expect(await t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan: cardEnding('1234', '220000') }, 5000)).toMatchObject({ state: 'declined', errorCode: 'card-not-supported' });
  });

  it('after a direct payout the card number\'s digits are nowhere in the data directory (database, WAL, logs)', async () => {
    const { t, dir } = await open();
    const pan = cardEnding('7777');
    await t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan }, 5000);
    await t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan: cardEnding('0504') }, 0);
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk : files.push.bind(files))(path.join(d, e.name));
    };
    walk(dir);
    expect(files.some((f) => f.endsWith('journal.sqlite-wal'))).toBe(true);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(Buffer.from(pan)), f).toBe(false);
      expect(bytes.includes(Buffer.from(pan.slice(6, 12))), `${f} holds the middle digits`).toBe(false);
    }
  });
});

describe('the error table', () => {
  it.each([
    [400, '98', 'amount is а required parameter', 'request-invalid'],
    [400, '98', 'Order not found in payout proxy. Check orderId or orderNumber', 'order-not-found'],
    [401, '90', 'User not authenticated', 'auth'],
    [404, '', '', 'no-method'],
    [500, '99', 'No merchant settings available', 'bank-error'],
    [502, '99', 'Rest response was unsuccessfull', 'gateway-error'],
    [502, '204', 'Unsupported pan', 'card-not-supported'],
    [502, '400', 'Invalid request: bin is empty or is not numeric', 'card-not-supported'],
    [504, '91', 'Timeout when requesting [gateway]', 'bank-timeout'],
    // A gateway's name in the message never turns a timeout into a refusal.
    [504, '91', 'Timeout when requesting [mrbin-service]', 'bank-timeout'],
    [504, '91', 'Timeout when requesting [card affiliation]', 'bank-timeout'],
  ])('HTTP %i, errorCode %s: %s → %s', (status, code, message, expected) => {
    expect(payoutErrorCode(status, code, message)).toBe(expected);
  });

  it.each([
    [{ kind: 'error', httpStatus: 504, errorCode: '91', errorMessage: 'Timeout when requesting [mrbin]', raw: '' }, true],
    [{ kind: 'error', httpStatus: 502, errorCode: '99', errorMessage: 'Rest response was unsuccessfull', raw: '' }, true],
    [{ kind: 'error', httpStatus: 503, errorCode: '', errorMessage: 'HTTP 503', raw: '' }, true],
    [{ kind: 'error', httpStatus: 200, errorCode: '7', errorMessage: 'not in the table', raw: '' }, true],
    [{ kind: 'error', httpStatus: 400, errorCode: '', errorMessage: 'HTTP 400', raw: '<html>' }, true],
    [{ kind: 'malformed', httpStatus: 200, raw: '{', problem: 'not JSON' }, true],
    [{ kind: 'error', httpStatus: 502, errorCode: '204', errorMessage: 'Unsupported pan', raw: '' }, false],
    [{ kind: 'error', httpStatus: 400, errorCode: '98', errorMessage: 'amount is а required parameter', raw: '' }, false],
    [{ kind: 'error', httpStatus: 401, errorCode: '90', errorMessage: 'User not authenticated', raw: '' }, false],
  ] as const)('only the table\'s refusals before any money moved are final: %o → unknown %s', (outcome, unknown) => {
    expect(outcomeUnknown(outcome)).toBe(unknown);
  });

  it('504/91 on perform after the bank paid: the status is asked, and the payout is recorded paid (not "card not supported")', async () => {
    const { t, sb } = await open();
    const p = await t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan: cardEnding('0504') }, 10_000);
    expect(p).toMatchObject({ state: 'paid' });
    expect(p.errorCode).toBeNull();
    expect(order(sb, p.orderNumber)).toMatchObject({ paidCount: 1, performCount: 1 });
  });

  it('wrong credentials: the payout is refused with the reason (not paid), and the password is nowhere in the journal', async () => {
    const { t, dir } = await open({ env: { TOLEM_PAYOUTS_PASSWORD: 'wrong-password-123' } });
    expect(await t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan: '4111111111111111' }, 5000)).toMatchObject({ state: 'declined', errorCode: 'auth' });
    await t.close();
    terminal = null;
    const db = fs.readFileSync(path.join(dir, 'journal.sqlite'));
    const wal = fs.existsSync(path.join(dir, 'journal.sqlite-wal')) ? fs.readFileSync(path.join(dir, 'journal.sqlite-wal')) : Buffer.alloc(0);
    expect(Buffer.concat([db, wal]).includes(Buffer.from('wrong-password-123'))).toBe(false);
  });
});

describe('the bank page\'s address', () => {
  it.each([
    ['another host', 'https://evil.example.com/payment.html?mdOrder=1'],
    ['another port of 127.0.0.1', 'http://127.0.0.1:1/payouts/sandbox/payment_ru.html?mdOrder=1'],
  ])('a formUrl on %s is never opened: the payout goes to a person, and no screen is given the address', async (_what, formUrl) => {
    const { t } = await open();
    const engine = t.payouts!;
    const real = engine.client.call.bind(engine.client);
    engine.client.call = (async (method: string, body: Record<string, unknown>, schema: never, deadline?: number) => {
      const o = await real(method as never, body, schema, deadline);
      return method === 'registerPayout.do' && o.kind === 'answer' ? { ...o, value: { ...(o.value as object), formUrl } } : o;
    }) as typeof engine.client.call;
    const p = await engine.start({ amount: 1500_00, name: 'Ivan Ivanov', flow: 'page' }, 0);
    expect(p.state).toBe('review');
    expect(p.reason).toMatch(/not on the payouts module/);
    expect(payoutJson(p).formUrl).toBeNull();
  });

  it('outside the sandbox a bank page must be https on the configured origin', () => {
    const sample = { options: { bankOrigin: 'https://3dsec.berekebank.kz', sandbox: false } } as unknown as PayoutEngine;
    const foreign = (u: string) => PayoutEngine.prototype.foreignPage.call(sample, u);
    expect(foreign('https://3dsec.berekebank.kz/payouts/payment_ru.html?mdOrder=1')).toBeNull();
    expect(foreign('http://3dsec.berekebank.kz/payouts/payment_ru.html')).not.toBeNull();
    expect(foreign('https://3dsec.berekebank.kz:8443/x')).not.toBeNull();
    expect(foreign('https://user:pw@3dsec.berekebank.kz/x')).not.toBeNull();
    expect(foreign('javascript:alert(1)')).not.toBeNull();
  });
});

describe('a kiosk pays out only against cash', () => {
  it('a payout with no cash session is refused by the domain, whoever asks; with the notes it goes', async () => {
    const { t, sb } = await open({ env: { TOLEM_TERMINAL_MODE: 'kiosk' } });
    await expect(t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan: cardEnding('7777') }, 5000)).rejects.toMatchObject({ problems: ['cash-required'] });
    // The same through the IPC, as a stolen screen session would ask.
    const dispatch = createDispatcher(createHandlers(t), ['tolem://app'], () => undefined);
    for (const flow of ['direct', 'page'] as const) {
      expect(await dispatch('payout.start', { amount: '5000.00', name: 'IVAN', flow, ...(flow === 'direct' ? { pan: cardEnding('7777') } : {}) }, 'tolem://app/')).toMatchObject({ ok: false, error: { reason: 'payout-cash-required' } });
    }
    expect(sb.payouts.orders()).toHaveLength(0);
    let session = t.cash.escrow(null, 1000_00, null).session.id;
    session = t.cash.escrow(session, 20_00, null).session.id;
    const p = await t.payouts!.start({ amount: 1000_00, name: 'Ivan Ivanov', flow: 'direct', pan: cardEnding('7777'), cashSession: session }, 5000);
    expect(p.state).toBe('paid');
  });
});
