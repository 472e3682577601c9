/**
 * Raster receipts: the receipt drawn with the fonts shipped in resources/fonts (Kazakh letters and
 * ₸ included) into a 1-bit image 384 dots wide (58 mm) or 576 (80 mm), sent as ESC/POS raster
 * (GS v 0) in bands, so any ESC/POS printer prints Kazakh, whatever its code pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import opentype, { type Font } from 'opentype.js';
import { drawText } from './glyph-raster.js';
import QRCode from 'qrcode';
import { resourcesDir } from '../base/resources.js';
import { layout, PAPER_COLUMNS } from './layout.js';
import type { Receipt } from './receipt.js';
import type { Bitmap } from './bitmap.js';

export { bitmapToPng, pngToBitmap, type Bitmap } from './bitmap.js';


let fonts: { regular: Font; bold: Font } | null = null;

export { resourcesDir };

function loadFonts(): { regular: Font; bold: Font } {
  if (fonts) return fonts;
  const dir = path.join(resourcesDir(), 'fonts');
  const load = (file: string) => {
    const bytes = fs.readFileSync(path.join(dir, file));
    return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  };
  fonts = { regular: load('DejaVuSansMono.ttf'), bold: load('DejaVuSansMono-Bold.ttf') };
  return fonts;
}

export const PAPER_DOTS = { 58: 384, 80: 576 } as const;
export type PaperWidth = keyof typeof PAPER_DOTS;

const MARGIN = 4;
const FONT_PX = 19;
const LINE_PX = 26;
const BIG_PX = 28;
const BIG_LINE_PX = 38;

export function renderReceipt(receipt: Receipt, paper: PaperWidth): Bitmap {
  const { regular, bold } = loadFonts();
  const width = PAPER_DOTS[paper];
  const columns = PAPER_COLUMNS[paper];
  const lines = layout(receipt, columns);
  const qrScale = paper === 58 ? 5 : 6;
  const qrs = new Map<string, QRCode.QRCode>();
  let height = MARGIN * 2;
  for (const l of lines) {
    if (l.kind === 'qr') {
      const qr = QRCode.create(l.data, { errorCorrectionLevel: 'M' });
      qrs.set(l.data, qr);
      height += (qr.modules.size + 8) * qrScale;
    } else height += l.big ? BIG_LINE_PX : LINE_PX;
  }
  const dots = new Uint8Array(width * height);
  let y = MARGIN;
  for (const l of lines) {
    if (l.kind === 'qr') {
      const qr = qrs.get(l.data) as QRCode.QRCode;
      const size = qr.modules.size;
      const x0 = Math.floor((width - size * qrScale) / 2);
      const y0 = y + 4 * qrScale;
      for (let r = 0; r < size; r++) {
        for (let c = 0; c < size; c++) {
          if (!qr.modules.get(r, c)) continue;
          for (let dy = 0; dy < qrScale; dy++) dots.fill(1, (y0 + r * qrScale + dy) * width + x0 + c * qrScale, (y0 + r * qrScale + dy) * width + x0 + (c + 1) * qrScale);
        }
      }
      y += (size + 8) * qrScale;
      continue;
    }
    const px = l.big ? BIG_PX : FONT_PX;
    const font = l.bold ? bold : regular;
    const text = l.text.replace(/\s+$/, '');
    const measured = font.getAdvanceWidth(text, px);
    const x = l.align === 'center' ? Math.max(MARGIN, Math.round((width - measured) / 2)) : MARGIN;
    const lineH = l.big ? BIG_LINE_PX : LINE_PX;
    drawText(dots, width, height, font, text, x, y + Math.round(lineH * 0.74), px);
    y += lineH;
  }
  return { width, height, dots };
}

/** ESC/POS raster: GS v 0 in bands of `bandRows`, so printers with small buffers keep up. */
export function rasterBands(img: Bitmap, bandRows = 128): Buffer {
  const bytesPerRow = Math.ceil(img.width / 8);
  const parts: Buffer[] = [];
  for (let top = 0; top < img.height; top += bandRows) {
    const rows = Math.min(bandRows, img.height - top);
    const data = Buffer.alloc(bytesPerRow * rows);
    for (let r = 0; r < rows; r++) {
      for (let x = 0; x < img.width; x++) {
        if (img.dots[(top + r) * img.width + x]) data[r * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
      }
    }
    parts.push(Buffer.from([0x1d, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8]), data);
  }
  return Buffer.concat(parts);
}

export function encodeRasterReceipt(receipt: Receipt, paper: PaperWidth): Buffer {
  const img = renderReceipt(receipt, paper);
  return Buffer.concat([Buffer.from([0x1b, 0x40]), rasterBands(img), Buffer.from([0x1b, 0x64, 4, 0x1d, 0x56, 0x00])]);
}

/** Share of dots that differ (1 when the sizes differ). */
export function bitmapDifference(a: Bitmap, b: Bitmap): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let diff = 0;
  for (let i = 0; i < a.dots.length; i++) if (a.dots[i] !== b.dots[i]) diff += 1;
  return diff / a.dots.length;
}
