/**
 * A payment's states, once: the journal's type, the IPC contract's filter, the screens' words and the
 * receipts' verdicts all come from here (the schema's CHECK is tested against it).
 *   draft     checked (or being checked), nothing accepted: no money is the terminal's
 *   pending   accepted: its pay body is committed and is sent until processing answers finally
 *   success   paid (result 0)
 *   failed    a final refusal: not paid, never will be with this id
 *   review    a person must decide (processing cannot be believed, or the number moved)
 *   abandoned not accepted (bad input, offline refusal, the check never answered)
 */
export const PAYMENT_STATES = ['draft', 'pending', 'success', 'failed', 'review', 'abandoned'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/** States that never change again. */
export const FINAL_STATES: ReadonlySet<PaymentState> = new Set(['success', 'failed', 'abandoned']);

/** The payments a cashier answers for (drafts are listed only when asked for). */
export const LISTED_STATES: readonly PaymentState[] = PAYMENT_STATES.filter((s) => s !== 'draft');

/** Whether the customer's money was taken for it: accepted, and not refused or abandoned. */
export function moneyTaken(state: PaymentState): boolean {
  return state === 'pending' || state === 'success' || state === 'review';
}
