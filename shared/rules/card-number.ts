/**
 * A card number while it is in memory: checked (Luhn), shown as first 6 / last 4, and scrubbed from
 * anything that is written down (journal rows, logs, answers kept). It is never stored. (The sandbox's
 * bank keeps its own copy of these rules on purpose: a bug here must not cancel out in tests.)
 */

export function luhnValid(pan: string): boolean {
  if (!/^\d{13,19}$/.test(pan)) return false;
  let sum = 0;
  for (let i = 0; i < pan.length; i += 1) {
    let d = pan.charCodeAt(pan.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** "4111111111111111" → "411111******1111". */
export function maskPan(pan: string): string {
  const digits = pan.replace(/\D/g, '');
  if (digits.length < 10) return '*'.repeat(digits.length);
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

/** Any run of 13–19 digits (a card number, spaced or not) in text becomes its masked form. */
export function scrubPans(text: string): string {
  return text.replace(/\b(?:\d[ -]?){12,18}\d\b/g, (m) => maskPan(m));
}

/** A card number as typed ("4111 1111 1111 1111"): its digits, or null when it is not one. */
export function readPan(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  return luhnValid(digits) ? digits : null;
}

/**
 * The recipient's name as the bank takes it (the document's client.name): Latin letters, spaces,
 * dots, apostrophes and hyphens, up to 24, starting with a letter. One rule for the engine and the screens.
 */
export function isPayoutName(name: string): boolean {
  return /^[A-Za-z][A-Za-z .'-]{0,23}$/.test(name.trim());
}
