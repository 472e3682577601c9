/**
 * Cash to card, one payout from the amount to the final screen: the amount and the recipient's name,
 * the agent's commission (the terminal's quote), cash in, then the bank's card page (a QR in a kiosk,
 * a link at a desk) or, where allowed, a card number typed here (sent once, then forgotten), and the
 * bank's answer. Amounts are typed text, computed in tiyn by the terminal.
 */
import { create } from 'zustand';
import type { PayoutView } from '../../../../shared/ipc/contract';
import { errorKey, type ErrorWords } from '../../format/error';
import { formatDecimal, tiyn, typedAmount, upToWholeTenge, type Minor } from '../../format/money';
import { call, onEvent } from '../../ipc/bridge';
import type { CashEventView } from '../../../../shared/ipc/views';
import { receiptLang } from '../payment/payment-store';
import { acceptNotes, insertNote, stopNotes } from '../../state/device';
import { noteEffect, ownedSlot } from '../../state/note-intake';
import { isPayoutName } from '../../../../shared/rules/card-number';

export type PayoutStep = 'form' | 'cash' | 'flow' | 'card' | 'waiting' | 'final';

interface PayoutState {
  step: PayoutStep;
  amount: string;
  name: string;
  phone: string;
  quote: { amount: string; commission: string; amountFrom: string } | null;
  /** Kiosk: cash inserted, tiyn, and its session; what is still missing (the terminal's rule), tiyn. */
  inserted: Minor;
  missing: Minor;
  cashSession: string | null;
  cashReceived: string;
  /** Direct flow: the card number as typed; emptied as soon as the request is made. */
  pan: string;
  payout: PayoutView | null;
  handedOver: Minor | null;
  /** Kiosk: the last note went back to the customer (it would overpay, or the device could not read it). */
  returned: boolean;
  error: ErrorWords | null;
  busy: boolean;
  set(change: Partial<Pick<PayoutState, 'amount' | 'name' | 'phone' | 'cashReceived' | 'pan'>>): void;
  toCash(): Promise<void>;
  insertCash(note: Minor): Promise<void>;
  /** Kiosk with a bill validator: the device waits for this payout's notes (they arrive as events). */
  acceptNotes(): Promise<void>;
  stopNotes(): Promise<void>;
  noteEvent(e: CashEventView): Promise<void>;
  toFlow(): void;
  startPage(kiosk: boolean): Promise<void>;
  toCard(): void;
  startDirect(kiosk: boolean): Promise<void>;
  poll(): Promise<void>;
  handOver(): Promise<void>;
  reset(): void;
}

const EMPTY = { step: 'form' as PayoutStep, amount: '', name: '', phone: '', quote: null, inserted: 0, missing: 0, cashSession: null, cashReceived: '', pan: '', payout: null, handedOver: null, returned: false, error: null, busy: false };

const FINAL = new Set(['paid', 'declined', 'expired', 'review']);

