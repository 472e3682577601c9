/**
 * Hostile catalogs and answers (items 15, 21): names are data, never object keys with a prototype;
 * a catalog with duplicate ids is refused and the cached one kept; what is shown and printed is
 * bounded; a fixed amount written as processing may write it is read in the domain, not the screen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { acceptServices } from '../../main/processing/client.js';
import { zPaymentAnswer, type CatalogService } from '../../main/processing/schemas.js';
import { checkInputs } from '../../shared/rules/input-validation.js';
import { dataRecord, InputError } from '../../main/payments/payment-engine.js';
import { paymentReceipt, MAX_RECEIPT_VALUE_CHARS } from '../../main/receipts/receipt.js';
import { checkAnswerView, MAX_DISPLAYS, readFixedAmount } from '../../main/payments/check-view.js';
import { parseWire } from '../../main/base/wire-json.js';
import { runTolem } from '../helpers/cli.js';
import { tempDir } from '../helpers/harness.js';
import { hostileSuite } from '../helpers/hostile-processing.js';
import { header, payment } from '../receipts/fixtures.js';

const svc = (inputs: CatalogService['inputs']): CatalogService => ({ serviceId: 'X', type: 0, name: 'x', group: '', fixedPayment: false, country: '', inputs, displays: [] });

const suite = hostileSuite(afterEach);

describe('names from the catalog are data (item 15)', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('a required input named %s without a value is missing', (name) => {
    const s = svc([{ name: 'account', required: true, title: 'A', regexp: null }, { name, required: true, title: 'T', regexp: null }]);
    const values = dataRecord();
    values.account = '1';
    expect(checkInputs(s, values).problems.map((p) => p.field)).toEqual([name]);
    // A plain object literal from a screen or a test is checked the same way.
    expect(checkInputs(s, { account: '1' }).problems.map((p) => p.field)).toEqual([name]);
  });

  it('a field named __proto__ keeps its value all the way into the body sent', () => {
    const fields = dataRecord([['__proto__', 'x']]);
    expect(Object.keys(fields)).toEqual(['__proto__']);
    expect(JSON.stringify(fields)).toBe('{"__proto__":"x"}');
  });

  it('--field __proto__=x from the CLI is sent as an extra, not dropped', async () => {
    const hostile = await suite.start();
    const catalog = JSON.stringify({ result: 0, services: [{ serviceId: 'P', type: 0, name: 'p', inputs: [{ name: 'account', required: true, title: 'A', regexp: '^\\d+$' }, { name: '__proto__', required: true, title: 'P', regexp: '^x$' }] }] });
    hostile.behave = (r) => (r.method === 'services' ? { kind: 'json', body: catalog } : { kind: 'ok' });
    const env = { ...process.env, TOLEM_DATA_DIR: tempDir(), TOLEM_PROCESSING_URL: hostile.url, TOLEM_TERMINAL_ID: '9' };
    const missing = await runTolem(['pay', '--service', 'P', '--account', '1', '--amount', '10.00'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/__proto__ \(P\) is required/);
    const r = await runTolem(['pay', '--service', 'P', '--account', '1', '--amount', '10.00', '--field', '__proto__=x'], env);
    expect(r.code).toBe(0);
    expect(hostile.requests.find((q) => q.method === 'pay')?.body).toContain('"extras":{"__proto__":"x"}');
  });

  it('a catalog listing one serviceId twice is refused; the cached catalog stays in use', async () => {
    expect(() => acceptServices(parseWire('{"result":0,"services":[{"serviceId":"A","type":0,"name":"a","inputs":[{"name":"account","required":true,"regexp":"^\\\\d{10}$"}]},{"serviceId":"A","type":0,"name":"a2"}]}'))).toThrow(/more than once/);
    const hostile = await suite.start();
    const t = await suite.open(hostile.url);
    await t.catalog.refresh();
    hostile.behave = (r) => (r.method === 'services' ? { kind: 'json', body: '{"result":0,"services":[{"serviceId":"H1","type":0,"name":"real","inputs":[{"name":"account","required":true,"regexp":"^\\\\d{10}$"}]},{"serviceId":"H1","type":0,"name":"impostor"}]}' } : { kind: 'ok' });
    const snap = await t.catalog.refresh();
    expect(snap.source).toBe('cache');
    expect(snap.staleBecause).toMatch(/more than once/);
    // The real service's checks still apply: an account of "1" is refused before anything is sent.
    const sent = hostile.requests.length;
    await expect(t.engine.pay({ serviceId: 'H1', account: '1', amountTo: 100_00 }, 1000)).rejects.toThrow(InputError);
    expect(hostile.requests.length).toBe(sent);
  });
});

describe('what is shown and printed is bounded (item 15)', () => {
  it('a 50 KB display is shown and printed cut to a line; at most 30 displays', () => {
    const displays: Record<string, string> = { fio: 'Ж'.repeat(50_000) };
    for (let i = 0; i < 100; i += 1) displays[`d${i}`] = `v${i}`;
    const answer = zPaymentAnswer.parse(parseWire(JSON.stringify({ displays })));
    const view = checkAnswerView(answer, null);
    expect(view.displays).toHaveLength(MAX_DISPLAYS);
    expect(view.displays[0]!.value.length).toBeLessThanOrEqual(200);
    const p = payment({ checkAnswer: JSON.stringify({ displays }) });
    const receipt = paymentReceipt(p, { header, terminalId: 1, lang: 'ru', service: null, printedAt: new Date(0) });
    const longest = Math.max(...receipt.lines.map((l) => (l.kind === 'pair' ? l.right.length : l.kind === 'text' ? l.text.length : 0)));
    expect(longest).toBeLessThanOrEqual(MAX_RECEIPT_VALUE_CHARS);
    expect(receipt.lines.length).toBeLessThan(60);
  });
});

describe('a fixed amount as processing may write it (item 21)', () => {
  it.each([
    ['15000.00', '15000.00'],
    ['15000.0000', '15000.00'],
    ['15 000.00', '15000.00'],
    ['15\u00a0000,00', '15000.00'],
    ['15000', '15000.00'],
  ])('%s is read as %s by the domain, never by the screen', (written, read) => {
    const answer = zPaymentAnswer.parse(parseWire(JSON.stringify({ displays: { fixedAmount: written } })));
    expect(checkAnswerView(answer, null)).toMatchObject({ fixedAmount: read, fixedAmountUnreadable: false });
  });

  it.each(['пятнадцать тысяч', '15000.005', '-1', ''])('"%s" is not an amount: the view says so instead of throwing', (written) => {
    expect(readFixedAmount(written)).toBeNull();
    if (written) expect(checkAnswerView(zPaymentAnswer.parse(parseWire(JSON.stringify({ displays: { fixedAmount: written } }))), null)).toMatchObject({ fixedAmount: null, fixedAmountUnreadable: true });
  });
});
