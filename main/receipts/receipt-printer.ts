/**
 * Prints receipts for payments. Printing never decides a payment: it runs after the payment's
 * outcome is journaled, every attempt is journaled (printed, or failed and why), a failure is
 * returned, never thrown, and any receipt can be printed again from the journal.
 */
import type { Catalog } from '../catalog/catalog.js';
import { VIRTUAL_PRINTER, type PrinterProfile, type TolemConfig } from '../config/config.js';
import type { Journal, Payment } from '../payments/payment-journal.js';
import type { Logger } from '../base/log.js';
import { layout, PAPER_COLUMNS } from './layout.js';
import type { ReportContext } from './report-receipt.js';
import { cashSlipReceipt, paymentReceipt, payoutReceipt, type CashSlipData, type PaymentReceiptContext, type Receipt, type ReceiptLang } from './receipt.js';
import type { Payout } from '../payouts/payout-journal.js';
import { paperStatus, PrinterError, sendToPrinter, type PrinterFailure } from './transport.js';
import { startOfLocalDay } from '../base/zone.js';

/** `code`: what went wrong, for the screens' words (a printer's failure, or 'no-printer' / 'render'). */
export type PrintResult = { ok: true; printer: string } | { ok: false; printer: string | null; error: string; code: PrinterFailure | 'no-printer' | 'render' };

/**
 * The receipt as the profile's printer takes it. The renderers (fonts, QR, the ESC/POS library) are
 * loaded on the first receipt, not when the terminal starts: the screens come up sooner.
 */
export async function encodeReceipt(receipt: Receipt, profile: PrinterProfile): Promise<Buffer> {
  if (profile.mode === 'raster') return (await import('./raster.js')).encodeRasterReceipt(receipt, profile.paper);
  const { encodeTextReceipt } = await import('./escpos-text.js');
  return encodeTextReceipt(receipt, { columns: PAPER_COLUMNS[profile.paper], codePages: profile.codePages });
}

/** Why a kiosk refuses money: a code the screens say in the person's language, and the words for logs and the CLI. */
export interface KioskRefusal {
  code: 'no-printer' | 'no-paper' | 'printer-unreachable';
  message: string;
}

export class ReceiptPrinter {
  private readonly profiles: Map<string, PrinterProfile>;

  constructor(
    private readonly journal: Journal,
    private readonly catalog: Catalog,
    private readonly config: TolemConfig,
    private readonly log: Logger,
    /** The built-in virtual printer's interface, when the terminal runs one. */
    virtualInterface: string | null,
  ) {
    this.profiles = new Map(config.printers.map((p) => [p.name, p]));
    if (virtualInterface) this.profiles.set(VIRTUAL_PRINTER, { name: VIRTUAL_PRINTER, interface: virtualInterface, paper: 80, mode: 'raster', codePages: ['cp866', 'kz1048'] });
  }

  get defaultPrinter(): string | null {
    const name = this.config.receipts.printer;
    return name && this.profiles.has(name) ? name : null;
  }

  profile(name?: string | null): PrinterProfile | null {
    const n = name ?? this.defaultPrinter;
    return n ? (this.profiles.get(n) ?? null) : null;
  }

  receiptFor(p: Payment, opts: { lang?: ReceiptLang; duplicate?: boolean } = {}): Receipt {
    return paymentReceipt(p, {
      header: this.config.receipts.header,
      terminalId: this.config.terminalId,
      lang: opts.lang ?? this.config.receipts.lang,
      service: this.catalog.cachedService(p.serviceId),
      printedAt: new Date(),
      duplicate: opts.duplicate ?? false,
      timeZone: this.config.timeZone,
      test: this.config.sandbox,
    });
  }

  /** The receipt as a PNG (what a raster printer prints), e.g. to show on screen or save. */
  async png(p: Payment, paper: 58 | 80, lang?: ReceiptLang): Promise<Buffer> {
    const { bitmapToPng, renderReceipt } = await import('./raster.js');
    return bitmapToPng(renderReceipt(this.receiptFor(p, { lang }), paper));
  }

