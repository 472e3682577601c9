import { describe, expect, it } from 'vitest';
import { acceptServices, interpretAnswer } from '../../main/processing/client.js';
import { buildPaymentBody } from '../../main/processing/requests.js';
import { zBalanceAnswer, zPaymentAnswer } from '../../main/processing/schemas.js';

const pay = (raw: string) => interpretAnswer(raw, 200, 1, (p) => zPaymentAnswer.parse(p));

describe('processing answers are unknown until a schema accepts them', () => {
  it('keeps 18-digit ids exact (they would be rounded by JSON.parse)', () => {
    const raw = '{"result":0,"resultMessage":"Успешно","transactionId":987654321098765432,"transactionDate":"2020-10-19T20:19:23.737","statusDate":"2020-10-19T20:19:24.940","agentTransactionId":26801048196008}';
    expect(JSON.parse(raw).transactionId).not.toBe(987654321098765432n.toString());
    const o = pay(raw);
    expect(o.kind).toBe('answer');
    if (o.kind === 'answer') {
      expect(o.value.transactionId).toBe('987654321098765432');
      expect(o.value.agentTransactionId).toBe('26801048196008');
    }
  });

  it('reads the catalog under the document\'s Cyrillic key "serviсes" as well as "services"', () => {
    for (const key of ['servi\u0441es', 'services']) {
      const raw = `{"result":0,"resultMessage":"OK","${key}":[{"serviceId":"P1011","type":0,"name":"Билайн","inputs":[{"name":"account","required":true,"title":"Номер","regexp":"^\\\\d{10}$"}]}]}`;
      const o = interpretAnswer(raw, 200, 0, acceptServices);
      expect(o.kind).toBe('answer');
      if (o.kind === 'answer') expect(o.value.services[0]?.inputs[0]?.regexp).toBe('^\\d{10}$');
    }
  });

  it('one malformed catalog entry is set aside; the rest of the catalog works', () => {
    const raw = '{"result":0,"services":[{"serviceId":"P1","type":0,"name":"ok"},{"serviceId":"P2","type":"zero","name":"bad"}]}';
    const o = interpretAnswer(raw, 200, 0, acceptServices);
    expect(o.kind === 'answer' && o.value.services.map((s) => s.serviceId)).toEqual(['P1']);
    expect(o.kind === 'answer' && o.value.rejected[0]).toMatchObject({ serviceId: 'P2' });
  });

  it.each([
    ['an HTML page from a proxy', '<!DOCTYPE html><html><body>502</body></html>', /HTML/],
    ['truncated JSON', '{"result":0,"transactionId":12', /not JSON/],
    ['an empty body', '', /not JSON/],
    ['a result that is not a number', '{"result":"ok"}', /result/],
    ['success with wrong types', '{"result":0,"transactionId":{"id":1},"displays":7}', /displays/],
  ])('%s is a typed, non-final "malformed" outcome, not a crash', (_what, raw, problem) => {
    const o = pay(raw);
    expect(o.kind).toBe('malformed');
    if (o.kind === 'malformed') expect(o.problem).toMatch(problem);
  });

  it.each([
    ['an id longer than 18 digits', '{"result":0,"transactionId":1234567890123456789}', /1234567890123456789 is not an id of up to 18 digits/],
    ['an id in exponent form', '{"result":0,"transactionId":1e400}', /1e400 is not an id/],
    ['a negative id', '{"result":0,"transactionId":-5}', /-5 is not an id/],
    ['an object for an id', '{"result":0,"transactionId":{"id":1}}', /is not an id/],
  ])('success with %s is read, and says its transactionId cannot be stored (the engine sends it to a person)', (_what, raw, problem) => {
    const o = pay(raw);
    expect(o.kind).toBe('answer');
    if (o.kind === 'answer') {
      expect(o.value.transactionId).toBeNull();
      expect(o.value.transactionIdProblem).toMatch(problem);
    }
  });

  it('a refusal is an answer even without the success payload', () => {
    const o = pay('{"result":5,"resultMessage":"не найден"}');
    expect(o).toMatchObject({ kind: 'answer', result: 5, resultMessage: 'не найден' });
  });

  it('reads the balance example of the document exactly (4 decimals, no float)', () => {
    const raw = '{"result":0,"resultMessage":"Успешно","agent":{"agentId":4,"agentName":"Наименоване Агента","balance":509455.9000,"overdraft":0.0000,"notification":0.0000,"currency":"KZT"}}';
    const o = interpretAnswer(raw, 200, 0, (p) => zBalanceAnswer.parse(p).agent);
    expect(o.kind === 'answer' && o.value).toMatchObject({ agentId: '4', balance: 50945590, overdraft: 0, notification: 0 });
  });

  it('reads the invoice example (paySum 359.8, metered lines) and contracts (contractSum as text)', () => {
    const raw = '{"result":0,"transactionId":284,"agentTransactionId":205,"invoice":{"invoices":[{"invoiceId":"2020020003535444","services":[{"subServiceId":"36","subServiceName":"Электроэнергия","data":{"paySum":359.8,"tariff":0.0,"minSum":0.0,"maxSum":0.0,"isMeter":true,"prevCount":"4870.00"}}]}]},"contracts":[{"contractId":"000000587","contractSum":"1000.00"}]}';
    const o = pay(raw);
    expect(o.kind).toBe('answer');
    if (o.kind === 'answer') {
      expect(o.value.invoice?.invoices[0]?.services[0]?.data).toMatchObject({ paySum: 35980, isMeter: true, prevCount: '4870.00' });
      expect(o.value.contracts?.[0]).toMatchObject({ contractId: '000000587', contractSum: 100000 });
    }
  });
});

describe('request bodies are written as the documents write them', () => {
  it('bare numbers with two decimals for amounts and a bare integer id, keys in the documents\' order', () => {
    const body = buildPaymentBody({
      serviceId: 'P1011', account: '7770017711', agentTransactionId: '1233355', agentTransactionDate: '2015-02-17T16:48:37',
      amountTo: 200_00, amountFrom: 200_00,
    });
    expect(body).toBe('{"serviceId":"P1011","account":"7770017711","agentTransactionId":1233355,"agentTransactionDate":"2015-02-17T16:48:37","amountTo":200.00,"amountFrom":200.00}');
  });

  it('an 18-digit id is written exactly, and invoice lines carry amount and lastCount', () => {
    const body = buildPaymentBody({
      serviceId: 'P0005', account: '1', agentTransactionId: '999999999999999999', agentTransactionDate: '2026-01-01T00:00:00',
      amountTo: 450_00, extraServices: [{ subServiceId: '114', lastCount: '11236', amount: 100_00 }, { subServiceId: '37', amount: 350_00 }],
      extras: { contractId: '000000588' },
    });
    expect(body).toContain('"agentTransactionId":999999999999999999');
    expect(body).toContain('"extraServices":[{"subServiceId":"114","lastCount":"11236","amount":100.00},{"subServiceId":"37","amount":350.00}]');
    expect(body).toContain('"extras":{"contractId":"000000588"}');
  });
});
