/** The admin PIN (item 14): 5 wrong tries, then a growing lockout, journaled, across restarts and hosts. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_LOCKOUT_MS, PinGuard } from '../../main/admin/pin-guard.js';
import { openJournalDatabase } from '../../main/store/database.js';
import { tempDir } from '../helpers/harness.js';

describe('admin PIN guard', () => {
  it('allows 5 wrong tries, then locks (even the right PIN is refused while locked), the lockout doubling each time', () => {
    const db = openJournalDatabase(path.join(tempDir(), 'j.sqlite'));
    let now = Date.UTC(2026, 10, 25);
    const guard = new PinGuard(db, '4321', () => now);
    for (let i = 4; i >= 1; i -= 1) expect(guard.check('0000', 'test')).toEqual({ ok: false, reason: 'wrong', triesLeft: i });
    expect(guard.check('0000', 'test')).toEqual({ ok: false, reason: 'locked', retryAfterMs: FIRST_LOCKOUT_MS });
    expect(guard.check('4321', 'test')).toMatchObject({ ok: false, reason: 'locked' });
    now += FIRST_LOCKOUT_MS;
    expect(guard.check('1111', 'test')).toEqual({ ok: false, reason: 'locked', retryAfterMs: 2 * FIRST_LOCKOUT_MS });
    now += 2 * FIRST_LOCKOUT_MS;
    expect(guard.check('4321', 'test')).toEqual({ ok: true });
    // A right PIN resets the count.
    expect(guard.check('0000', 'test')).toEqual({ ok: false, reason: 'wrong', triesLeft: 4 });
    const events = db.prepare<[], { kind: string }>("SELECT kind FROM security_events ORDER BY id").all().map((e) => e.kind);
    expect(events).toEqual(['pin-wrong', 'pin-wrong', 'pin-wrong', 'pin-wrong', 'pin-wrong', 'pin-wrong', 'pin-ok', 'pin-wrong']);
    expect(() => db.prepare('DELETE FROM security_events').run()).toThrow(/append-only/);
  });

  it('8,650 guesses cannot be made: a restart (or the other host) does not reset the lockout', () => {
    const file = path.join(tempDir(), 'j.sqlite');
    const now = Date.UTC(2026, 10, 25);
    const first = new PinGuard(openJournalDatabase(file), '4321', () => now);
    // A sweep of guesses with the right PIN in it: four are answered 'wrong', the fifth locks, and the right one is refused, locked.
    const guesses = [...Array.from({ length: 99 }, (_, i) => String(i).padStart(4, '0')), '4321'];
    const verdicts = guesses.map((g) => first.check(g, 'a'));
    expect(verdicts.filter((v) => v.ok)).toEqual([]);
    expect(verdicts.filter((v) => !v.ok && v.reason !== 'locked')).toHaveLength(4);
    expect(verdicts.at(-1)).toMatchObject({ ok: false, reason: 'locked' });
    const again = new PinGuard(openJournalDatabase(file), '4321', () => now);
    expect(again.check('4321', 'b')).toMatchObject({ ok: false, reason: 'locked' });
  });
});
