/** Which screen is up. A payment's own steps live in the payment store; this is the top level. */
import { create } from 'zustand';

export type Screen = 'home' | 'payment' | 'journal' | 'admin' | 'payout';

interface NavState {
  screen: Screen;
  go(screen: Screen): void;
}

export const useNav = create<NavState>((set) => ({
  screen: 'home',
  go: (screen) => set({ screen }),
}));
