/**
 * Money inside Tolem is an integer number of minor units (tiyn, 1/100 tenge).
 * Amounts are parsed from and written to text without ever passing through a float.
 */

/** Integer minor units (tiyn). Always a safe integer. */
export type Minor = number;

export class AmountError extends Error {
  override name = 'AmountError';
}

const INPUT_RE = /^(\d{1,13})(?:[.,](\d{1,2}))?$/;

/**
 * Parses an amount typed by a person or given on the command line: "200", "200.5", "200.00".
 * More than two decimals, signs, exponents and thousands separators are refused.
 */
export function parseAmount(text: string): Minor {
  const trimmed = text.trim();
  const m = INPUT_RE.exec(trimmed);
  if (!m) {
    if (/^\d+[.,]\d{3,}$/.test(trimmed)) {
      throw new AmountError(`amount "${text}" has more than two decimals`);
    }
    throw new AmountError(`amount "${text}" is not a positive amount like 200.00`);
  }
  return toMinor(m[1] ?? '0', m[2] ?? '', text);
}

/**
 * Parses a decimal written by a server ("359.8", "509455.9000", "-12.50", "1000.00").
 * Digits past the second decimal must be zeros: money is never rounded silently.
 */
export function parseDecimalMoney(raw: string): Minor {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(raw);
  if (!m) throw new AmountError(`"${raw}" is not a decimal amount`);
  const fraction = m[3] ?? '';
  if (/[1-9]/.test(fraction.slice(2))) {
    throw new AmountError(`"${raw}" has non-zero digits past the second decimal`);
  }
  const value = toMinor(m[2] ?? '0', fraction.slice(0, 2), raw);
  return m[1] === '-' ? -value : value;
}

function toMinor(whole: string, fraction: string, original: string): Minor {
  const minor = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new AmountError(`amount "${original}" is too large`);
  return Number(minor);
}

/** The wire form the processing documents use: "180.00". */
export function formatDecimal(minor: Minor): string {
  assertMinor(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const cents = abs % 100;
  const whole = (abs - cents) / 100; // exact: an integer divisible by 100
  return `${sign}${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * Tenge as Kazakhstan writes it, for screens and receipts, whatever the browser's locale data says
 * (Debian's Chromium formats kk-KZ as «KZT 2,565.50»): ru and kk «2 565,50 ₸», en «2,565.50 ₸».
 * `space` groups thousands (a no-break space on screens; a plain one on paper, which every code page has).
 */
export function formatMoney(minor: Minor, lang: 'ru' | 'kk' | 'en', opts: { space?: string; symbol?: boolean } = {}): string {
  const text = formatDecimal(minor);
  const negative = text.startsWith('-');
  const [whole = '0', cents = '00'] = (negative ? text.slice(1) : text).split('.');
  const group = lang === 'en' ? ',' : (opts.space ?? '\u00a0');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const number = `${negative ? '−' : ''}${grouped}${lang === 'en' ? '.' : ','}${cents}`;
  return opts.symbol === false ? number : `${number}${opts.space ?? '\u00a0'}₸`;
}

/**
 * Change as a cashier gives it: whole tenge (there are no tiyn coins to hand over); the tiyn left
 * over stay in the till, said on the screen. Null when the cash does not cover what is due.
 */
export function changeInTenge(received: Minor, due: Minor): { give: Minor; kept: Minor } | null {
  if (received < due) return null;
  const change = received - due;
  const kept = change % 100;
  return { give: change - kept, kept };
}

/**
 * What a cashier hands back after a cash payment: the change (whole tenge) when the payment was
 * taken; when it was not, everything the customer handed over (what was received, else what was due).
 */
export function handBack(received: Minor | null, due: Minor | null, taken: boolean): { change: Minor | null; giveBack: Minor | null } {
  if (!taken) return { change: null, giveBack: received ?? due };
  if (received === null || due === null) return { change: null, giveBack: null };
  return { change: changeInTenge(received, due)?.give ?? null, giveBack: null };
}

/** An amount rounded up to whole tenge: what notes can make of it (there are no tiyn notes or coins). */
export function upToWholeTenge(minor: Minor): Minor {
  return Math.ceil(minor / 1_00) * 1_00;
}

/** Human form for logs and the CLI: "1 500.50 ₸". */
export function formatTenge(minor: Minor): string {
  const text = formatDecimal(minor);
  const [whole = '0', cents = '00'] = text.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')}.${cents} ₸`;
}

export function assertMinor(value: number): asserts value is Minor {
  if (!Number.isSafeInteger(value)) throw new AmountError(`${value} is not an integer amount of tiyn`);
}
