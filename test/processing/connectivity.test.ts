/** Connectivity (issue 9): a single hung payment is not "no connection"; a refused connection is. */
import { describe, expect, it } from 'vitest';
import { ANSWERED_RECENTLY_MS, ConnectivityMonitor } from '../../main/processing/connectivity.js';

const answer = { kind: 'answer' as const, httpStatus: 200, result: 0, resultMessage: '', value: {}, raw: '{}', elapsedMs: 1 };
const transport = (error: 'timeout' | 'reset' | 'refused' | 'network' | 'stopped') => ({ kind: 'transport' as const, error, delivered: true, message: error, elapsedMs: 1 });

describe('connectivity', () => {
  it('one request that times out or drops while others are answered leaves the terminal online', () => {
    let now = 1_000_000;
    const c = new ConnectivityMonitor(() => now);
    c.report(answer);
    now += 10_000;
    c.report(transport('timeout'));
    c.report(transport('reset'));
    c.report(transport('stopped'));
    expect(c.current).toBe('online');
  });

  it('silence from every request for a while, or a refused connection at once, is offline', () => {
    let now = 1_000_000;
    const c = new ConnectivityMonitor(() => now);
    c.report(answer);
    now += ANSWERED_RECENTLY_MS + 1;
    c.report(transport('timeout'));
    expect(c.current).toBe('offline');
    c.report(answer);
    c.report(transport('refused'));
    expect(c.current).toBe('offline');
  });
});
