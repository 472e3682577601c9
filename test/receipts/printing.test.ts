/**
 * Printing never decides a payment: a printer that refuses, hangs or drops mid-receipt leaves the
 * payment as it was, the attempt is journaled as not printed with the reason, the cashier sees it
 * counted, and the receipt can be printed again from the journal. A kiosk out of paper takes no money.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RefusedError } from '../../main/payments/payment-engine.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../dev/virtual-printer.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness | null = null;
let printer: VirtualPrinter | null = null;
afterEach(async () => {
  await h?.close();
  await printer?.close();
  h = null;
  printer = null;
});

async function setup(mode: 'cashier' | 'kiosk' = 'cashier', printerMode: 'text' | 'raster' = 'text') {
  printer = await startVirtualPrinter();
  h = await startHarness({
    configFile: {
      mode,
      cashAcceptor: 'simulated',
      receipts: { printer: 'desk', lang: 'ru', timeoutMs: 800, header: { agentName: 'ТОО «Төлем Агент»', supportPhone: '+7 727 000 00 00' } },
      printers: [{ name: 'desk', interface: printer.url, paper: 58, mode: printerMode, codePages: ['cp866', 'kz1048'] }],
    },
  });
  return { h, printer };
}

describe('printing never decides a payment', () => {
  it.each([
    ['refuses the connection', 'refuse', /refused the connection/],
    ['hangs', 'hang', /did not confirm the receipt within 800 ms/],
    ['drops the connection mid-receipt', 'drop-mid-receipt', /closed the connection|ECONNRESET|EPIPE/],
  ] as const)('a printer that %s: the payment stays paid, the receipt is journaled unprinted, reprint works', async (_what, fault, error) => {
    const { h, printer } = await setup();
    await printer.setFault(fault);
    const paid = await h.terminal.engine.pay({ serviceId: 'P1011', account: '7771112233', amountTo: 500_00 }, 10_000);
    expect(paid.state).toBe('success');
    const result = await h.terminal.receipts.printPayment(paid.id);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
    expect(h.terminal.journal.mustGet(paid.id)).toMatchObject({ state: 'success', transactionId: paid.transactionId });
    expect(h.terminal.journal.receipts(paid.id)).toMatchObject([{ outcome: 'failed', printer: 'desk', statePrinted: 'success' }]);
    expect(h.terminal.journal.unprintedReceipts(0).map((p) => p.id)).toEqual([paid.id]);
    expect(printer.receipts).toEqual([]);

    await printer.setFault('none');
    const again = await h.terminal.receipts.printPayment(paid.id);
    expect(again).toEqual({ ok: true, printer: 'desk' });
    const [printed] = await printer.waitForReceipts(1);
    expect(printed!.lines).toContain('ОПЛАЧЕНО');
    expect(printed!.lines.some((l) => l.includes(paid.agentTransactionId))).toBe(true);
    expect(h.terminal.journal.unprintedReceipts(0)).toEqual([]);
    expect(h.terminal.journal.receipts(paid.id).map((r) => r.outcome)).toEqual(['failed', 'printed']);
  });

  it('a reprint of a printed receipt is marked as a duplicate', async () => {
    const { h, printer } = await setup();
    const paid = await h.terminal.engine.pay({ serviceId: 'P1011', account: '7771112234', amountTo: 500_00 }, 10_000);
    await h.terminal.receipts.printPayment(paid.id);
    await h.terminal.receipts.printPayment(paid.id);
    const [first, second] = await printer.waitForReceipts(2);
    expect(first!.lines).not.toContain('ДУБЛИКАТ');
    expect(second!.lines).toContain('ДУБЛИКАТ');
  });

  it('a payment still waiting to be sent gets a receipt that says so', async () => {
    const { h, printer } = await setup('cashier', 'text');
    const waiting = await h.terminal.engine.pay({ serviceId: 'P1011', account: '7771239606', amountTo: 500_00 }, 0);
    expect(waiting.state).toBe('pending');
    expect((await h.terminal.receipts.printPayment(waiting.id)).ok).toBe(true);
    const [r] = await printer.waitForReceipts(1);
    expect(r!.lines).toContain('ПЛАТЁЖ В ОБРАБОТКЕ');
  });
});

describe('a kiosk', () => {
  it('out of paper refuses new payments and says why, sending nothing', async () => {
    const { h, printer } = await setup('kiosk', 'raster');
    printer.paperOut = true;
    const payments = () => h.requests.filter((r) => r.method === 'check' || r.method === 'pay').length;
    const sent = payments();
    await expect(h.terminal.engine.pay({ serviceId: 'P1011', account: '7771112235', amountTo: 500_00 }, 1000)).rejects.toThrow(RefusedError);
    await expect(h.terminal.engine.pay({ serviceId: 'P1011', account: '7771112235', amountTo: 500_00 }, 1000)).rejects.toThrow(/out of paper/);
    expect(payments()).toBe(sent);
    expect(h.terminal.journal.list()).toEqual([]);
    printer.paperOut = false;
    // A payment without notes (the CLI's, a stolen session's) is refused before anything is sent.
    await expect(h.terminal.engine.pay({ serviceId: 'P1011', account: '7771112235', amountTo: 500_00 }, 1000)).rejects.toMatchObject({ code: 'cash-required' });
    expect(payments()).toBe(sent);
    // A kiosk pays only against the notes inserted for it.
    const { payment: draft } = await h.terminal.engine.begin({ serviceId: 'P1011', account: '7771112235' }, { checkOnly: true });
    const cash = h.terminal.cash.escrow(null, 500_00, null).session.id;
    const paid = await h.terminal.engine.payChecked(draft.id, { amountTo: 500_00 }, 10_000, { cashSession: cash });
    expect(paid.state).toBe('success');
    expect((await h.terminal.receipts.printPayment(paid.id)).ok).toBe(true);
    const [r] = await printer.waitForReceipts(1);
    expect(r!.image?.width).toBe(384);
  });

  it('a printer that runs out of paper mid-shift fails the print (journaled), not the payment', async () => {
    const { h, printer } = await setup('cashier', 'text');
    const paid = await h.terminal.engine.pay({ serviceId: 'P1011', account: '7771112236', amountTo: 500_00 }, 10_000);
    printer.paperOut = true;
    const r = await h.terminal.receipts.printPayment(paid.id);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/out of paper/) });
    expect(h.terminal.journal.mustGet(paid.id).state).toBe('success');
  });
});
