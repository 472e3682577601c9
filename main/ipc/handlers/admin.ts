/** The terminal's own channels: the status bar, the service menu's page, and leaving kiosk mode by PIN. */
import { PinGuard } from '../../admin/pin-guard.js';
import { adminInfo, terminalStatus } from '../../app/status.js';
import type { Terminal } from '../../app/terminal.js';
import type { AreaHandlers } from './area.js';
import { tillHandlers } from './till.js';
import { PinError, pinRefusal } from './pin-error.js';

export { PinError };

export function adminHandlers(t: Terminal): AreaHandlers<'terminal.status' | 'terminal.screen' | 'admin.info' | 'admin.exit' | 'till.report' | 'till.close' | 'till.openShift' | 'till.shifts' | 'till.history' | 'till.closed'> {
  const pins = new PinGuard(t.journal.db, t.config.screens.adminPin);
  return {
    ...tillHandlers(t, pins),
    async 'terminal.status'() {
      return terminalStatus(t);
    },
    async 'terminal.screen'(a) {
      t.showScreen(a.name);
      return null;
    },
    async 'admin.info'() {
      return adminInfo(t);
    },
    async 'admin.exit'(a) {
      const verdict = pins.check(a.pin, 'screen');
      if (!verdict.ok) throw pinRefusal(verdict);
      if (!t.exitKiosk) return { exited: false };
      t.exitKiosk();
      return { exited: true };
    },
  };
}
