/**
 * A virtual ESC/POS printer: a TCP server on loopback (port 9100 by convention) that decodes what
 * it receives and keeps each receipt (text, QR payloads, raster image as PNG). The demo prints to
 * it, and tests assert on what arrived. It can be told to be out of paper, to refuse connections,
 * to hang, or to drop the connection mid-receipt.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { EscPosDecoder, type PrintedReceipt } from '../main/receipts/escpos-decoder.js';
import { bitmapToPng } from '../main/receipts/bitmap.js';

export type PrinterFault = 'none' | 'refuse' | 'hang' | 'drop-mid-receipt';

export interface VirtualPrinterOptions {
  port?: number;
  host?: string;
  /** When set, each receipt is also written there: NNN.txt and, for raster receipts, NNN.png. */
  saveDir?: string | null;
  onReceipt?: (r: PrintedReceipt) => void;
}

export interface VirtualPrinter {
  url: string;
  port: number;
  receipts: PrintedReceipt[];
  paperOut: boolean;
  /** The fault in force; `refuse` stops listening altogether (connections are refused). */
  readonly fault: PrinterFault;
  setFault(fault: PrinterFault): Promise<void>;
  /** Files written for the last receipt: .txt for a text receipt, .png for a raster one. */
  lastSaved: string[];
  /** Bytes received on the connection currently open (for fault tests). */
  close(): Promise<void>;
  waitForReceipts(count: number, timeoutMs?: number): Promise<PrintedReceipt[]>;
}

export async function startVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const receipts: PrintedReceipt[] = [];
  const sockets = new Set<net.Socket>();
  const waiters: (() => void)[] = [];
  if (options.saveDir) fs.mkdirSync(options.saveDir, { recursive: true });
  let fault: PrinterFault = 'none';
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const state: VirtualPrinter = {
    url: '',
    port: 0,
    receipts,
    paperOut: false,
    get fault() {
      return fault;
    },
    async setFault(next: PrinterFault) {
      const was = fault;
      fault = next;
      if (next === 'refuse' && was !== 'refuse') {
        for (const s of sockets) s.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      } else if (was === 'refuse' && next !== 'refuse') await listen(state.port);
    },
    lastSaved: [],
    close: async () => {
      for (const s of sockets) s.destroy();
      if (fault !== 'refuse') await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    waitForReceipts: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (receipts.length >= count) {
            clearTimeout(timer);
            resolve(receipts);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => reject(new Error(`virtual printer: ${receipts.length} of ${count} receipts arrived`)), timeoutMs);
        if (!check()) waiters.push(() => void check());
      }),
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let received = 0;
    const decoder = new EscPosDecoder((req) => {
      // DLE EOT 4: paper roll sensor. Bits 5 and 6 set = paper end.
      if (req.n === 4) socket.write(Buffer.from([state.paperOut ? 0x72 : 0x12]));
      else socket.write(Buffer.from([0x12]));
    });
    socket.on('data', (chunk: Buffer) => {
      if (fault === 'hang') return; // takes the bytes, never prints, never closes
      received += chunk.length;
      if (fault === 'drop-mid-receipt' && received > 64) {
        socket.destroy();
        return;
      }
      const before = decoder.receipts.length;
      decoder.feed(chunk);
      // Out of paper: the printer still answers status requests, but nothing comes out.
      if (state.paperOut) return;
      for (const r of decoder.receipts.slice(before)) {
        receipts.push(r);
        save(r, receipts.length);
        options.onReceipt?.(r);
      }
      if (decoder.receipts.length > before) for (const w of waiters.splice(0)) w();
    });
  });

  function save(r: PrintedReceipt, n: number): void {
    if (!options.saveDir) return;
    const atid = /atid=(\d+)/.exec(r.qr[0] ?? '')?.[1];
    const base = path.join(options.saveDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${atid ?? `p${process.pid}-${n}`}`);
    state.lastSaved = [];
    // A text receipt is kept as its text; a raster receipt (an image, no text on the wire) as its PNG.
    if (r.lines.length) {
      fs.writeFileSync(`${base}.txt`, [...r.lines, ...r.qr.map((q) => `[QR] ${q}`), `[cut x${r.cuts}]`].join('\n'));
      state.lastSaved.push(`${base}.txt`);
    }
    if (r.image) {
      fs.writeFileSync(`${base}.png`, bitmapToPng(r.image));
      state.lastSaved.push(`${base}.png`);
    }
  }

  await listen(options.port ?? 0);
  state.port = (server.address() as net.AddressInfo).port;
  state.url = `tcp://${options.host ?? '127.0.0.1'}:${state.port}`;
  return state;
}
