import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layout } from '../../main/receipts/layout.js';
import { paymentReceipt, payoutReceipt, tenge } from '../../main/receipts/receipt.js';
import { PrinterError, sendToPrinter } from '../../main/receipts/transport.js';
import { tempDir } from '../helpers/harness.js';
import { header, payment, service } from './fixtures.js';

describe('receipt content', () => {
  it('writes tenge as Kazakhstan does, exactly: 1 500,50 ₸', () => {
    expect(tenge(150_050)).toBe('1 500,50 ₸');
    expect(tenge(7)).toBe('0,07 ₸');
    expect(tenge(123_456_789_01)).toBe('123 456 789,01 ₸');
  });

  it('a payout receipt shows the card masked (first 6, last 4) and the order number, never the card number', () => {
    const r = payoutReceipt(
      { orderNumber: 'tolem-10596973795650', maskedPan: '440043XXXXXX5674', amount: 25_000_00, fee: 150_00, status: 'paid', at: new Date(2026, 10, 22, 12) },
      { header, terminalId: 7, lang: 'kk', printedAt: new Date(0) },
    );
    const text = layout(r, 32).map((l) => (l.kind === 'text' ? l.text : `[QR ${l.data}]`)).join('\n');
    expect(text).toMatch(/Карта\s+440043\*{6}5674/);
    expect(text).toMatch(/tolem-10596973795650/);
    expect(text).toMatch(/25 000,00 ₸/);
    expect(text).toMatch(/ТӨЛЕНДІ/);
    expect(text).not.toMatch(/4400430212055674/);
  });
});

describe('Kazakh receipts: every word the terminal writes is Kazakh', () => {
  it('a payout whose bank page ran out says so in the receipt\'s language', () => {
    const kk = payoutReceipt({ orderNumber: 'o-2', maskedPan: '440043XXXXXX5674', amount: 100_00, fee: 0, status: 'failed', reason: 'expired', at: new Date(2026, 0, 1) }, { header, terminalId: 7, lang: 'kk', printedAt: new Date(0) });
    const text = layout(kk, 48).map((l) => (l.kind === 'text' ? l.text : '')).join('\n');
    expect(text).toContain('Банк бетінің мерзімі өтті');
    expect(text).toContain('ТӨЛЕНБЕДІ');
    expect(text).not.toMatch(/срок|истёк|Сумма|Выплата/);
  });

  it('a payment not paid with no code from processing says so in words, never the engine\'s reason', () => {
    const p = payment({ state: 'failed', result: null, resultMessage: null, stateReason: 'offline payments are disabled on this terminal' });
    for (const [lang, words] of [['kk', 'Төлем процессингке жіберілмеді'], ['ru', 'Платёж не отправлен в процессинг']] as const) {
      const text = layout(paymentReceipt(p, { header, terminalId: 7, lang, printedAt: new Date(0), service }), 48).map((l) => (l.kind === 'text' ? l.text : '')).join('\n');
      expect(text).toContain(words);
      expect(text).not.toMatch(/offline|disabled/);
    }
  });
});

describe('printer transports', () => {
  it('a device path (USB/serial printer) receives the exact bytes', async () => {
    const device = path.join(tempDir(), 'lp0');
    fs.writeFileSync(device, '');
    await sendToPrinter(device, Buffer.from([0x1b, 0x40, 0x41, 0x0a]), 2000);
    expect([...fs.readFileSync(device)]).toEqual([0x1b, 0x40, 0x41, 0x0a]);
  });

  it('a missing device is a clear printer error, not a crash', async () => {
    await expect(sendToPrinter('/nonexistent/dir/lp9', Buffer.from('x'), 2000)).rejects.toMatchObject({ failure: 'device' });
  });

  it('the OS spooler, where lp is missing or the printer unknown, fails with a clear printer error', async () => {
    const err = await sendToPrinter('printer:NO_SUCH_PRINTER_TOLEM', Buffer.from('x'), 5000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).message).toMatch(/NO_SUCH_PRINTER_TOLEM/);
  });
});

describe('card masking on payout receipts', () => {
  it('even a full card number passed by mistake is printed masked', () => {
    const r = payoutReceipt(
      { orderNumber: 'o-1', maskedPan: '4400430212055674', amount: 100_00, fee: 0, status: 'pending', at: new Date(2026, 0, 1) },
      { header, terminalId: 7, lang: 'ru', printedAt: new Date(0) },
    );
    const text = layout(r, 48).map((l) => (l.kind === 'text' ? l.text : '')).join('\n');
    expect(text).toMatch(/440043\*{6}5674/);
    expect(text).not.toMatch(/4400430212055674/);
  });
});
