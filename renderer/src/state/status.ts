/** The status bar's facts: online or not, the queue, the agent's balance. Refreshed on the terminal's events. */
import { create } from 'zustand';
import type { TerminalStatus } from '../../../shared/ipc/contract';
import { call, CallError, onEvent, sessionProblem } from '../ipc/bridge';

interface StatusState {
  status: TerminalStatus | null;
  /** The terminal did not answer the last call. */
  unreachable: boolean;
  /** The terminal answered but this page may not drive it: its start link was used before, or it had none. */
  noSession: 'link-used' | 'no-session' | null;
  refresh(): Promise<void>;
}

export const useStatus = create<StatusState>((set) => ({
  status: null,
  unreachable: false,
  noSession: null,
  async refresh() {
    try {
      set({ status: await call('terminal.status', {}), unreachable: false, noSession: null });
    } catch (err) {
      const problem = sessionProblem();
      if (err instanceof CallError && err.code === 'forbidden' && problem) set({ noSession: problem, unreachable: false });
      else set({ unreachable: true });
    }
  },
}));

let started = false;
/** Starts listening (once): every status event, and every 15 s in case one was missed. */
export function startStatus(): void {
  if (started) return;
  started = true;
  const refresh = () => void useStatus.getState().refresh();
  onEvent((e) => {
    if (e.type === 'status') refresh();
  });
  setInterval(refresh, 15_000);
  refresh();
}
