/**
 * The promise under fire: `tolem pay` runs as a child process and is killed with SIGKILL at named
 * moments (after the draft, before the pay is sent, after the answer arrived but before it was
 * journaled, after it was journaled); crash-random.test.ts kills it during a hung request and at
 * random times. After each
 * kill the terminal restarts and drains its queue. After each scenario (each with its own journal,
 * so none depends on another having run first) every payment is final or waiting for a person, none
 * is missing, processing paid no id twice and saw no changed body, and the journal passes SQLite's
 * integrity check. Random moments come from a seeded generator; the seed is printed, and
 * TOLEM_CRASH_SEED=<seed> replays a run.
 */
import { describe, expect, it } from 'vitest';
import { crashHarness } from './crash-harness.js';

const h = crashHarness();

describe('SIGKILL at any moment loses nothing and pays nothing twice', () => {
  let n = 0;
  const account = () => `77720${String(++n).padStart(5, '0')}`;

  for (const point of ['after-draft', 'before-pay', 'after-answer', 'after-record'] as const) {
    it(`killed at ${point}, 9 times`, async () => {
      for (let i = 0; i < 9; i++) {
        expect(await h.killedPay(account(), { TOLEM_CRASH_AT: point })).toBe('SIGKILL');
        // The next payment starts on what the kill left; every third restart also drains the leftovers of three.
        if (i % 3 === 2) await h.restartAndDrain();
      }
      expect(h.kills).toBe(9);
      h.expectPromiseKept(9);
    });
  }
});
