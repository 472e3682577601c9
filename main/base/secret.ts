/** Whether a secret someone gave (the browser host's per-start secret, an admin PIN) is the expected one, in constant time. */
import crypto from 'node:crypto';

export function secretEquals(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
