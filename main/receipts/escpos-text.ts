/**
 * Text-mode receipts: ESC/POS with the code page each line needs (per the printer's profile).
 * One printer buffer per receipt: node-thermal-printer's cut() resets the printer (ESC @) but not
 * its own code-page state, so nothing is ever printed after a cut in the same buffer.
 */
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { encodeLine, fitToCodePages, CODE_PAGES, type CodePage } from './code-pages.js';
import { layout } from './layout.js';
import type { Receipt, ReceiptLine } from './receipt.js';

export interface TextProfile {
  columns: number;
  codePages: readonly CodePage[];
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;

export function encodeTextReceipt(receipt: Receipt, profile: TextProfile): Buffer {
  // No interface: the library only assembles bytes; main/receipts/transport.ts sends them, with timeouts.
  const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, width: profile.columns, interface: '' });
  // Reset, and leave Chinese double-byte mode (FS .) that some printers start in: it garbles Cyrillic.
  printer.add(Buffer.from([ESC, 0x40, FS, 0x2e]));
  let page: CodePage | null = null;
  const fit = (t: string) => fitToCodePages(t, profile.codePages);
  const printable: Receipt = {
    ...receipt,
    lines: receipt.lines.map((l): ReceiptLine => (l.kind === 'text' ? { ...l, text: fit(l.text) } : l.kind === 'pair' ? { ...l, left: fit(l.left), right: fit(l.right) } : l)),
  };
  for (const line of layout(printable, profile.columns)) {
    if (line.kind === 'qr') {
      printer.alignCenter();
      printer.printQR(line.data, { cellSize: 6, correction: 'M', model: 2 });
      printer.alignLeft();
      continue;
    }
    if (line.align === 'center') printer.alignCenter();
    else printer.alignLeft();
    printer.add(Buffer.from([ESC, 0x45, line.bold ? 1 : 0])); // ESC E n: bold
    printer.add(Buffer.from([GS, 0x21, line.big ? 0x01 : 0x00])); // GS ! n: double height
    const encoded = encodeLine(line.text, profile.codePages);
    if (encoded.page !== page) {
      printer.add(Buffer.from([ESC, 0x74, CODE_PAGES[encoded.page].escT]));
      page = encoded.page;
    }
    printer.add(Buffer.concat([encoded.bytes, Buffer.from([0x0a])]));
  }
  printer.add(Buffer.from([GS, 0x21, 0x00, ESC, 0x45, 0x00]));
  printer.add(Buffer.from([ESC, 0x64, 4])); // feed past the cutter
  printer.add(Buffer.from([GS, 0x56, 0x00])); // full cut
  return printer.getBuffer();
}
