/**
 * Decodes an ESC/POS byte stream the way a printer would: text in its active code page, QR
 * payloads, raster bands, cuts. The virtual printer is built on it, and tests assert on what it
 * decodes, so a receipt is checked as printed, not as intended.
 */
import iconv from 'iconv-lite';
import { ESC_T_ENCODINGS } from './code-pages.js';
import type { Bitmap } from './bitmap.js';

export interface PrintedReceipt {
  /** Text lines as the printer would print them. */
  lines: string[];
  /** The code page (ESC t n) each line was printed in. */
  lineCodePages: number[];
  qr: string[];
  /** Raster bands stacked into one image, when the receipt was printed as an image. */
  image: Bitmap | null;
  cuts: number;
  /** Commands this decoder does not know, as hex (a receipt with any is suspicious). */
  unknown: string[];
}

export type StatusRequest = { n: number };

function emptyReceipt(): PrintedReceipt {
  return { lines: [], lineCodePages: [], qr: [], image: null, cuts: 0, unknown: [] };
}

/**
 * A streaming decoder: feed() bytes as they arrive; each cut completes a receipt. Status requests
 * (DLE EOT n) are reported so that a printer can answer them.
 */
export class EscPosDecoder {
  private buf = Buffer.alloc(0);
  private current = emptyReceipt();
  private codePage = 0;
  private textBytes: number[] = [];
  private qrStore = '';
  readonly receipts: PrintedReceipt[] = [];

  constructor(private readonly onStatusRequest?: (req: StatusRequest) => void) {}

  /** The receipt being printed (not yet cut). */
  get pending(): PrintedReceipt {
    return this.current;
  }

  feed(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    let i = 0;
    const b = this.buf;
    const need = (n: number) => i + n <= b.length;
    parse: while (i < b.length) {
      const c = b[i]!;
      if (c === 0x0a) {
        this.endLine();
        i += 1;
      } else if (c === 0x0d) {
        i += 1;
      } else if (c === 0x1b) {
        if (!need(2)) break;
        const cmd = b[i + 1]!;
        switch (cmd) {
          case 0x40: // ESC @ init
            this.flushText();
            this.codePage = 0;
            i += 2;
            break;
          case 0x74: // ESC t n
            if (!need(3)) break parse;
            this.flushText();
            this.codePage = b[i + 2]!;
            i += 3;
            break;
          case 0x64: // ESC d n: feed n lines
          case 0x4a: // ESC J n
          case 0x61: // ESC a n: align
          case 0x45: // ESC E n: bold
          case 0x21: // ESC ! n
          case 0x2d: // ESC - n
          case 0x4d: // ESC M n
          case 0x33: // ESC 3 n
          case 0x20: // ESC SP n
          case 0x7b: // ESC { n
          case 0x47: // ESC G n
            if (!need(3)) break parse;
            i += 3;
            break;
          case 0x32: // ESC 2
            i += 2;
            break;
          default:
            this.current.unknown.push(`1b${cmd.toString(16).padStart(2, '0')}`);
            i += 2;
        }
      } else if (c === 0x1d) {
        if (!need(2)) break;
        const cmd = b[i + 1]!;
        if (cmd === 0x56) {
          // GS V m [n]
          if (!need(3)) break;
          const m = b[i + 2]!;
          const len = m === 0x41 || m === 0x42 ? 4 : 3;
          if (!need(len)) break;
          this.cut();
          i += len;
        } else if (cmd === 0x21 || cmd === 0x42 || cmd === 0x48 || cmd === 0x66 || cmd === 0x68 || cmd === 0x77) {
          if (!need(3)) break;
          i += 3;
        } else if (cmd === 0x28 && need(3) && b[i + 2] === 0x6b) {
          // GS ( k pL pH cn fn ...
          if (!need(5)) break;
          const len = b[i + 3]! + b[i + 4]! * 256;
          if (!need(5 + len)) break;
          const cn = b[i + 5];
          const fn = b[i + 6];
          if (cn === 0x31 && fn === 0x50) this.qrStore = b.subarray(i + 8, i + 5 + len).toString('latin1');
          if (cn === 0x31 && fn === 0x51) this.current.qr.push(Buffer.from(this.qrStore, 'latin1').toString('utf8'));
          i += 5 + len;
        } else if (cmd === 0x76 && need(3) && b[i + 2] === 0x30) {
          // GS v 0 m xL xH yL yH data
          if (!need(8)) break;
          const bytesPerRow = b[i + 4]! + b[i + 5]! * 256;
          const rows = b[i + 6]! + b[i + 7]! * 256;
          const size = bytesPerRow * rows;
          if (!need(8 + size)) break;
          this.addRaster(bytesPerRow, rows, b.subarray(i + 8, i + 8 + size));
          i += 8 + size;
        } else {
          this.current.unknown.push(`1d${cmd.toString(16).padStart(2, '0')}`);
          i += 2;
        }
      } else if (c === 0x1c) {
        if (!need(2)) break;
        i += 2; // FS . (cancel Kanji), FS & (Kanji): no parameters
      } else if (c === 0x10) {
        // DLE EOT n: real-time status request
        if (!need(3)) break;
        if (b[i + 1] === 0x04) this.onStatusRequest?.({ n: b[i + 2]! });
        i += 3;
      } else {
        this.textBytes.push(c);
        i += 1;
      }
    }
    this.buf = this.buf.subarray(i);
  }

  private flushText(): void {
    // Text before a code-page change stays in the line, decoded with the page it was sent in.
    if (this.textBytes.length === 0) return;
    this.partial += iconv.decode(Buffer.from(this.textBytes), ESC_T_ENCODINGS[this.codePage] ?? 'cp437');
    this.textBytes = [];
  }

  private partial = '';

  private endLine(): void {
    this.flushText();
    this.current.lines.push(this.partial);
    this.current.lineCodePages.push(this.codePage);
    this.partial = '';
  }

  private addRaster(bytesPerRow: number, rows: number, data: Buffer): void {
    const width = bytesPerRow * 8;
    const prev = this.current.image;
    if (prev && prev.width !== width) this.current.unknown.push(`raster width changed ${prev.width}->${width}`);
    const height = (prev?.height ?? 0) + rows;
    const dots = new Uint8Array(width * height);
    if (prev) dots.set(prev.dots);
    const offset = (prev?.height ?? 0) * width;
    for (let r = 0; r < rows; r++) for (let x = 0; x < width; x++) dots[offset + r * width + x] = (data[r * bytesPerRow + (x >> 3)]! >> (7 - (x & 7))) & 1;
    this.current.image = { width, height, dots };
  }

  private cut(): void {
    this.flushText();
    if (this.partial) this.endLine();
    this.current.cuts += 1;
    this.receipts.push(this.current);
    this.current = emptyReceipt();
  }
}

/** Decodes a complete byte stream. */
export function decodeEscPos(bytes: Buffer): { receipts: PrintedReceipt[]; pending: PrintedReceipt } {
  const d = new EscPosDecoder();
  d.feed(bytes);
  return { receipts: d.receipts, pending: d.pending };
}
