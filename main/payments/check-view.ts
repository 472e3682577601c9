/**
 * What a check found, as the screens show it: displays with the catalog's titles, contracts to
 * choose from, invoice lines with their limits, an international provider's rate. Amounts are
 * decimal text ("359.80"); a limit of zero (none) is null. Everything is plain text: a screen
 * never renders anything from processing as markup.
 */
import type { CatalogService, PaymentAnswer } from '../processing/schemas.js';
import { AmountError, formatDecimal, parseDecimalMoney, type Minor } from '../../shared/money/amount.js';
import { tengePerUnit } from '../../shared/money/exchange.js';
import type { CheckAnswerView, ContractView, DisplayView, InvoiceLineView, InvoiceView, InternationalView } from '../../shared/ipc/views.js';

export type { CheckAnswerView, ContractView, DisplayView, InvoiceLineView, InvoiceView, InternationalView };


/** The most displays shown, and the most of any one text from processing shown or printed. */
export const MAX_DISPLAYS = 30;
export const MAX_SHOWN_CHARS = 200;

/**
 * An amount processing wrote as text ("15000.00", "15000.0000", "15 000.00", "1 250,00"): tiyn,
 * or null when it is words (never a throw, never a rounding).
 */
function readProcessingAmount(text: string): Minor | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/,(\d{1,4})$/, '.$1');
  try {
    return parseDecimalMoney(compact);
  } catch (err) {
    if (err instanceof AmountError) return null;
    throw err;
  }
}

/**
 * A display that is an amount ("15000.00", "1 250,00 ₸"), or words then an amount in tenge ("Сумма к
 * оплате 15000.00 тенге"): the amount's decimal text, so screens format it as every sum; null otherwise.
 */
function displayAmount(value: string): { amount: string; words: string | null } | null {
  const m = /^(.*?)(\d[\d\s\u00a0\u202f]*(?:[.,]\d{1,4})?)\s*(тенге|теңге|тг\.?|₸|kzt)?\s*$/iu.exec(value);
  if (!m?.[2]) return null;
  const words = (m[1] ?? '').trim().replace(/[:\s]+$/, '');
  // Words before a number are only an amount's label when a currency says so ("Заказ № 15" is not money).
  if (words && !m[3]) return null;
  const minor = readProcessingAmount(m[2]);
  return minor === null ? null : { amount: formatDecimal(minor), words: words || null };
}

/** A fixed amount as processing may write it: tiyn, or null when it is not an amount above zero. */
export function readFixedAmount(text: string): Minor | null {
  const m = readProcessingAmount(text);
  return m !== null && m > 0 ? m : null;
}

/** Text from processing as a person sees it: at most MAX_SHOWN_CHARS. */
export function shown(v: string): string {
  return v.length > MAX_SHOWN_CHARS ? `${v.slice(0, MAX_SHOWN_CHARS - 1)}…` : v;
}

/** An amount processing wrote as text ("0.00", "1 250,00"), as decimal text; null when it is words. */
function amountText(v: string | undefined): string | null {
  const m = v === undefined ? null : readProcessingAmount(v);
  return m === null ? null : formatDecimal(m);
}

const money = (m: Minor | undefined): string | null => (m === undefined ? null : formatDecimal(m));
const limit = (m: Minor): string | null => (m > 0 ? formatDecimal(m) : null);
const text = (v: string | undefined): string | null => (v === undefined || v === '' ? null : shown(v));

export function checkAnswerView(answer: PaymentAnswer, service: CatalogService | null): CheckAnswerView {
  const titles = new Map((service?.displays ?? []).map((d) => [d.name, d.title]));
  const displays: DisplayView[] = [];
  let fixedAmount: string | null = null;
  let fixedAmountUnreadable = false;
  for (const [name, value] of Object.entries(answer.displays ?? {})) {
    if (value === null || value === '') continue;
    if (name === 'fixedAmount') {
      const m = readFixedAmount(value);
      fixedAmount = m === null ? null : formatDecimal(m);
      fixedAmountUnreadable = m === null;
      continue;
    }
    if (displays.length < MAX_DISPLAYS) {
      const a = displayAmount(value);
      displays.push({ name: shown(name), title: shown(titles.get(name) || name), value: shown(value), amount: a?.amount ?? null, amountWords: a?.words ? shown(a.words) : null });
    }
  }
  // The debt a service's check names is where the amount starts: only an amount above zero, never words.
  const debtShown = displays.find((d) => d.name === 'debt' && d.amount !== null && d.amount !== '0.00');
  const rate = text(answer.rate ?? answer.currencyRate);
  const perUnit = rate === null ? null : tengePerUnit(rate);
  const international = answer.currency || answer.finalAmount ? { currency: answer.currency ?? '', rate, finalAmount: text(answer.finalAmount), unitPrice: perUnit === null ? null : formatDecimal(perUnit) } : null;
  return {
    displays,
    debt: debtShown?.amount ?? null,
    contracts: answer.contracts?.map((c) => ({ contractId: c.contractId, name: text(c.name), contractNumber: text(c.contractNumber), contractSum: money(c.contractSum), contractDate: text(c.contractDate) })) ?? null,
    invoices:
      answer.invoice?.invoices.map((inv) => ({
        invoiceId: text(inv.invoiceId), formedDate: text(inv.formedDate), expireDate: text(inv.expireDate), clientName: text(inv.clientName), clientAddress: text(inv.clientAddress),
        lines: inv.services.map((s) => ({
          subServiceId: s.subServiceId,
          subServiceName: shown(s.subServiceName),
          paySum: money(s.data.paySum),
          minSum: limit(s.data.minSum),
          maxSum: limit(s.data.maxSum),
          tariff: text(s.data.tariff),
          debtInfo: text(s.data.debtInfo),
          debt: amountText(s.data.debtInfo),
          isMeter: s.data.isMeter,
          prevCount: text(s.data.prevCount),
          lastCount: text(s.data.lastCount),
          si: text(s.data.si),
          comment: text(s.data.comment),
        })),
      })) ?? null,
    international,
    fixedAmount,
    fixedAmountUnreadable,
  };
}
