/** The status bar's balance warning: quiet while the agent has money, loud near the notification level and past zero. */
import { describe, expect, it } from 'vitest';
import { balanceView } from '../../main/app/status.js';

const agent = (balance: number, notification: number | null) => ({ agentId: '1', agentName: 'Агент', balance, overdraft: 100_000_00, notification, currency: 'KZT' });

describe('balance warning', () => {
  it.each([
    ['well above the notification level', 509_455_90, 50_000_00, 'ok'],
    ['at the notification level', 50_000_00, 50_000_00, 'low'],
    ['under it', 12_000_00, 50_000_00, 'low'],
    ['into the overdraft', -1_00, 50_000_00, 'critical'],
    ['no notification level given, still positive', 1_00, null, 'ok'],
  ] as const)('%s: %s', (_what, balance, notification, level) => {
    expect(balanceView(agent(balance, notification)).level).toBe(level);
  });

  it('amounts go to the screen as exact decimal text', () => {
    expect(balanceView(agent(-1_00, 50_000_00))).toEqual({ balance: '-1.00', overdraft: '100000.00', notification: '50000.00', level: 'critical' });
  });
});
