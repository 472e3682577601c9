/**
 * What a receipt says: the customer's proof of payment, in Russian or Kazakh. Pure data: the
 * text and raster printers lay it out for their paper.
 */
import { RESULT_CODES } from '../../shared/words/result-codes.js';
import type { CatalogService } from '../processing/schemas.js';
import { reviewCause, type Payment } from '../payments/payment-journal.js';
import { moneyTaken } from '../../shared/rules/payment-states.js';
import { formatDecimal, formatMoney, handBack, parseDecimalMoney, type Minor } from '../../shared/money/amount.js';
import type { CashBox } from '../cash/cash-box.js';
import { convertByRate } from '../../shared/money/exchange.js';
import { DEFAULT_TIME_ZONE, formatReceiptDateTime } from '../base/zone.js';
import { parseWire, toPlain } from '../base/wire-json.js';

export type ReceiptLang = 'ru' | 'kk';

export interface ReceiptHeader {
  agentName: string;
  agentBin: string;
  address: string;
  supportPhone: string;
  footer: string[];
}

export type ReceiptLine =
  | { kind: 'text'; text: string; align?: 'left' | 'center'; bold?: boolean; big?: boolean }
  | { kind: 'pair'; left: string; right: string; bold?: boolean }
  | { kind: 'rule' }
  | { kind: 'qr'; data: string };

export interface Receipt {
  lang: ReceiptLang;
  lines: ReceiptLine[];
  /** What the QR code carries: the payment's reference. */
  qr: string;
}

const WORDS = {
  ru: {
    bin: 'БИН', terminal: 'Терминал', receipt: 'Чек №', date: 'Дата', service: 'Услуга', taken: 'Принято',
    commission: 'Комиссия', credited: 'К зачислению', agentTx: 'Номер платежа', tx: 'Транзакция', status: 'Статус',
    paid: 'ОПЛАЧЕНО', pending: 'ПЛАТЁЖ В ОБРАБОТКЕ', failed: 'НЕ ОПЛАЧЕНО', review: 'ПЛАТЁЖ НА ПРОВЕРКЕ',
    pendingNote: 'Платёж принят и будет зачислен. Сохраните чек.', reviewNote: 'Платёж проверяется. Сохраните чек.',
    numberMoved: 'Номер обслуживает другой оператор: платёж не отправлен. Оператор пункта зачислит его правильному оператору или вернёт деньги. Сохраните чек.',
    notCredited: 'Сумма не зачислена: обратитесь к кассиру или в службу поддержки',
    notSent: 'Платёж не отправлен в процессинг', expired: 'Срок страницы банка истёк',
    support: 'Служба поддержки', duplicate: 'ДУБЛИКАТ', keep: 'Сохраняйте чек до зачисления платежа',
    payout: 'Выплата на карту', card: 'Карта', order: 'Номер заказа', amount: 'Сумма', fee: 'Комиссия банка',
    test: 'ТЕСТОВЫЙ ЧЕК', testNote: 'Демо-режим: платёж не проведён, деньги никуда не зачислены',
    contract: 'Договор', reading: 'показание', arrives: 'Поступит получателю', rate: 'Курс', arrivesFor: '(за {amount} к зачислению, без комиссии)',
    cashReceived: 'Получено наличными', change: 'Сдача',
    slip: 'ДЕНЬГИ НЕ ЗАЧИСЛЕНЫ', slipCash: 'Внесено наличными', slipAccount: 'Счёт', slipNumber: 'Номер',
    slipWhat: 'Обратитесь к оператору пункта с этим чеком: он вернёт деньги или проведёт платёж.',
    slipWhy: { cancelled: 'Отменено покупателем', 'walked-away': 'Платёж не завершён', refused: 'Платёж не принят', 'power-cut': 'Сбой терминала' },
  },
  kk: {
    bin: 'БСН', terminal: 'Терминал', receipt: 'Чек №', date: 'Күні', service: 'Қызмет', taken: 'Қабылданды',
    commission: 'Комиссия', credited: 'Есепке алынады', agentTx: 'Төлем нөмірі', tx: 'Транзакция', status: 'Мәртебесі',
    paid: 'ТӨЛЕНДІ', pending: 'ТӨЛЕМ ӨҢДЕЛУДЕ', failed: 'ТӨЛЕНБЕДІ', review: 'ТӨЛЕМ ТЕКСЕРІЛУДЕ',
    pendingNote: 'Төлем қабылданды, есепке алынады. Чекті сақтаңыз.', reviewNote: 'Төлем тексерілуде. Чекті сақтаңыз.',
    numberMoved: 'Нөмірге басқа оператор қызмет көрсетеді: төлем жіберілмеді. Пункт операторы оны дұрыс операторға аударады немесе ақшаны қайтарады. Чекті сақтаңыз.',
    notCredited: 'Сома есепке алынбады: кассирге немесе қолдау қызметіне жүгініңіз',
    notSent: 'Төлем процессингке жіберілмеді', expired: 'Банк бетінің мерзімі өтті',
    support: 'Қолдау қызметі', duplicate: 'ТҮПНҰСҚАНЫҢ КӨШІРМЕСІ', keep: 'Төлем есепке алынғанша чекті сақтаңыз',
    payout: 'Картаға төлем', card: 'Карта', order: 'Тапсырыс нөмірі', amount: 'Сома', fee: 'Банк комиссиясы',
    test: 'СЫНАҚ ЧЕГІ', testNote: 'Демо режимі: төлем жүргізілмеді, ақша ешқайда аударылмады',
    contract: 'Келісімшарт', reading: 'көрсеткіш', arrives: 'Алушыға түседі', rate: 'Бағам', arrivesFor: '(есепке алынатын {amount} үшін, комиссиясыз)',
    cashReceived: 'Қолма-қол алынды', change: 'Қайтарым',
    slip: 'АҚША ЕСЕПКЕ АЛЫНБАДЫ', slipCash: 'Салынған қолма-қол ақша', slipAccount: 'Шот', slipNumber: 'Нөмірі',
    slipWhat: 'Осы чекпен пункт операторына жүгініңіз: ол ақшаны қайтарады немесе төлемді жүргізеді.',
    slipWhy: { cancelled: 'Сатып алушы бас тартты', 'walked-away': 'Төлем аяқталмады', refused: 'Төлем қабылданбады', 'power-cut': 'Терминал ақауы' },
  },
} as const;

