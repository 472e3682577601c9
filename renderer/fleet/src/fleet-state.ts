/** What the fleet page knows: the operator, the language, the fleet as last fetched, the terminal opened. */
import { create } from 'zustand';
import type { FleetTimelineEntry, FleetTotalsView, FleetView } from '../../../shared/fleet/views';
import { fleetCall, FleetCallError } from './api';
import type { Lang } from './words';

interface CommandState {
  id: string;
  kind: string;
  doneAt: string | null;
  ok: boolean | null;
  result: unknown;
}

interface FleetState {
  lang: Lang;
  operator: string | null | undefined;
  fleet: FleetView | null;
  totals: FleetTotalsView | null;
  fetchedAt: number | null;
  failing: boolean;
  open: string | null;
  timeline: FleetTimelineEntry[];
  commands: CommandState[];
  setLang(lang: Lang): void;
  whoAmI(): Promise<void>;
  signIn(name: string, password: string): Promise<'ok' | 'wrong' | 'failed'>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
  openTerminal(id: string | null): Promise<void>;
  send(terminalId: string, kind: string, args?: Record<string, unknown>): Promise<void>;
}

const savedLang = (): Lang => {
  const v = localStorage.getItem('tolem-fleet-lang');
  return v === 'kk' || v === 'en' ? v : 'ru';
};

export const useFleet = create<FleetState>((set, get) => ({
  lang: savedLang(),
  operator: undefined,
  fleet: null,
  totals: null,
  fetchedAt: null,
  failing: false,
  open: null,
  timeline: [],
  commands: [],
  setLang(lang) {
    localStorage.setItem('tolem-fleet-lang', lang);
    document.documentElement.lang = lang;
    set({ lang });
  },
  async whoAmI() {
    try {
      const me = await fleetCall<{ operator: string }>('/me');
      set({ operator: me.operator });
    } catch {
      set({ operator: null });
    }
  },
  async signIn(name, password) {
    try {
      const me = await fleetCall<{ operator: string }>('/login', { name, password });
      set({ operator: me.operator });
      return 'ok';
    } catch (err) {
      return err instanceof FleetCallError && err.status === 401 ? 'wrong' : 'failed';
    }
  },
  async signOut() {
    await fleetCall('/logout', {}).catch(() => undefined);
    set({ operator: null, fleet: null, totals: null, open: null });
  },
  async refresh() {
    try {
      const [fleet, totals] = await Promise.all([fleetCall<FleetView>('/fleet'), fleetCall<FleetTotalsView>('/totals?days=7')]);
      set({ fleet, totals, fetchedAt: Date.now(), failing: false });
      const open = get().open;
      if (open) {
        const t = await fleetCall<{ entries: FleetTimelineEntry[] }>(`/terminals/${open}/timeline`);
        set({ timeline: t.entries });
      }
      const pending = get().commands.filter((c) => !c.doneAt);
      for (const c of pending) {
        const now = await fleetCall<CommandState>(`/commands/${c.id}`);
        set({ commands: get().commands.map((x) => (x.id === c.id ? { ...now, kind: x.kind } : x)) });
      }
    } catch (err) {
      if (err instanceof FleetCallError && err.status === 401) set({ operator: null });
      else set({ failing: true });
    }
  },
  async openTerminal(id) {
    set({ open: id, timeline: [], commands: [] });
    if (id) await get().refresh();
  },
  async send(terminalId, kind, args = {}) {
    const r = await fleetCall<{ id: string }>(`/terminals/${terminalId}/commands`, { kind, args });
    set({ commands: [{ id: r.id, kind, doneAt: null, ok: null, result: null }, ...get().commands] });
  },
}));
