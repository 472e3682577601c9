/**
 * The emulator's own reading and writing of processing's JSON and money, written apart from the
 * terminal's client on purpose: a bug in the client's codec (a number rounded, an amount misread)
 * must show as a failing test, not cancel out because both sides share it. It uses lossless-json
 * directly and does its money in integer tiyn of its own.
 */
import { isLosslessNumber, LosslessNumber, parse, stringify } from 'lossless-json';

export type Num = LosslessNumber;

/** Parses a request body, every number kept as its exact text; throws on bad JSON. */
export function readJson(text: string): unknown {
  return parse(text, null, (value) => new LosslessNumber(value));
}

export function writeJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new Error('the emulator cannot write this as JSON');
  return text;
}

export function isNum(value: unknown): value is Num {
  return isLosslessNumber(value);
}

/** A bare JSON number written exactly as given ("200.00"). */
export function num(text: string): Num {
  return new LosslessNumber(text);
}

/** "1500.50" → 150050 (exactly two decimals, as the protocol writes amounts). */
export function tiynOf(text: string): number {
  const m = /^(\d{1,13})\.(\d{2})$/.exec(text);
  if (!m) throw new Error(`the emulator reads amounts like 200.00, got "${text}"`);
  return Number(m[1]) * 100 + Number(m[2]);
}

/** 150050 → "1500.50". */
export function decimalOf(tiyn: number): string {
  const sign = tiyn < 0 ? '-' : '';
  const a = Math.abs(tiyn);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** What a foreign provider receives for `tiyn` at `rate` (units per tenge), cut to the cent, as processing would. */
export function converted(tiyn: number, rate: string): string {
  const [whole = '0', frac = ''] = rate.split('.');
  const cents = (BigInt(tiyn) * BigInt(whole + frac)) / 10n ** BigInt(frac.length);
  return decimalOf(Number(cents));
}

/** The emulator's own words for the final codes it scripts (processing writes them in Russian). */
const MESSAGES: Record<number, string> = {
  4: 'Неверный формат идентификатора абонента', 5: 'Идентификатор абонента не найден', 7: 'Приём платежа запрещён провайдером',
  8: 'Приём платежа запрещён по техническим причинам', 130: 'Работа с данным сервисом не реализована', 155: 'Приём платежа по данному сервису запрещён',
  215: 'Транзакция с таким номером уже есть', 241: 'Сумма слишком мала', 242: 'Сумма слишком велика', 250: 'Не был пополнен баланс агента', 300: 'Другая ошибка',
};

export function messageOf(code: number): string {
  return MESSAGES[code] ?? `Код ${code}`;
}
