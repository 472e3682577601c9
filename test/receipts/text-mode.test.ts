/**
 * Text-mode receipts printed through the virtual printer over TCP, asserting what arrived: the
 * decoded lines in their code page, the QR payload, one cut per receipt, no code-page state
 * leaking from one receipt to the next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTextReceipt } from '../../main/receipts/escpos-text.js';
import { decodeEscPos } from '../../main/receipts/escpos-decoder.js';
import { paymentReceipt } from '../../main/receipts/receipt.js';
import { sendToPrinter } from '../../main/receipts/transport.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../dev/virtual-printer.js';
import { header, payment, service } from './fixtures.js';

let printer: VirtualPrinter;
beforeAll(async () => {
  printer = await startVirtualPrinter();
});
afterAll(async () => {
  await printer.close();
});

const receipt = (lang: 'ru' | 'kk', over = {}) => paymentReceipt(payment(over), { header, terminalId: 7, lang, service, printedAt: new Date(0) });
const CP866 = { columns: 32, codePages: ['cp866'] as const };
const KZ = { columns: 32, codePages: ['cp866', 'kz1048'] as const };

async function print(bytes: Buffer) {
  const before = printer.receipts.length;
  await sendToPrinter(printer.url, bytes, 5000);
  return (await printer.waitForReceipts(before + 1))[before]!;
}

describe('text mode over TCP', () => {
  it('Russian in CP866: every line arrives as written, with the QR payload and one cut', async () => {
    const r = receipt('ru');
    const printed = await print(encodeTextReceipt(r, { ...CP866, codePages: [...CP866.codePages] }));
    expect(printed.lines).toContain('ОПЛАЧЕНО');
    expect(printed.lines).toContain('Лицевой счёт          7172123456');
    expect(printed.lines).toContain('Номер платежа     10596973795650');
    expect(printed.lines).toContain('Транзакция    900000000000015838');
    expect(printed.lines.some((l) => l.includes('Услуга: Казахтелеком'))).toBe(true);
    expect(printed.qr).toEqual([r.qr]);
    expect(r.qr).toBe('tolem:payment?atid=10596973795650&tx=900000000000015838&sum=5000.00&t=7');
    expect(printed.cuts).toBe(1);
    expect(printed.unknown).toEqual([]);
    expect(new Set(printed.lineCodePages.filter((_, i) => /[А-яЁё]/.test(printed.lines[i]!)))).toEqual(new Set([17]));
    // ₸ exists in no code page: written as "тг", never "?".
    expect(printed.lines).toContain('Принято              5 100,00 тг');
    for (const l of printed.lines) expect(l.length).toBeLessThanOrEqual(32);
    expect(printed.lines.join('\n')).not.toContain('?');
  });

  it('Kazakh in KZ-1048 where the profile allows it: ә ғ қ ң ө ұ ү һ і arrive intact', async () => {
    const printed = await print(encodeTextReceipt(receipt('kk'), { ...KZ, codePages: [...KZ.codePages] }));
    expect(printed.lines).toContain('ТӨЛЕНДІ');
    expect(printed.lines).toContain('Қабылданды           5 100,00 тг');
    expect(printed.lines.some((l) => l.includes('Әбілқайыр Нұрлан Серікұлы'))).toBe(true);
    const kazakhLine = printed.lines.findIndex((l) => l.includes('ТӨЛЕНДІ'));
    expect(printed.lineCodePages[kazakhLine]).toBe(53);
    expect(printed.lines.join('\n')).not.toContain('?');
  });

  it('Kazakh on a CP866-only printer is transliterated, never printed as "?"', async () => {
    const printed = await print(encodeTextReceipt(receipt('kk'), { ...CP866, codePages: [...CP866.codePages] }));
    expect(printed.lines).toContain('ТОЛЕНДI');
    expect(printed.lines).toContain('Кабылданды           5 100,00 тг');
    expect(printed.lines.join('\n')).not.toContain('?');
    expect(new Set(printed.lineCodePages)).toEqual(new Set([17]));
  });

  it('no code-page state leaks: a Russian receipt after a Kazakh one decodes exactly as alone', async () => {
    const kk = encodeTextReceipt(receipt('kk'), { ...KZ, codePages: [...KZ.codePages] });
    const ru = encodeTextReceipt(receipt('ru', { agentTransactionId: '10596973795651' }), { ...KZ, codePages: [...KZ.codePages] });
    const before = printer.receipts.length;
    await sendToPrinter(printer.url, Buffer.concat([kk, ru]), 5000);
    const [first, second] = (await printer.waitForReceipts(before + 2)).slice(before);
    expect(first!.cuts).toBe(1);
    expect(second!.cuts).toBe(1);
    expect(second!.lines).toEqual(decodeEscPos(ru).receipts[0]!.lines);
    expect(second!.lines).toContain('ОПЛАЧЕНО');
  });

  it('a not-paid receipt says why, in words, and that nothing was credited', async () => {
    const printed = await print(encodeTextReceipt(receipt('ru', { state: 'failed', result: 5, transactionId: null }), { ...CP866, codePages: [...CP866.codePages] }));
    expect(printed.lines).toContain('НЕ ОПЛАЧЕНО');
    expect(printed.lines.join(' ')).toMatch(/Абонент не найден/);
    expect(printed.lines.join(' ')).toMatch(/Сумма не зачислена/);
    expect(printed.lines.join(' ')).not.toMatch(/К зачислению/);
  });
});
