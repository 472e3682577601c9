import { describe, expect, it } from 'vitest';
import {
  ID_EPOCH_MS,
  composeAgentTransactionId,
  currentTick,
  decomposeAgentTransactionId,
  nextTick,
} from '../../main/base/agent-transaction-id.js';

describe('agentTransactionId', () => {
  it('fits 18 digits for the largest terminal id at the end of the id range', () => {
    const id = composeAgentTransactionId(99_999, 10n ** 13n - 1n);
    expect(id).toBe('999999999999999999');
    expect(id).toHaveLength(18);
  });

  it('carries the terminal id, so two terminals of one agent never collide', () => {
    const tick = currentTick(Date.UTC(2026, 5, 1));
    const a = composeAgentTransactionId(1, tick);
    const b = composeAgentTransactionId(2, tick);
    expect(a).not.toBe(b);
    expect(decomposeAgentTransactionId(a)).toEqual({ terminalId: 1, tick });
    expect(decomposeAgentTransactionId(b).terminalId).toBe(2);
  });

  it('is strictly increasing even when many are issued within one millisecond', () => {
    const now = Date.UTC(2026, 10, 22, 12);
    let last: bigint | null = null;
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const tick = nextTick(last, now);
      if (last !== null) expect(tick > last).toBe(true);
      last = tick;
      seen.add(composeAgentTransactionId(42, tick));
    }
    expect(seen.size).toBe(10_000);
  });

  it('does not go back when the clock does (NTP step back)', () => {
    const later = nextTick(null, Date.UTC(2026, 10, 22, 12));
    const afterStepBack = nextTick(later, Date.UTC(2026, 10, 22, 11));
    expect(afterStepBack).toBe(later + 1n);
  });

  it('after a re-install (empty journal) the clock is past every id issued before', () => {
    const before = nextTick(null, Date.UTC(2026, 0, 1));
    const reinstalled = nextTick(null, Date.UTC(2026, 0, 1) + 1);
    expect(reinstalled > before).toBe(true);
  });

  it('refuses a terminal id outside 1..99999 and a clock before the epoch', () => {
    expect(() => composeAgentTransactionId(0, 1n)).toThrow(/terminal id/);
    expect(() => composeAgentTransactionId(100_000, 1n)).toThrow(/terminal id/);
    expect(() => nextTick(null, ID_EPOCH_MS - 1000)).toThrow(/outside the id range/);
  });

  it('never passes through a JavaScript number (ids above 2^53 stay exact)', () => {
    const id = composeAgentTransactionId(90_071, 9_254_740_993n);
    expect(id).toBe('900710009254740993');
    expect(BigInt(id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(decomposeAgentTransactionId(id).tick).toBe(9_254_740_993n);
  });
});