  /** Prints (or reprints) a payment's receipt; journals the attempt; never throws for printer trouble. */
  async printPayment(paymentId: number, opts: { printer?: string; lang?: ReceiptLang } = {}): Promise<PrintResult> {
    const p = this.journal.mustGet(paymentId);
    const profile = this.profile(opts.printer);
    if (!profile) {
      const error = opts.printer ? `no printer named "${opts.printer}"` : 'no receipt printer is configured';
      return { ok: false, printer: opts.printer ?? null, error, code: 'no-printer' };
    }
    const lang = opts.lang ?? this.config.receipts.lang;
    const duplicate = this.journal.receipts(p.id).some((r) => r.outcome === 'printed');
    let bytes: Buffer = Buffer.alloc(0);
    let error: string | null = null;
    let code: PrinterFailure | 'render' = 'render';
    try {
      bytes = await encodeReceipt(this.receiptFor(p, { lang, duplicate }), profile);
      await sendToPrinter(profile.interface, bytes, this.config.receipts.timeoutMs);
    } catch (err) {
      if (err instanceof PrinterError) code = err.failure;
      error = err instanceof PrinterError ? err.message : `receipt could not be made: ${err instanceof Error ? err.message : String(err)}`;
    }
    try {
      this.journal.recordReceipt({ paymentId: p.id, at: Date.now(), printer: profile.name, mode: profile.mode, lang, statePrinted: p.state, outcome: error ? 'failed' : 'printed', error, bytes: bytes.length });
    } catch (err) {
      this.log.error('receipt attempt could not be journaled', { payment: p.agentTransactionId, error: err instanceof Error ? err.message : String(err) });
    }
    if (error) {
      this.log.warn('receipt not printed', { payment: p.agentTransactionId, printer: profile.name, error });
      return { ok: false, printer: profile.name, error, code };
    }
    return { ok: true, printer: profile.name };
  }

  /** The test page of the admin screen and `tolem printer test`: every Kazakh letter, ₸, a QR. Never journaled. */
  async printTestPage(name?: string | null): Promise<PrintResult> {
    const profile = this.profile(name);
    if (!profile) return { ok: false, printer: name ?? null, error: name ? `no printer named "${name}"` : 'no receipt printer is configured', code: 'no-printer' };
    const test: Receipt = {
      lang: this.config.receipts.lang,
      qr: 'tolem:test',
      lines: [
        { kind: 'text', text: 'Tolem — тест печати / басып шығару сынағы', align: 'center', bold: true },
        { kind: 'text', text: 'Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі ₸ №', align: 'center' },
        { kind: 'pair', left: profile.name, right: `${profile.paper} mm ${profile.mode}` },
        { kind: 'rule' },
        { kind: 'qr', data: 'tolem:test' },
      ],
    };
    try {
      await sendToPrinter(profile.interface, await encodeReceipt(test, profile), this.config.receipts.timeoutMs);
      return { ok: true, printer: profile.name };
    } catch (err) {
      return { ok: false, printer: profile.name, error: err instanceof Error ? err.message : String(err), code: err instanceof PrinterError ? err.failure : 'render' };
    }
  }

  /**
   * A card payout's receipt (order number, masked card, amount, commission, status in words), in the
   * configured language, on the receipt printer; never throws for printer trouble. Not journaled in
   * the payments' receipts table (a payout is not a payment); its outcome is returned and logged.
   */
  async printPayout(p: Payout, opts: { lang?: ReceiptLang } = {}): Promise<PrintResult> {
    const status = p.state === 'paid' ? 'paid' : p.state === 'declined' || p.state === 'expired' ? 'failed' : 'pending';
    return this.printUnjournaled('payout receipt', { order: p.orderNumber }, (ctx) =>
      payoutReceipt({ orderNumber: p.orderNumber, maskedPan: p.maskedPan ?? '', amount: p.amount, fee: p.amountFrom - p.amount, status, reason: p.state === 'expired' ? 'expired' : undefined, at: new Date(p.createdAt), amountFrom: p.amountFrom, cashReceived: p.cashReceived }, ctx),
    opts.lang);
  }

  /**
   * A payout's receipt once, when it has ended, whoever noticed first (the screen's check or the
   * terminal's own reconciliation): the same answer for both, never two receipts for one payout.
   */
  printPayoutOnce(p: Payout, opts: { lang?: ReceiptLang } = {}): Promise<PrintResult> {
    let printed = this.payoutsPrinted.get(p.orderNumber);
    if (!printed) {
      printed = this.printPayout(p, opts);
      this.payoutsPrinted.set(p.orderNumber, printed);
      if (this.payoutsPrinted.size > 1000) this.payoutsPrinted.delete(this.payoutsPrinted.keys().next().value!);
    }
    return printed;
  }

