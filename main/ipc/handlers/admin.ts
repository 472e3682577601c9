/** The terminal's own channels: the status bar, the service menu's page, and leaving kiosk mode by PIN. */
import { PinGuard } from '../../admin/pin-guard.js';
import { adminInfo, terminalStatus } from '../../app/status.js';
import type { Terminal } from '../../app/terminal.js';
import type { AreaHandlers } from './area.js';

/** The admin PIN was refused: wrong (tries left), or the door is locked for a while. */
export class PinError extends Error {
  override name = 'PinError';
  constructor(
    readonly reason: 'pin-wrong' | 'pin-locked' | 'pin-none',
    readonly params: Record<string, number> = {},
  ) {
    super(reason === 'pin-locked' ? `too many wrong PINs: locked for ${params.seconds ?? 0} s` : reason === 'pin-none' ? 'no admin PIN is configured' : 'wrong PIN');
  }
}

export function adminHandlers(t: Terminal): AreaHandlers<'terminal.status' | 'admin.info' | 'admin.exit'> {
  const pins = new PinGuard(t.journal.db, t.config.screens.adminPin);
  return {
    async 'terminal.status'() {
      return terminalStatus(t);
    },
    async 'admin.info'() {
      return adminInfo(t);
    },
    async 'admin.exit'(a) {
      const verdict = pins.check(a.pin, 'screen');
      if (!verdict.ok) {
        if (verdict.reason === 'locked') throw new PinError('pin-locked', { seconds: Math.ceil(verdict.retryAfterMs / 1000) });
        if (verdict.reason === 'no-pin') throw new PinError('pin-none');
        throw new PinError('pin-wrong', { triesLeft: verdict.triesLeft });
      }
      if (!t.exitKiosk) return { exited: false };
      t.exitKiosk();
      return { exited: true };
    },
  };
}
