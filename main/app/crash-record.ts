/**
 * Whether the terminal keeps crashing: `tolem start` marks its data directory as running and unmarks
 * it when it stops cleanly; a start that finds the mark of a run that never stopped counts a crash.
 * Three crashes in ten minutes and the terminal comes back in safe mode: it takes no new money (a
 * payment or payout that may crash it again mid-way), says so on every screen, and delivers what it
 * already holds. A clean start after the ten minutes leaves it.
 */
import fs from 'node:fs';
import path from 'node:path';

export const CRASH_FILE = 'crashes.json';
export const SAFE_MODE_CRASHES = 3;
export const SAFE_MODE_WINDOW_MS = 10 * 60_000;

interface Record {
  running: boolean;
  /** When the starts that found an unclean stop happened (ms), the last ten minutes' only. */
  crashes: number[];
}

function read(file: string): Record {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Record>;
    return { running: r.running === true, crashes: Array.isArray(r.crashes) ? r.crashes.filter((n): n is number => typeof n === 'number') : [] };
  } catch {
    return { running: false, crashes: [] };
  }
}

function write(file: string, r: Record): void {
  // Written whole or not at all: a crash while writing leaves the last record.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(r));
  fs.renameSync(tmp, file);
}

/** A start: counts the crash the last run left, if it did; safe mode when three fell in ten minutes. */
export function noteStart(dataDir: string, now = Date.now()): { crashes: number; safeMode: boolean } {
  const file = path.join(dataDir, CRASH_FILE);
  const r = read(file);
  const crashes = [...r.crashes, ...(r.running ? [now] : [])].filter((at) => now - at < SAFE_MODE_WINDOW_MS);
  try {
    write(file, { running: true, crashes });
  } catch {
    // A disk that cannot take the record must not stop the terminal: it runs without counting.
  }
  return { crashes: crashes.length, safeMode: crashes.length >= SAFE_MODE_CRASHES };
}

/** A clean stop: the next start is not a crash. */
export function noteCleanStop(dataDir: string): void {
  const file = path.join(dataDir, CRASH_FILE);
  try {
    write(file, { ...read(file), running: false });
  } catch {
    // Nothing to do: the next start counts one crash too many, never one too few.
  }
}
