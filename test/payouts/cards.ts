/** Test card numbers: Luhn-valid, ending in the sandbox's scripted last four digits. */
import { luhnValid } from '../../main/payouts/card.js';

/** A 16-digit Luhn-valid card number starting 4000 and ending in `last4`. */
export function cardEnding(last4: string, prefix = '400000'): string {
  for (let d = 0; d < 1_000_000; d += 1) {
    const pan = `${prefix}${String(d).padStart(6, '0')}${last4}`;
    if (luhnValid(pan)) return pan;
  }
  throw new Error(`no card ending ${last4}`);
}
