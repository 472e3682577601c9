/**
 * A screen's calls to the bill validator, made one after another in the order the screen made them.
 * The browser host sends each call as its own request, and two requests can arrive in either order:
 * a "stop" for the old limit landing after the "accept" for the new one left the device disabled
 * while the customer stood there with a note; two notes inserted at once on the simulated acceptor
 * opened two sessions, and the screen counted only the second. The queue keeps the session itself:
 * it is read when a call is sent and written from the answer before the next call goes, so every
 * call after the first continues the session the first one opened.
 */
// Shared code with its .js name: this file is also type-checked as Node's (its test runs there).
import type { CashEventView } from '../../../shared/ipc/views.js';
import { formatDecimal, parseAmount, type Minor } from '../../../shared/money/amount.js';

export interface Accepting {
  session: string;
  inserted: string;
}

export interface Inserted extends Accepting {
  stacked: boolean;
}

/** The three calls as the terminal's contract has them. */
export interface NoteCalls {
  accept(args: { session?: string | undefined; limit?: string | undefined }): Promise<Accepting>;
  insert(args: { session?: string | undefined; note: string; limit?: string | undefined }): Promise<Inserted>;
  stop(args: { session: string }): Promise<unknown>;
}

/** Where a screen keeps its cash session: read when a call goes out, written when its answer names the session. */
export interface SessionSlot {
  get(): string | null;
  set(session: string): void;
}

/**
 * A screen's slot for one payment or payout: `owner` names it when the slot is made, and an answer
 * that comes once the screen holds another (the customer went back to Home) is not taken in.
 */
export function ownedSlot<T>(owner: () => T, read: () => string | null, write: (session: string) => void): SessionSlot & { stillOurs(): boolean } {
  const mine = owner();
  const stillOurs = () => owner() === mine;
  return { get: read, set: (session) => void (stillOurs() && write(session)), stillOurs };
}

export interface NoteIntake {
  /** The device takes notes for this session (a new one when there is none yet), up to `limit` (none: the service's maximum). */
  accept(slot: SessionSlot, limit: string | undefined): Promise<Accepting>;
  /** The simulated acceptor takes this note into the session (a new one when there is none yet). */
  insert(slot: SessionSlot, note: string, limit: string | undefined): Promise<Inserted>;
  /** The device stops taking notes for this session (a note in escrow is handed back); failing, the terminal stops on its own. */
  stop(slot: SessionSlot): Promise<void>;
}

export function noteIntake(calls: NoteCalls): NoteIntake {
  let queue: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  const opening = <T extends Accepting>(slot: SessionSlot, send: (session: string | undefined) => Promise<T>) =>
    inOrder(async () => {
      const answer = await send(slot.get() ?? undefined);
      slot.set(answer.session);
      return answer;
    });
  return {
    accept: (slot, limit) => opening(slot, (session) => calls.accept({ session, limit })),
    insert: (slot, note, limit) => opening(slot, (session) => calls.insert({ session, note, limit })),
    stop: (slot) =>
      inOrder(async () => {
        const s = slot.get();
        if (s) await calls.stop({ session: s }).catch(() => undefined);
      }),
  };
}

/** What a note the validator stacked, returned or settled means for the screen holding `session` with `inserted` tiyn counted. */
export type NoteEffect = { kind: 'counted'; session: string; total: string; returned: boolean } | { kind: 'returned' };

/**
 * One rule for the payment and the payout screens. A stacked note brings the session's total; a
 * note settled after a restart or a lost track is counted if it was stacked, said if it went back;
 * an event for another session (or none) is not this screen's: null.
 */
export function noteEffect(e: CashEventView, session: string | null, inserted: Minor): NoteEffect | null {
  if (e.session === null || e.session !== session) return null;
  if (e.kind === 'stacked') return { kind: 'counted', session: e.session, total: e.total, returned: false };
  if (e.kind === 'returned') return { kind: 'returned' };
  return { kind: 'counted', session: e.session, total: formatDecimal(inserted + (e.outcome === 'stacked' ? parseAmount(e.amount) : 0)), returned: e.outcome === 'returned' };
}
