/**
 * Money on screen: amounts travel as decimal text ("1500.50") and are computed in integer tiyn
 * with the same module the engine uses, and written by the domain's one formatter (no float between,
 * no dependence on the browser's locale data).
 */
import { AmountError, changeInTenge, formatDecimal, formatMoney, parseAmount, parseDecimalMoney, upToWholeTenge, type Minor } from '../../../shared/money/amount';

export { changeInTenge, upToWholeTenge };
import type { Lang } from '../i18n';

export { formatDecimal, type Minor };

const LOCALES: Record<Lang, string> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-KZ' };

export function locale(lang: Lang): string {
  return LOCALES[lang];
}

/** A moment as the screens show it: the person's language, the agent's time zone (the terminal's), never the OS's. */
export function dateTime(iso: string | number, lang: Lang, timeZone: string | undefined, opts: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'medium' }): string {
  // 24-hour time in every language (English included).
  return new Intl.DateTimeFormat(LOCALES[lang], { hourCycle: 'h23', ...opts, timeZone: timeZone ?? 'Asia/Almaty' }).format(new Date(iso));
}

/**
 * "1500.50" → «1 500,50 ₸» (ru, kk) or «1,500.50 ₸» (en): the domain's one formatter, never the
 * browser's locale data (Chromium formats kk-KZ as «KZT 1,500.50»).
 */
export function money(decimal: string | null | undefined, lang: Lang): string {
  if (decimal === null || decimal === undefined || decimal === '') return '—';
  try {
    return formatMoney(parseDecimalMoney(decimal), lang);
  } catch (err) {
    if (err instanceof AmountError) return decimal;
    throw err;
  }
}

/** A number from processing shown with the person's decimal mark ("480.00" → «480,00» in ru and kk). */
export function decimalText(text: string, lang: Lang): string {
  return lang === 'en' || !/^-?\d+(\.\d+)?$/.test(text) ? text : text.replace('.', ',');
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
