/** The journal's channels: the list a cashier searches, and today's totals. */
import { paymentJson } from '../../payments/payment-view.js';
import { LISTED_STATES } from '../../../shared/rules/payment-states.js';
import { startOfLocalDay } from '../../base/zone.js';
import { todayTotals } from '../../app/status.js';
import type { Terminal } from '../../app/terminal.js';
import type { AreaHandlers } from './area.js';

export function journalHandlers(t: Terminal): AreaHandlers<'journal.list' | 'journal.totals'> {
  return {
    async 'journal.list'(a) {
      const since = a.today ? startOfLocalDay(Date.now(), t.config.timeZone) : undefined;
      // Drafts (checked, never paid) only when asked for: they are not payments a cashier answers for.
      const states = a.states ?? [...LISTED_STATES];
      return t.journal.list({ search: a.search, since, states, limit: a.limit ?? 5000, shift: a.shift }).map((p) => paymentJson(p, t.journal, { light: true }));
    },
    async 'journal.totals'() {
      return todayTotals(t);
    },
  };
}
