/**
 * The kiosk's calls to the bill validator reach the terminal in the order the screen made them: a
 * limit that changes sends "stop" then "accept", and if the stop landed last the device stayed
 * disabled with the customer holding a note (seen once on a loaded machine).
 */
import { describe, expect, it } from 'vitest';
import { noteIntake, type Accepting } from '../../renderer/src/state/note-intake.js';

/** A terminal whose answers come back in whatever order the test releases them. */
function slowTerminal() {
  const arrived: string[] = [];
  const pending: (() => void)[] = [];
  let sessions = 0;
  const answer = <T>(value: () => T) => new Promise<T>((resolve) => pending.push(() => resolve(value())));
  return {
    arrived,
    releaseAll() {
      while (pending.length) pending.pop()!();
    },
    calls: {
      accept(a: { session?: string | undefined; limit?: string | undefined }): Promise<Accepting> {
        arrived.push(`accept ${a.session ?? 'new'} ${a.limit ?? '-'}`);
        const session = a.session ?? `S${++sessions}`;
        return answer(() => ({ session, inserted: '0.00' }));
      },
      stop(a: { session: string }): Promise<unknown> {
        arrived.push(`stop ${a.session}`);
        return answer(() => ({ stopped: true }));
      },
    },
  };
}

async function settle(t: ReturnType<typeof slowTerminal>, until: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !until(); i++) {
    t.releaseAll();
    await new Promise((r) => setImmediate(r));
  }
}

describe('the bill validator calls of a screen', () => {
  it('a changed limit: the stop reaches the terminal before the new accept, and the accept continues the same session', async () => {
    const t = slowTerminal();
    const intake = noteIntake(t.calls);
    let session: string | null = null;
    const first = intake.accept(() => session, '5000.00').then((r) => (session = r.session));
    // The limit changes before the first answer: the screen stops and accepts again at once.
    const stop = intake.stop(() => session);
    const second = intake.accept(() => session, '2000.00');
    // Only the first call is out; the others wait for its answer.
    await new Promise((r) => setImmediate(r));
    expect(t.arrived).toEqual(['accept new 5000.00']);
    let done = false;
    void Promise.all([first, stop, second]).then(() => (done = true));
    await settle(t, () => done);
    expect(t.arrived).toEqual(['accept new 5000.00', 'stop S1', 'accept S1 2000.00']);
    expect((await second).session).toBe('S1');
  });

  it('a failed call does not stop the ones after it', async () => {
    const t = slowTerminal();
    let refuse = true;
    const intake = noteIntake({
      accept: (a) => (refuse ? ((refuse = false), Promise.reject(new Error('device-starting'))) : t.calls.accept(a)),
      stop: t.calls.stop,
    });
    await expect(intake.accept(() => null, undefined)).rejects.toThrow('device-starting');
    let done = false;
    const again = intake.accept(() => null, undefined).finally(() => (done = true));
    await settle(t, () => done);
    expect((await again).session).toBe('S1');
  });
});