/** 150050 → "1 500,50 ₸" (the screens' formatter, with plain spaces every code page holds). */
export function tenge(minor: Minor): string {
  return formatMoney(minor, 'ru', { space: ' ' });
}

/** A moment as receipts write it, in the agent's zone (never the OS's): "22.11.2026 14:05:09". */
export function receiptDate(d: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return formatReceiptDateTime(d.getTime(), timeZone);
}

/** The most of one value a receipt prints (an input, a display from processing), and the most displays. */
export const MAX_RECEIPT_VALUE_CHARS = 120;
export const MAX_RECEIPT_DISPLAYS = 30;

function bounded(text: string): string {
  // Control characters (a line feed from processing) would break the receipt's layout: one line each.
  const flat = [...text].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('');
  return flat.length > MAX_RECEIPT_VALUE_CHARS ? `${flat.slice(0, MAX_RECEIPT_VALUE_CHARS - 1)}…` : flat;
}

/** A sandbox receipt says, in its language, that it is a test and no payment was made. */
function testLines(w: (typeof WORDS)[ReceiptLang]): ReceiptLine[] {
  return [
    { kind: 'text', text: w.test, align: 'center', bold: true, big: true },
    { kind: 'text', text: w.testNote, align: 'center', bold: true },
  ];
}

function head(h: ReceiptHeader, w: (typeof WORDS)[ReceiptLang], terminalId: number): ReceiptLine[] {
  const lines: ReceiptLine[] = [{ kind: 'text', text: h.agentName, align: 'center', bold: true }];
  if (h.agentBin) lines.push({ kind: 'text', text: `${w.bin} ${h.agentBin}`, align: 'center' });
  if (h.address) lines.push({ kind: 'text', text: h.address, align: 'center' });
  lines.push({ kind: 'pair', left: w.terminal, right: String(terminalId) });
  return lines;
}

/** The agent's name, BIN, address and the terminal: the top of every paper the terminal prints. */
export function receiptHead(h: ReceiptHeader, lang: ReceiptLang, terminalId: number): ReceiptLine[] {
  return head(h, WORDS[lang], terminalId);
}

