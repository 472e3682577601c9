/**
 * Kazakhstan time for everything that settles money: agentTransactionDate, receipts, "today", shift
 * boundaries. The zone is configuration (default Asia/Almaty, UTC+5 since March 2024), never the
 * OS's: a kiosk image left on UTC must not send dates five hours off.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Almaty';

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows this IANA zone. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in `timeZone` at epoch ms `at`. */
export function localParts(at: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDThh:mm:ss` in `timeZone`: the protocol's agentTransactionDate. */
export function formatLocalDateTime(at: number, timeZone: string): string {
  const l = localParts(at, timeZone);
  return `${l.year}-${p2(l.month)}-${p2(l.day)}T${p2(l.hour)}:${p2(l.minute)}:${p2(l.second)}`;
}

/** `DD.MM.YYYY hh:mm:ss` in `timeZone`: how receipts write a moment. */
export function formatReceiptDateTime(at: number, timeZone: string): string {
  const l = localParts(at, timeZone);
  return `${p2(l.day)}.${p2(l.month)}.${l.year} ${p2(l.hour)}:${p2(l.minute)}:${p2(l.second)}`;
}

/** The zone's offset from UTC at `at`, ms. */
function offsetAt(at: number, timeZone: string): number {
  const l = localParts(at, timeZone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - (at - (((at % 1000) + 1000) % 1000));
}

/** The epoch ms at which the local day containing `at` began in `timeZone` ("today" for journals and shifts). */
export function startOfLocalDay(at: number, timeZone: string): number {
  const l = localParts(at, timeZone);
  const midnightAsUtc = Date.UTC(l.year, l.month - 1, l.day);
  // Local midnight = UTC midnight of that date minus the offset in force then (twice, for zones that shift that day).
  let guess = midnightAsUtc - offsetAt(midnightAsUtc, timeZone);
  guess = midnightAsUtc - offsetAt(guess, timeZone);
  return guess;
}
