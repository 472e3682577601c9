/**
 * Money on screen: amounts travel as decimal text ("1500.50") and are computed in integer tiyn
 * with the same module the engine uses; Intl formats the decimal text itself (no float between).
 */
import { AmountError, formatDecimal, parseAmount, type Minor } from '../../../main/money/amount';
import type { Lang } from '../i18n';

export { formatDecimal, type Minor };

const LOCALES: Record<Lang, string> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-KZ' };
const formats = new Map<Lang, Intl.NumberFormat>();

export function locale(lang: Lang): string {
  return LOCALES[lang];
}

/** A moment as the screens show it: the person's language, the agent's time zone (the terminal's), never the OS's. */
export function dateTime(iso: string | number, lang: Lang, timeZone: string | undefined, opts: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'medium' }): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { ...opts, timeZone: timeZone ?? 'Asia/Almaty' }).format(new Date(iso));
}

/** "1500.50" → "1 500,50 ₸" in the person's language. */
export function money(decimal: string | null | undefined, lang: Lang): string {
  if (decimal === null || decimal === undefined || decimal === '') return '—';
  let f = formats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'KZT', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formats.set(lang, f);
  }
  return f.format(decimal as Intl.StringNumericLiteral);
}

/** What a person typed ("1500", "1500,5") as tiyn, or null when it is not an amount. */
export function typedAmount(text: string): Minor | null {
  try {
    return parseAmount(text);
  } catch (err) {
    if (err instanceof AmountError) return null;
    throw err;
  }
}

/** Decimal text from processing or the terminal ("359.80") as tiyn. */
export function tiyn(decimal: string): Minor {
  return parseAmount(decimal);
}