function tail(h: ReceiptHeader, w: (typeof WORDS)[ReceiptLang], qr: string): ReceiptLine[] {
  const lines: ReceiptLine[] = [{ kind: 'qr', data: qr }];
  if (h.supportPhone) lines.push({ kind: 'text', text: `${w.support}: ${h.supportPhone.replace(/ /g, '\u00a0')}`, align: 'center' });
  for (const f of h.footer) lines.push({ kind: 'text', text: f, align: 'center' });
  return lines;
}

export interface PaymentReceiptContext {
  header: ReceiptHeader;
  terminalId: number;
  lang: ReceiptLang;
  service: CatalogService | null;
  printedAt: Date;
  duplicate?: boolean;
  /** The agent's zone for dates (default Asia/Almaty). */
  timeZone?: string;
  /** Printed by the built-in sandbox: the receipt says it is a test and no payment was made. */
  test?: boolean;
}

export function paymentReceipt(p: Payment, ctx: PaymentReceiptContext): Receipt {
  const w = WORDS[ctx.lang];
  const qr = `tolem:payment?atid=${p.agentTransactionId}${p.transactionId ? `&tx=${p.transactionId}` : ''}${p.amountTo === null ? '' : `&sum=${formatDecimal(p.amountTo)}`}&t=${ctx.terminalId}`;
  const lines: ReceiptLine[] = ctx.test ? testLines(w) : [];
  lines.push(...head(ctx.header, w, ctx.terminalId));
  lines.push({ kind: 'pair', left: w.receipt, right: String(p.id) });
  lines.push({ kind: 'pair', left: w.date, right: receiptDate(new Date(p.acceptedAt ?? p.createdAt), ctx.timeZone) });
  if (ctx.duplicate) lines.push({ kind: 'text', text: w.duplicate, align: 'center', bold: true });
  lines.push({ kind: 'rule' });
  lines.push({ kind: 'text', text: `${w.service}: ${p.serviceName || p.serviceId}`, bold: true });
  const title = (name: string, list: CatalogService['inputs'] | undefined) => bounded(list?.find((f) => f.name === name)?.title || name);
  lines.push({ kind: 'pair', left: title('account', ctx.service?.inputs), right: bounded(p.account) });
  for (const [name, value] of Object.entries(p.fields)) lines.push({ kind: 'pair', left: title(name, ctx.service?.inputs), right: bounded(value) });
  for (const [name, value] of Object.entries(displaysOf(p)).slice(0, MAX_RECEIPT_DISPLAYS)) {
    const label = title(name, ctx.service?.displays);
    if (label && value) lines.push({ kind: 'pair', left: label, right: bounded(value) });
  }
  lines.push(...paidFacts(p, w));
  lines.push({ kind: 'rule' });
  if (p.amountFrom !== null) lines.push({ kind: 'pair', left: w.taken, right: tenge(p.amountFrom) });
  if (p.amountFrom !== null && moneyTaken(p.state)) lines.push(...cashLines(w, p.cashReceived, p.amountFrom));
  const notPaid = p.state === 'failed' || p.state === 'abandoned';
  if (!notPaid && p.amountFrom !== null && p.amountTo !== null) lines.push({ kind: 'pair', left: w.commission, right: tenge(p.amountFrom - p.amountTo) });
  if (!notPaid && p.amountTo !== null) lines.push({ kind: 'pair', left: w.credited, right: tenge(p.amountTo), bold: true });
  lines.push({ kind: 'pair', left: w.agentTx, right: p.agentTransactionId });
  if (p.transactionId) lines.push({ kind: 'pair', left: w.tx, right: p.transactionId });
  lines.push({ kind: 'rule' });
  lines.push(...statusLines(p, ctx.lang));
  if (ctx.test) lines.push(...testLines(w));
  lines.push(...tail(ctx.header, w, qr));
  return { lang: ctx.lang, lines, qr };
}

function statusLines(p: Payment, lang: ReceiptLang): ReceiptLine[] {
  const w = WORDS[lang];
  switch (p.state) {
    case 'success':
      return [{ kind: 'text', text: w.paid, align: 'center', bold: true, big: true }];
    case 'pending':
    case 'draft':
      return [{ kind: 'text', text: w.pending, align: 'center', bold: true, big: true }, { kind: 'text', text: w.pendingNote, align: 'center' }];
    case 'review':
      return [{ kind: 'text', text: w.review, align: 'center', bold: true, big: true }, { kind: 'text', text: reviewCause(p) === 'number-moved' ? w.numberMoved : w.reviewNote, align: 'center' }];
    default: {
      // Processing's code in the receipt's language (else its own message); no code: the terminal's word, never its engine text.
      const why = bounded(p.result !== null ? RESULT_CODES[p.result]?.[lang] ?? p.resultMessage ?? '' : w.notSent);
      return [
        { kind: 'text', text: w.failed, align: 'center', bold: true, big: true },
        ...(why ? [{ kind: 'text' as const, text: why, align: 'center' as const }] : []),
        { kind: 'text', text: w.notCredited, align: 'center' },
      ];
    }
  }
}

