/**
 * Fault injection for the crash test (test/engine/crash.test.ts): when TOLEM_CRASH_AT names a
 * point, the process announces it on stderr and kills itself with SIGKILL right there, so the
 * test can prove that a kill at that exact moment loses nothing. Unset, this does nothing.
 */
import fs from 'node:fs';

export type CrashPoint = 'after-draft' | 'before-pay' | 'after-answer' | 'after-record';

export function crashPoint(point: CrashPoint): void {
  const wanted = process.env.TOLEM_CRASH_AT;
  if (!wanted || wanted !== point) return;
  fs.writeSync(2, `tolem: crash point ${point}\n`);
  process.kill(process.pid, 'SIGKILL');
}
