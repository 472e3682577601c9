/** Test card numbers: Luhn-valid, ending in the sandbox's scripted last four digits. */
import http from 'node:http';
import { luhnValid } from '../../shared/rules/card-number.js';

/** A 16-digit Luhn-valid card number starting 4000 and ending in `last4`. */
export function cardEnding(last4: string, prefix = '400000'): string {
  for (let d = 0; d < 1_000_000; d += 1) {
    const pan = `${prefix}${String(d).padStart(6, '0')}${last4}`;
    if (luhnValid(pan)) return pan;
  }
  throw new Error(`no card ending ${last4}`);
}

/** The recipient enters a card on the sandbox bank's page (what their phone would post); its answer, e.g. "orderStatus 2". */
export function enterCardOnBankPage(sandboxUrl: string, orderId: string, pan = '4111111111111111'): Promise<string> {
  return new Promise((resolve, reject) => {
    const u = new URL(sandboxUrl);
    const req = http.request({ hostname: u.hostname, port: u.port, method: 'POST', path: '/payouts/sandbox/complete', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end(new URLSearchParams({ mdOrder: orderId, pan }).toString());
  });
}
