/**
 * The kiosk's calls to the bill validator reach the terminal in the order the screen made them: a
 * limit that changes sends "stop" then "accept", and if the stop landed last the device stayed
 * disabled with the customer holding a note (seen once on a loaded machine); two notes inserted at
 * once on the simulated acceptor opened two sessions, and the screen counted only the second (CI).
 */
import { describe, expect, it } from 'vitest';
import { noteEffect, noteIntake, type Accepting, type Inserted, type SessionSlot } from '../../renderer/src/state/note-intake.js';

/** A terminal whose answers come back in whatever order the test releases them. */
function slowTerminal() {
  const arrived: string[] = [];
  const pending: (() => void)[] = [];
  const totals = new Map<string, number>();
  let sessions = 0;
  const answer = <T>(value: () => T) => new Promise<T>((resolve) => pending.push(() => resolve(value())));
  const open = (session: string | undefined) => session ?? `S${++sessions}`;
  return {
    arrived,
    totals,
    releaseAll() {
      while (pending.length) pending.pop()!();
    },
    calls: {
      accept(a: { session?: string | undefined; limit?: string | undefined }): Promise<Accepting> {
        arrived.push(`accept ${a.session ?? 'new'} ${a.limit ?? '-'}`);
        const session = open(a.session);
        return answer(() => ({ session, inserted: `${totals.get(session) ?? 0}` }));
      },
      insert(a: { session?: string | undefined; note: string; limit?: string | undefined }): Promise<Inserted> {
        arrived.push(`insert ${a.session ?? 'new'} ${a.note}`);
        const session = open(a.session);
        totals.set(session, (totals.get(session) ?? 0) + Number(a.note));
        return answer(() => ({ session, inserted: `${totals.get(session)}`, stacked: true }));
      },
      stop(a: { session: string }): Promise<unknown> {
        arrived.push(`stop ${a.session}`);
        return answer(() => ({ stopped: true }));
      },
    },
  };
}

/** A screen's session, as a store keeps it. */
function screenSlot(): SessionSlot & { session: string | null } {
  const slot = { session: null as string | null, get: () => slot.session, set: (s: string) => void (slot.session = s) };
  return slot;
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
    const slot = screenSlot();
    const first = intake.accept(slot, '5000.00');
    // The limit changes before the first answer: the screen stops and accepts again at once.
    const stop = intake.stop(slot);
    const second = intake.accept(slot, '2000.00');
    // Only the first call is out; the others wait for its answer.
    await new Promise((r) => setImmediate(r));
    expect(t.arrived).toEqual(['accept new 5000.00']);
    let done = false;
    void Promise.all([first, stop, second]).then(() => (done = true));
    await settle(t, () => done);
    expect(t.arrived).toEqual(['accept new 5000.00', 'stop S1', 'accept S1 2000.00']);
    expect((await second).session).toBe('S1');
    expect(slot.session).toBe('S1');
  });

  it('notes inserted faster than the terminal answers all go into one session, and the last answer counts them all', async () => {
    const t = slowTerminal();
    const intake = noteIntake(t.calls);
    const slot = screenSlot();
    const answers = ['2000', '500', '50', '20', '20'].map((n) => intake.insert(slot, n, '2592.00'));
    let done = false;
    void Promise.all(answers).then(() => (done = true));
    await settle(t, () => done);
    expect(t.arrived).toEqual(['insert new 2000', 'insert S1 500', 'insert S1 50', 'insert S1 20', 'insert S1 20']);
    expect((await answers[4]!).inserted).toBe('2590');
    expect([...t.totals.keys()]).toEqual(['S1']);
  });

  it('a failed call does not stop the ones after it', async () => {
    const t = slowTerminal();
    let refuse = true;
    const intake = noteIntake({
      ...t.calls,
      accept: (a) => (refuse ? ((refuse = false), Promise.reject(new Error('device-starting'))) : t.calls.accept(a)),
    });
    const slot = screenSlot();
    await expect(intake.accept(slot, undefined)).rejects.toThrow('device-starting');
    let done = false;
    const again = intake.accept(slot, undefined).finally(() => (done = true));
    await settle(t, () => done);
    expect((await again).session).toBe('S1');
  });
});

describe('what a note event means for a screen (payment and payout alike)', () => {
  it('a stacked note brings the total; a note settled after a restart is counted, or said returned; another session’s is not this screen’s', () => {
    expect(noteEffect({ kind: 'stacked', session: 'S1', amount: '1000.00', total: '1500.00' }, 'S1', 500_00)).toEqual({ kind: 'counted', session: 'S1', total: '1500.00', returned: false });
    // The payout screen once ignored these: a note credited at power-up never showed in its total.
    expect(noteEffect({ kind: 'settled', session: 'S1', amount: '2000.00', outcome: 'stacked' }, 'S1', 500_00)).toEqual({ kind: 'counted', session: 'S1', total: '2500.00', returned: false });
    expect(noteEffect({ kind: 'settled', session: 'S1', amount: '2000.00', outcome: 'returned' }, 'S1', 500_00)).toEqual({ kind: 'counted', session: 'S1', total: '500.00', returned: true });
    expect(noteEffect({ kind: 'returned', session: 'S1', amount: '5000.00', why: 'overpay' }, 'S1', 0)).toEqual({ kind: 'returned' });
    expect(noteEffect({ kind: 'stacked', session: 'S2', amount: '1000.00', total: '1000.00' }, 'S1', 0)).toBeNull();
    expect(noteEffect({ kind: 'returned', session: null, amount: null, why: 'not-waiting' }, 'S1', 0)).toBeNull();
  });
});