export const usePayout = create<PayoutState>((set, get) => {
  // A payout from its form to reset: an answer about cash for an earlier one is not taken in.
  let payoutNo = 0;
  /** This payout's cash session, as the validator's queue reads and writes it. */
  const slot = () => ownedSlot(() => payoutNo, () => get().cashSession, (cashSession) => set({ cashSession }));
  /** The cash journaled for this payout now, and how much more is due (the terminal's rule). */
  const counted = async (session: string, inserted: string, returned: boolean) => {
    const q = get().quote;
    set({ cashSession: session, inserted: tiyn(inserted), returned, error: null });
    if (!q) return;
    const progress = await call('cash.progress', { inserted, lockedTotal: q.amountFrom });
    set({ missing: tiyn(progress.missing) });
  };
  const start = async (flow: 'page' | 'direct', kiosk: boolean) => {
    const s = get();
    if (!s.quote || s.busy) return;
    const pan = s.pan;
    // The card number leaves the screen's state before the request goes: nothing here keeps it after.
    set({ busy: true, error: null, pan: '' });
    try {
      const payout = await call('payout.start', {
        amount: s.quote.amount, name: s.name.trim(), phone: s.phone.trim() || undefined, flow,
        ...(flow === 'direct' ? { pan } : {}), cashSession: kiosk ? (s.cashSession ?? undefined) : undefined,
        // A cashier: what the customer handed over (the final screen and the receipt say it and the change).
        cashReceived: !kiosk && typedAmount(s.cashReceived) !== null ? formatDecimal(typedAmount(s.cashReceived)!) : undefined,
        receiptLang: receiptLang(),
      });
      set({ payout, busy: false, step: payout.state === 'registered' || payout.state === 'new' || payout.state === 'pending' ? 'waiting' : 'final' });
    } catch (err) {
      set({ busy: false, error: errorKey(err) });
    }
  };
  return {
    ...EMPTY,
    set(change) {
      // The bank takes the recipient's name in capitals, as on the card.
      set({ ...change, ...(change.name !== undefined ? { name: change.name.toUpperCase() } : {}), error: null });
    },
    async toCash() {
      const amount = typedAmount(get().amount);
      if (amount === null || amount <= 0 || !isPayoutName(get().name)) return;
      try {
        const quote = await call('payout.quote', { amount: formatDecimal(amount) });
        set({ quote, step: 'cash', error: null, missing: tiyn(quote.amountFrom) });
      } catch (err) {
        set({ error: errorKey(err) });
      }
    },
    async insertCash(note) {
      const s = get();
      if (!s.quote) return;
      // No change is given: a note past the total (rounded up to the tenge) is returned.
      const limit = formatDecimal(upToWholeTenge(tiyn(s.quote.amountFrom)));
      const mine = slot();
      try {
        const r = await insertNote(mine, formatDecimal(note), limit);
        if (mine.stillOurs()) await counted(r.session, r.inserted, !r.stacked);
      } catch (err) {
        set({ error: errorKey(err) });
      }
    },
    async acceptNotes() {
      const s = get();
      if (!s.quote || s.handedOver !== null) return;
      const mine = slot();
      try {
        const r = await acceptNotes(mine, formatDecimal(upToWholeTenge(tiyn(s.quote.amountFrom))));
        if (mine.stillOurs()) set({ inserted: tiyn(r.inserted), error: null });
      } catch (err) {
        set({ error: errorKey(err) });
      }
    },
    async stopNotes() {
      await stopNotes(slot());
    },
    async noteEvent(e) {
      const effect = noteEffect(e, get().cashSession, get().inserted);
      if (effect?.kind === 'returned') set({ returned: true });
      else if (effect) await counted(effect.session, effect.total, effect.returned);
    },
    toFlow() {
      set({ step: 'flow' });
    },
    startPage: (kiosk) => start('page', kiosk),
    toCard() {
      set({ step: 'card', pan: '' });
    },
    startDirect: (kiosk) => start('direct', kiosk),
    async poll() {
      const p = get().payout;
      if (!p || FINAL.has(p.state)) return;
      try {
        const payout = await call('payout.check', { orderNumber: p.orderNumber, receiptLang: receiptLang() });
        set({ payout: { ...payout, qr: payout.qr ?? p.qr }, step: FINAL.has(payout.state) ? 'final' : 'waiting' });
      } catch {
        // Asked again on the next tick; the terminal keeps asking on its own too.
      }
    },
    async handOver() {
      const s = get();
      if (!s.cashSession || s.inserted <= 0) return;
      await call('cash.release', { session: s.cashSession, reason: 'walked-away', receiptLang: receiptLang() }).catch(() => null);
      set({ handedOver: s.inserted, step: 'final' });
    },
    reset() {
      payoutNo++;
      set({ ...EMPTY });
    },
  };
});

// Notes the bill validator stacked or returned reach the payout being fed.
onEvent((e) => {
  if (e.type === 'cash') void usePayout.getState().noteEvent(e.event);
});
