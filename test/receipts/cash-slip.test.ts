/** The customer's slip for cash a kiosk took and no payment credited (issue 13, item 17): every fact, in their language. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bitmapToPng, renderReceipt } from '../../main/receipts/raster.js';
import { cashSlipReceipt } from '../../main/receipts/receipt.js';
import { header } from './fixtures.js';

const data = { session: '3f2a9c1e-0000-4000-8000-000000000001', total: 10_000_00, why: 'walked-away' as const, at: new Date(Date.UTC(2026, 11, 2, 9, 5)), payment: { agentTransactionId: '70605608088760', serviceName: 'Herbalife', account: '1234567890' } };
const text = (lang: 'ru' | 'kk') => cashSlipReceipt(data, { header, terminalId: 7, lang, printedAt: new Date(), timeZone: 'Asia/Almaty' }).lines.map((l) => ('text' in l ? l.text : 'left' in l ? `${l.left} ${l.right}` : '')).join('\n');

describe('the cash slip', () => {
  it.each([
    ['ru', /ДЕНЬГИ НЕ ЗАЧИСЛЕНЫ/, /Платёж не завершён/, /Обратитесь к оператору пункта/],
    ['kk', /АҚША ЕСЕПКЕ АЛЫНБАДЫ/, /Төлем аяқталмады/, /пункт операторына жүгініңіз/],
  ] as const)('in %s: amount, time (Almaty), terminal, the payment number, service and account, why, what to do', (lang, title, why, todo) => {
    const t = text(lang);
    for (const re of [title, why, todo, /10 000,00 ₸/, /14:05/, /70605608088760/, /Herbalife/, /1234567890/, /Терминал.*7/]) expect(t).toMatch(re);
  });

  it('renders as an image a raster printer prints (saved for a person to look at)', () => {
    const png = bitmapToPng(renderReceipt(cashSlipReceipt(data, { header, terminalId: 7, lang: 'kk', printedAt: new Date(), timeZone: 'Asia/Almaty' }), 80));
    const dir = path.resolve('test-artifacts', 'receipts');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'cash-slip-kk.png'), png);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
