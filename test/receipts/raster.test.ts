/**
 * Raster receipts through the virtual printer over TCP: the image is as wide as the paper, and
 * what the printer decoded matches the reviewed reference PNG of the same receipt (Kazakh letters
 * and ₸ included) within a small tolerance. The renders are kept in test-artifacts/receipts/.
 * After a deliberate change of the receipt's look: TOLEM_UPDATE_REFERENCE=1, then review the PNGs.
 */
import fs from 'node:fs';
import path from 'node:path';
import jsQRModule from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitmapDifference, bitmapToPng, encodeRasterReceipt, pngToBitmap } from '../../main/receipts/raster.js';
import { decodeEscPos } from '../../main/receipts/escpos-decoder.js';
import { paymentReceipt } from '../../main/receipts/receipt.js';
import { sendToPrinter } from '../../main/receipts/transport.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../dev/virtual-printer.js';
import { header, payment, service } from './fixtures.js';

const REFERENCE = path.resolve('test/receipts/reference');
const ARTIFACTS = path.resolve('test-artifacts/receipts');
const TOLERANCE = 0.005;
// jsqr is CommonJS whose typings declare an ES default export: take the function either way.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

let printer: VirtualPrinter;
beforeAll(async () => {
  printer = await startVirtualPrinter();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await printer.close();
});

describe('raster receipts', () => {
  for (const lang of ['ru', 'kk'] as const) {
    for (const paper of [58, 80] as const) {
      it(`${lang}, ${paper} mm: ${paper === 58 ? 384 : 576} dots wide, sent in bands, matching the reviewed reference`, async () => {
        const receipt = paymentReceipt(payment(), { header, terminalId: 7, lang, service, printedAt: new Date(0) });
        const bytes = encodeRasterReceipt(receipt, paper);
        const bands = bytes.toString('latin1').split('\x1dv0').length - 1;
        expect(bands).toBeGreaterThan(1);
        const before = printer.receipts.length;
        await sendToPrinter(printer.url, bytes, 5000);
        const printed = (await printer.waitForReceipts(before + 1))[before]!;
        expect(printed.cuts).toBe(1);
        expect(printed.lines.filter((l) => l.trim())).toEqual([]);
        const image = printed.image!;
        expect(image.width).toBe(paper === 58 ? 384 : 576);
        const name = `${lang}-${paper}mm.png`;
        fs.writeFileSync(path.join(ARTIFACTS, name), bitmapToPng(image));
        const refFile = path.join(REFERENCE, name);
        if (process.env.TOLEM_UPDATE_REFERENCE === '1') fs.writeFileSync(refFile, bitmapToPng(image));
        const reference = pngToBitmap(fs.readFileSync(refFile));
        expect(bitmapDifference(image, reference)).toBeLessThanOrEqual(TOLERANCE);
        // The QR drawn into the image scans to the payment's reference.
        const rgba = new Uint8ClampedArray(image.width * image.height * 4);
        for (let i = 0; i < image.dots.length; i++) {
          rgba.fill(image.dots[i] ? 0 : 255, i * 4, i * 4 + 3);
          rgba[i * 4 + 3] = 255;
        }
        expect(jsQR(rgba, image.width, image.height)?.data).toBe(receipt.qr);
        // Ink where the text is: a blank or garbled image would not pass this.
        const ink = image.dots.reduce((a, d) => a + d, 0) / image.dots.length;
        expect(ink).toBeGreaterThan(0.05);
        expect(ink).toBeLessThan(0.4);
      });
    }
  }

  it('a different receipt does not match the reference (the comparison can fail)', () => {
    const other = paymentReceipt(payment({ account: '7172999999', state: 'failed', result: 5 }), { header, terminalId: 7, lang: 'ru', service, printedAt: new Date(0) });
    const image = decodeEscPos(encodeRasterReceipt(other, 58)).receipts[0]!.image!;
    const reference = pngToBitmap(fs.readFileSync(path.join(REFERENCE, 'ru-58mm.png')));
    expect(bitmapDifference(image, reference)).toBeGreaterThan(TOLERANCE);
  });
});
