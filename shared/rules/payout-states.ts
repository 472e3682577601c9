/** A card payout's states, and which of them end it (nothing asks the bank again). */
export type PayoutState = 'new' | 'registered' | 'pending' | 'paid' | 'declined' | 'expired' | 'review';
export const FINAL_PAYOUT_STATES: ReadonlySet<PayoutState> = new Set(['paid', 'declined', 'expired']);
