/**
 * The promise under fire, at moments nobody chose: `tolem pay` SIGKILLed during a hung request
 * (processing holds the answer) and at random times (seeded: the seed is printed, and
 * TOLEM_CRASH_SEED=<seed> replays it). After each scenario every payment is final or for a person,
 * none missing, none paid twice, no body changed (see crash-harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { crashHarness } from './crash-harness.js';

const h = crashHarness();

describe('SIGKILL at any moment loses nothing and pays nothing twice', () => {
  let n = 0;
  const account = () => `77720${String(++n).padStart(5, '0')}`;

  it('killed during a hung request (processing holds the answer), 6 times', async () => {
    for (let i = 0; i < 6; i++) {
      const unique = `7773${String(i).padStart(2, '0')}9607`;
      expect(await h.killedPay(unique, {}, h.waitForPayRequest(unique))).toBe('SIGKILL');
      if (i % 3 === 2) await h.restartAndDrain();
    }
    expect(h.kills).toBe(6);
    h.expectPromiseKept(6);
  });

  it('killed at random moments, 14 times', async () => {
    let killed = 0;
    let made = 0;
    for (let tries = 0; killed < 14 && tries < 60; tries++) {
      const delay = 10 + Math.floor(h.random() * 300);
      made += 1;
      // A kill that comes after the payment already finished is not counted as one.
      if ((await h.killedPay(account(), {}, () => new Promise((r) => setTimeout(r, delay)))) === 'SIGKILL') killed += 1;
      if (made % 3 === 0) await h.restartAndDrain();
    }
    await h.restartAndDrain();
    expect(killed, `seed ${h.SEED}`).toBe(14);
    // Those not killed ran to their end: each is in the journal (a kill before the draft leaves nothing to find).
    h.expectPromiseKept(made - killed);
  });
});
