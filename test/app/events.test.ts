/** The screens hear every payment change at once, and a burst of status changes as one. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STATUS_COALESCE_MS, TerminalEvents, type TerminalEvent } from '../../main/app/events.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('terminal events', () => {
  it('payment events at once; status events of a burst as one, shortly after', () => {
    vi.useFakeTimers();
    const events = new TerminalEvents();
    const heard: TerminalEvent[] = [];
    events.on((e) => heard.push(e));
    for (let i = 0; i < 50; i++) {
      events.emit({ type: 'payment', agentTransactionId: String(i + 1), state: 'success' });
      events.emit({ type: 'status' });
    }
    expect(heard.filter((e) => e.type === 'payment')).toHaveLength(50);
    expect(heard.filter((e) => e.type === 'status')).toHaveLength(0);
    vi.advanceTimersByTime(STATUS_COALESCE_MS);
    expect(heard.filter((e) => e.type === 'status')).toHaveLength(1);
    events.emit({ type: 'status' });
    vi.advanceTimersByTime(STATUS_COALESCE_MS);
    expect(heard.filter((e) => e.type === 'status')).toHaveLength(2);
  });

  it('a listener that throws does not stop the others', () => {
    const events = new TerminalEvents();
    const heard: string[] = [];
    events.on(() => {
      throw new Error('gone');
    });
    events.on((e) => heard.push(e.type));
    events.emit({ type: 'payment', agentTransactionId: '1', state: 'failed' });
    expect(heard).toEqual(['payment']);
  });
});