  private readonly payoutsPrinted = new Map<string, Promise<PrintResult>>();

  /** The customer's slip for cash a kiosk took and no payment credited, in the customer's language; never throws for printer trouble. */
  async printCashSlip(d: CashSlipData, opts: { lang?: ReceiptLang } = {}): Promise<PrintResult> {
    return this.printUnjournaled('cash slip', { session: d.session }, (ctx) => cashSlipReceipt(d, ctx), opts.lang);
  }

  /** A shift's X or Z report, or an encashment's, on the receipt printer (in the receipts' language unless told). */
  async printReport(what: string, make: (ctx: ReportContext) => Receipt, lang?: ReceiptLang): Promise<PrintResult> {
    return this.printUnjournaled(what, {}, (ctx) => make({ header: ctx.header, terminalId: ctx.terminalId, lang: ctx.lang, timeZone: ctx.timeZone ?? this.config.timeZone }), lang);
  }

  /** A report as text (the printer's columns) and as the image a raster printer prints. */
  async reportImage(make: (ctx: ReportContext) => Receipt, lang?: ReceiptLang, paper: 58 | 80 = 80): Promise<{ text: string; png: Buffer }> {
    const receipt = make({ header: this.config.receipts.header, terminalId: this.config.terminalId, lang: lang ?? this.config.receipts.lang, timeZone: this.config.timeZone });
    const { bitmapToPng, renderReceipt } = await import('./raster.js');
    const text = layout(receipt, PAPER_COLUMNS[paper])
      .map((l) => (l.kind === 'text' ? (l.align === 'center' ? l.text.padStart(Math.floor((PAPER_COLUMNS[paper] + l.text.length) / 2)) : l.text) : ''))
      .join('\n');
    return { text, png: bitmapToPng(renderReceipt(receipt, paper)) };
  }

  /** Prints a receipt that is not a payment's (a payout's, a cash slip) on the receipt printer; its outcome is returned and logged. */
  private async printUnjournaled(what: string, ids: Record<string, string>, make: (ctx: Omit<PaymentReceiptContext, 'service'>) => Receipt, lang?: ReceiptLang): Promise<PrintResult> {
    const profile = this.profile();
    if (!profile) return { ok: false, printer: null, error: 'no receipt printer is configured', code: 'no-printer' };
    const receipt = make({ header: this.config.receipts.header, terminalId: this.config.terminalId, lang: lang ?? this.config.receipts.lang, printedAt: new Date(), timeZone: this.config.timeZone, test: this.config.sandbox });
    try {
      await sendToPrinter(profile.interface, await encodeReceipt(receipt, profile), this.config.receipts.timeoutMs);
      return { ok: true, printer: profile.name };
    } catch (err) {
      this.log.warn(`${what} not printed`, { ...ids, error: err instanceof Error ? err.message : String(err) });
      return { ok: false, printer: profile.name, error: err instanceof Error ? err.message : String(err), code: err instanceof PrinterError ? err.failure : 'render' };
    }
  }

  /** After a payment's outcome is journaled: its receipt, when a printer is configured and the payment was taken. */
  async printAfterPayment(p: Payment, lang?: ReceiptLang): Promise<PrintResult | null> {
    if (!this.defaultPrinter || p.state === 'abandoned' || p.state === 'draft') return null;
    return this.printPayment(p.id, { lang });
  }

  /** Receipts of today's payments that never printed (what the cashier must hand over or reprint). */
  notPrintedToday(): number {
    if (!this.defaultPrinter) return 0;
    return this.journal.unprintedReceipts(startOfLocalDay(Date.now(), this.config.timeZone)).length;
  }

  /** Why a kiosk must not take money now (no paper, no printer), or null. */
  async refusal(): Promise<KioskRefusal | null> {
    const profile = this.profile();
    if (!profile) return { code: 'no-printer', message: 'the receipt printer is not configured' };
    const status = await paperStatus(profile.interface, this.config.receipts.timeoutMs);
    if (status === 'out') return { code: 'no-paper', message: 'the receipt printer is out of paper: call the attendant' };
    // A kiosk must hand over a receipt: a printer that does not answer takes no money either.
    if (status === 'unreachable') return { code: 'printer-unreachable', message: 'the receipt printer does not answer: call the attendant' };
    return null;
  }
}
