/** Today's payments for the cashier or admin: search, details with every attempt, retry now, reprint. */
import { create } from 'zustand';
import type { PaymentJson, Results } from '../../../../shared/ipc/contract';
import { call } from '../../ipc/bridge';
import { errorKey, type ErrorWords } from '../../format/error';

export type StateFilter = 'all' | 'success' | 'pending' | 'failed' | 'review' | 'draft';

interface JournalState {
  search: string;
  /** Which payments the list shows; drafts (checked, never paid) only when asked for. */
  filter: StateFilter;
  totals: Results['journal.totals'] | null;
  setFilter(filter: StateFilter): void;
  /** Only one shift's payments (a payment point's), or today's when null. */
  shift: number | null;
  shifts: Results['till.shifts'];
  setShift(shift: number | null): void;
  payments: PaymentJson[];
  /** Today's cash-to-card payouts: the till has them too. */
  payouts: Results['payout.list'];
  selected: PaymentJson | null;
  receipt: string | null;
  message: string | null;
  /** What went wrong, as words to say (never the terminal's own message). */
  error: ErrorWords | null;
  busy: boolean;
  setSearch(text: string): void;
  load(): Promise<void>;
  select(p: PaymentJson | null): Promise<void>;
  retryNow(): Promise<void>;
  reprint(): Promise<void>;
}


/** The payment in the details, whole (every attempt) with its receipt as it would print now; unless another was chosen meanwhile. */
async function refresh(agentTransactionId: string): Promise<void> {
  const { setState, getState } = useJournal;
  try {
    const full = await call('payment.get', { agentTransactionId });
    const preview = full.state === 'draft' ? null : (await call('receipt.preview', { agentTransactionId })).png;
    if (getState().selected?.agentTransactionId === agentTransactionId) setState({ selected: full, receipt: preview });
  } catch (err) {
    setState({ error: errorKey(err) });
  }
}

export const useJournal = create<JournalState>((set, get) => ({
  search: '',
  filter: 'all',
  shift: null,
  shifts: [],
  totals: null,
  payments: [],
  payouts: [],
  selected: null,
  receipt: null,
  message: null,
  error: null,
  busy: false,
  setFilter(filter) {
    set({ filter });
    void get().load();
  },
  setShift(shift) {
    set({ shift });
    void get().load();
  },
  setSearch(text) {
    set({ search: text });
    void get().load();
  },
  async load() {
    try {
      // A search finds older payments too; without one the screen shows today's, "today" in the agent's time zone (the terminal's answer).
      const search = get().search.trim() || undefined;
      const filter = get().filter;
      const states = filter === 'all' ? undefined : filter === 'failed' ? (['failed', 'abandoned'] as const) : ([filter] as const);
      const shift = get().shift ?? undefined;
      const withPayouts = filter === 'all' && search === undefined && shift === undefined;
      void call('till.shifts', {}).then((shifts) => set({ shifts }), () => undefined);
      const [list, totals, payouts] = await Promise.all([
        call('journal.list', { search, today: search === undefined && shift === undefined, states: states ? [...states] : undefined, shift }),
        call('journal.totals', {}),
        withPayouts ? call('payout.list', { today: true }).catch(() => []) : Promise.resolve([]),
      ]);
      set({ payments: list, totals, payouts, error: null });
      // The payment in the details moved on (the queue sent it, processing answered): its details, attempts
      // and receipt are asked again, so they say what it is now (a list row carries neither).
      const sel = get().selected;
      const now = sel ? list.find((p) => p.agentTransactionId === sel.agentTransactionId) : undefined;
      if (sel && now && (now.state !== sel.state || now.finishedAt !== sel.finishedAt || now.nextAttemptAt !== sel.nextAttemptAt || now.result !== sel.result)) await refresh(sel.agentTransactionId);
    } catch (err) {
      set({ error: errorKey(err) });
    }
  },
  async select(p) {
    set({ selected: p, receipt: null, message: null, error: null });
    if (p) await refresh(p.agentTransactionId);
  },
  async retryNow() {
    const p = get().selected;
    if (!p) return;
    set({ busy: true });
    try {
      set({ selected: await call('payment.retryNow', { agentTransactionId: p.agentTransactionId }), busy: false });
      await get().load();
    } catch (err) {
      set({ busy: false, error: errorKey(err) });
    }
  },
  async reprint() {
    const p = get().selected;
    if (!p) return;
    set({ busy: true });
    try {
      const r = await call('receipt.print', { agentTransactionId: p.agentTransactionId });
      set({ busy: false, message: r.printed ? 'printed' : `notPrinted:${r.error ?? ''}` });
    } catch (err) {
      set({ busy: false, error: errorKey(err) });
    }
  },
}));