/**
 * What was chosen and paid, from the committed pay body and the check: the contract, each invoice
 * line with its meter reading, and what an international provider's recipient gets.
 */
function paidFacts(p: Payment, w: (typeof WORDS)[ReceiptLang]): ReceiptLine[] {
  const out: ReceiptLine[] = [];
  let body: { extras?: Record<string, unknown>; extraServices?: { subServiceId?: unknown; amount?: unknown; lastCount?: unknown }[] } = {};
  let check: { contracts?: { contractId?: unknown; contractNumber?: unknown; name?: unknown }[]; invoice?: { invoices?: { services?: { subServiceId?: unknown; subServiceName?: unknown }[] }[] }; rate?: unknown; currency?: unknown } = {};
  try {
    if (p.payBody) body = toPlain(parseWire(p.payBody)) as typeof body;
    if (p.checkAnswer) check = toPlain(parseWire(p.checkAnswer)) as typeof check;
  } catch {
    return out;
  }
  const contractId = body.extras?.contractId;
  if (typeof contractId === 'string') {
    const c = check.contracts?.find((x) => String(x.contractId) === contractId);
    out.push({ kind: 'pair', left: w.contract, right: bounded(`${String(c?.contractNumber ?? contractId)}${c?.name ? ` ${String(c.name)}` : ''}`) });
  }
  const names = new Map((check.invoice?.invoices ?? []).flatMap((i) => i.services ?? []).map((s) => [String(s.subServiceId), String(s.subServiceName ?? s.subServiceId).trim()]));
  for (const s of body.extraServices ?? []) {
    const id = String(s.subServiceId);
    let amount = '';
    try {
      amount = tenge(parseDecimalMoney(String(s.amount)));
    } catch {
      amount = String(s.amount);
    }
    out.push({ kind: 'pair', left: bounded(names.get(id) ?? id), right: amount });
    if (s.lastCount !== undefined) out.push({ kind: 'pair', left: `  ${w.reading}`, right: bounded(String(s.lastCount)) });
  }
  if (typeof check.rate === 'string' && typeof check.currency === 'string' && p.amountTo !== null) {
    const arrives = convertByRate(p.amountTo, check.rate);
    // The rate as processing converts with it, so the amount that arrives can be checked against it on paper.
    out.push({ kind: 'pair', left: w.rate, right: `1 ₸ = ${bounded(check.rate)} ${bounded(check.currency)}` });
    if (arrives) out.push({ kind: 'pair', left: w.arrives, right: `${arrives} ${bounded(check.currency)}` }, { kind: 'text', text: w.arrivesFor.replace('{amount}', tenge(p.amountTo)) });
  }
  return out;
}

function displaysOf(p: Payment): Record<string, string> {
  if (!p.checkAnswer) return {};
  try {
    const plain = toPlain(parseWire(p.checkAnswer)) as { displays?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(plain.displays ?? {}).filter(([k, v]) => k !== 'fixedAmount' && typeof v === 'string') as [string, string][]);
  } catch {
    return {};
  }
}

export interface PayoutReceiptData {
  orderNumber: string;
  maskedPan: string;
  amount: Minor;
  fee: Minor;
  status: 'paid' | 'pending' | 'failed';
  /** Why it was not paid, said in the receipt's language: the bank page's time ran out. */
  reason?: 'expired' | undefined;
  at: Date;
  /** What the customer paid in cash (amount plus commission), and, at a desk, what they handed over. */
  amountFrom?: Minor | undefined;
  cashReceived?: Minor | null | undefined;
}

