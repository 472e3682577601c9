/** What the payment commands say after paying: the exit code by the payment's state, and the receipt's fate. */
import type { Payment } from '../payments/payment-journal.js';
import type { PrintResult } from '../receipts/receipt-printer.js';
import type { Terminal } from '../app/terminal.js';
import { EXIT } from './io.js';

export function exitFor(p: Payment): number {
  switch (p.state) {
    case 'success':
      return EXIT.ok;
    case 'pending':
      return EXIT.pending;
    case 'review':
      return EXIT.review;
    default:
      return EXIT.notPaid;
  }
}

export function receiptJson(r: PrintResult | null, t: Terminal): { printed: boolean; printer: string | null; error: string | null; files: string[] } | null {
  if (!r) return null;
  const files = r.ok && t.virtualPrinter && r.printer === 'virtual' ? t.virtualPrinter.lastSaved : [];
  return { printed: r.ok, printer: r.printer, error: r.ok ? null : r.error, files };
}

export function receiptLine(r: PrintResult, t: Terminal, id: string): string {
  if (!r.ok) return `  receipt NOT printed: ${r.error} (reprint: tolem receipt --id ${id})`;
  const files = receiptJson(r, t)?.files ?? [];
  return `  receipt printed on ${r.printer}${files.length ? `: ${files.join(', ')}` : ''}`;
}
