/** The receipt channels: reprint, a preview as the printer would print it, the printer's test page. */
import { paymentByAtid } from '../../app/use-cases.js';
import type { Terminal } from '../../app/terminal.js';
import type { AreaHandlers } from './area.js';

export function receiptHandlers(t: Terminal): AreaHandlers<'receipt.print' | 'receipt.preview' | 'printer.test'> {
  return {
    async 'receipt.print'(a) {
      const r = await t.receipts.printPayment(paymentByAtid(t, a.agentTransactionId).id);
      return { printed: r.ok, error: r.ok ? null : r.code };
    },
    async 'receipt.preview'(a) {
      const p = paymentByAtid(t, a.agentTransactionId);
      const paper = t.receipts.profile()?.paper ?? 80;
      return { png: `data:image/png;base64,${(await t.receipts.png(p, paper)).toString('base64')}` };
    },
    async 'printer.test'() {
      const r = await t.receipts.printTestPage();
      return { printed: r.ok, printer: r.printer, error: r.ok ? null : r.code };
    },
  };
}
