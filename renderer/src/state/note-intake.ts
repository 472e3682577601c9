/**
 * A screen's calls to the bill validator, made one after another in the order the screen made them.
 * The browser host sends each call as its own request, and two requests can arrive in either order:
 * a "stop" for the old limit landing after the "accept" for the new one left the device disabled
 * while the customer stood there with a note. The session is read when the call is sent, so an
 * accept queued behind the first one continues that session instead of opening another.
 */
export interface Accepting {
  session: string;
  inserted: string;
}

/** The two calls as the terminal's contract has them. */
export interface NoteCalls {
  accept(args: { session?: string | undefined; limit?: string | undefined }): Promise<Accepting>;
  stop(args: { session: string }): Promise<unknown>;
}

export interface NoteIntake {
  /** The device takes notes for this session (a new one when there is none yet), up to `limit` (none: the service's maximum). */
  accept(session: () => string | null, limit: string | undefined): Promise<Accepting>;
  /** The device stops taking notes for this session (a note in escrow is handed back); failing, the terminal stops on its own. */
  stop(session: () => string | null): Promise<void>;
}

export function noteIntake(calls: NoteCalls): NoteIntake {
  let queue: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    accept: (session, limit) => inOrder(() => calls.accept({ session: session() ?? undefined, limit })),
    stop: (session) =>
      inOrder(async () => {
        const s = session();
        if (s) await calls.stop({ session: s }).catch(() => undefined);
      }),
  };
}