/** A card payout's receipt: the card is shown masked (first 6 / last 4) and nothing more. */
export function payoutReceipt(d: PayoutReceiptData, ctx: Omit<PaymentReceiptContext, 'service'>): Receipt {
  const w = WORDS[ctx.lang];
  // First 6 and last 4 only, whatever the bank sent (even a full card number never reaches paper).
  const pan = d.maskedPan.replace(/\s/g, '');
  const masked = pan.length >= 10 ? `${pan.slice(0, 6)}******${pan.slice(-4)}` : '******';
  const qr = `tolem:payout?order=${d.orderNumber}&sum=${formatDecimal(d.amount)}&t=${ctx.terminalId}`;
  const lines: ReceiptLine[] = ctx.test ? testLines(w) : [];
  lines.push(...head(ctx.header, w, ctx.terminalId));
  lines.push({ kind: 'pair', left: w.date, right: receiptDate(d.at, ctx.timeZone) });
  if (ctx.duplicate) lines.push({ kind: 'text', text: w.duplicate, align: 'center', bold: true });
  lines.push({ kind: 'rule' }, { kind: 'text', text: w.payout, bold: true });
  lines.push({ kind: 'pair', left: w.card, right: masked }, { kind: 'pair', left: w.order, right: d.orderNumber });
  lines.push({ kind: 'pair', left: w.amount, right: tenge(d.amount), bold: true }, { kind: 'pair', left: w.fee, right: tenge(d.fee) });
  if (d.amountFrom !== undefined) lines.push({ kind: 'pair', left: w.taken, right: tenge(d.amountFrom) });
  if (d.amountFrom !== undefined && d.status !== 'failed') lines.push(...cashLines(w, d.cashReceived ?? null, d.amountFrom));
  lines.push({ kind: 'rule' });
  const status = d.status === 'paid' ? w.paid : d.status === 'pending' ? w.pending : w.failed;
  lines.push({ kind: 'text', text: status, align: 'center', bold: true, big: true });
  if (d.reason) lines.push({ kind: 'text', text: w[d.reason], align: 'center' });
  lines.push(...tail(ctx.header, w, qr));
  return { lang: ctx.lang, lines, qr };
}

/**
 * A cashier's cash: what the customer handed over and the change, by the domain's one rule for it
 * (whole tenge); nothing when no cash received was journaled.
 */
function cashLines(w: (typeof WORDS)[ReceiptLang], received: Minor | null, due: Minor): ReceiptLine[] {
  if (received === null) return [];
  const { change } = handBack(received, due, true);
  return [{ kind: 'pair', left: w.cashReceived, right: tenge(received) }, ...(change ? [{ kind: 'pair' as const, left: w.change, right: tenge(change) }] : [])];
}

export interface CashSlipData {
  session: string;
  total: Minor;
  why: ReturnType<typeof CashBox.why>;
  at: Date;
  payment: { agentTransactionId: string; serviceName: string; account: string } | null;
}

/**
 * The customer's proof of cash a kiosk took and no payment credited (cancelled, walked away, refused):
 * the amount, when, where, the payment number, the service and account, and what to do.
 */
export function cashSlipReceipt(d: CashSlipData, ctx: Omit<PaymentReceiptContext, 'service'>): Receipt {
  const w = WORDS[ctx.lang];
  const qr = `tolem:cash?session=${d.session}&sum=${formatDecimal(d.total)}&t=${ctx.terminalId}`;
  const lines: ReceiptLine[] = ctx.test ? testLines(w) : [];
  lines.push(...head(ctx.header, w, ctx.terminalId));
  lines.push({ kind: 'pair', left: w.date, right: receiptDate(d.at, ctx.timeZone) });
  lines.push({ kind: 'rule' }, { kind: 'text', text: w.slip, align: 'center', bold: true, big: true });
  lines.push({ kind: 'text', text: w.slipWhy[d.why], align: 'center' });
  lines.push({ kind: 'pair', left: w.slipCash, right: tenge(d.total), bold: true });
  if (d.payment) {
    lines.push({ kind: 'pair', left: w.service, right: d.payment.serviceName }, { kind: 'pair', left: w.slipAccount, right: d.payment.account });
    lines.push({ kind: 'pair', left: w.agentTx, right: d.payment.agentTransactionId });
  }
  lines.push({ kind: 'pair', left: w.slipNumber, right: d.session.slice(0, 8).toUpperCase() }, { kind: 'rule' });
  lines.push({ kind: 'text', text: w.slipWhat, align: 'center' });
  lines.push(...tail(ctx.header, w, qr));
  return { lang: ctx.lang, lines, qr };
}
