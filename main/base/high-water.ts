/**
 * What keeps agentTransactionIds unique when the journal is lost (a re-install, a restored backup)
 * and the clock is wrong: a floor below which no id is ever issued.
 *
 * - The release's build time: a clock set before this Tolem was built is surely wrong.
 * - A high-water mark kept outside the journal, in files beside it and beside the backups (put the
 *   backups on another disk): the highest tick reserved so far. Ticks are reserved ahead in blocks
 *   (RESERVE_MS of clock time), so the mark is written once per block, not once per payment, and
 *   every id ever issued is at or below it.
 *
 * Ids continue above the floor whenever the clock lags it (a re-install minutes after the last
 * payment, a clock corrected after running years ahead): the id no longer follows the clock then,
 * but stays unique. Only a clock before the release was built (or past the ids' range) is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentTick, ID_EPOCH_MS, SEQUENCE_SPACE, TICKS_PER_MS } from './agent-transaction-id.js';

/** How far ahead ids are reserved at a time (clock time). */
export const RESERVE_MS = 10 * 60_000;
const RESERVE_TICKS = BigInt(RESERVE_MS) * TICKS_PER_MS;

/** This source tree's date: the floor when no build stamp is found (tests run from source). */
const SOURCE_DATE_MS = Date.UTC(2026, 10, 25);

export const HIGH_WATER_FILE = 'ids-highwater.json';

export class ClockError extends Error {
  override name = 'ClockError';
}

/** What `npm run build` stamps into out/build-info.json: this release's version and build time. */
export function releaseInfo(): { version: string; builtAt: number } {
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const info = JSON.parse(fs.readFileSync(path.join(here, '..', '..', 'build-info.json'), 'utf8')) as { builtAt?: unknown; version?: unknown };
    const builtAt = typeof info.builtAt === 'number' && Number.isFinite(info.builtAt) && info.builtAt > ID_EPOCH_MS ? info.builtAt : SOURCE_DATE_MS;
    return { version: typeof info.version === 'string' ? info.version : 'source', builtAt };
  } catch {
    // Not built: running from source.
    return { version: 'source', builtAt: SOURCE_DATE_MS };
  }
}

/** The release's build time: out/build-info.json written by `npm run build`, else this source tree's date. */
export function releaseBuiltAt(): number {
  return releaseInfo().builtAt;
}

interface Mark {
  terminalId: number;
  tick: string;
  at: string;
}

export interface IdFloor {
  /**
   * The tick to issue now. `lastIssued`: the journal's last tick; `journalReserved`: the reservation
   * this journal recorded itself (null: none yet). Throws ClockError when the clock is wrong. When a
   * new block is reserved, `reserved` is what the journal records beside the id, in the same commit.
   */
  next(lastIssued: bigint | null, journalReserved: bigint | null, nowMs: number): { tick: bigint; reserved: bigint | null };
}

/** The high-water mark in its files: read at open, advanced a block at a time. */
export class IdHighWater implements IdFloor {
  private mark: bigint;
  private readonly builtAtTick: bigint;

  constructor(
    private readonly terminalId: number,
    /** Where the mark is kept: beside the journal, and beside the backups. */
    private readonly files: string[],
    builtAt: number = releaseBuiltAt(),
  ) {
    this.builtAtTick = currentTick(builtAt);
    this.mark = 0n;
    for (const file of files) {
      const m = readMark(file);
      if (m && m.terminalId === terminalId && m.tick > this.mark) this.mark = m.tick;
    }
  }

  /** The highest tick reserved in the files (0 when none). */
  get reserved(): bigint {
    return this.mark;
  }

  next(lastIssued: bigint | null, journalReserved: bigint | null, nowMs: number): { tick: bigint; reserved: bigint | null } {
    const now = currentTick(nowMs);
    if (now < this.builtAtTick) {
      throw new ClockError(`the clock says ${new Date(nowMs).toISOString()}, before this Tolem was built (${new Date(Number(this.builtAtTick / TICKS_PER_MS) + ID_EPOCH_MS).toISOString()}): set the clock; no payment is taken until then`);
    }
    // The files hold nothing beyond this journal's own reservation: the journal knows every id it issued.
    // Otherwise (a re-installed or restored journal) ids issued elsewhere may reach up to the files' mark.
    const ours = journalReserved !== null && journalReserved >= this.mark;
    const last = lastIssued ?? 0n;
    const known = ours ? last : last > this.mark ? last : this.mark;
    // A clock behind the last id (corrected after running ahead, or lagging after a re-install) never
    // stops payments: ids go on, one above the last, whatever the clock says. Ids are unique numbers;
    // the payment's date (agentTransactionDate) is the clock's, and is said apart from the id.
    const tick = now > known ? now : known + 1n;
    if (tick >= SEQUENCE_SPACE) {
      throw new ClockError(`the clock says ${new Date(nowMs).toISOString()}, past the range of payment ids (2056): set the clock; no payment is taken until then`);
    }
    if (journalReserved !== null && tick <= journalReserved && ours) return { tick, reserved: null };
    const reserved = tick + RESERVE_TICKS;
    this.write(reserved);
    return { tick, reserved };
  }

  private write(tick: bigint): void {
    const mark: Mark = { terminalId: this.terminalId, tick: tick.toString(), at: new Date().toISOString() };
    let written = 0;
    for (const file of this.files) {
      try {
        writeDurably(file, `${JSON.stringify(mark)}\n`);
        written += 1;
      } catch {
        // Another copy may still be written (the backup disk unplugged): one is enough to go on.
      }
    }
    if (written === 0) throw new Error(`the id high-water mark could not be written to ${this.files.join(' or ')}`);
    if (tick > this.mark) this.mark = tick;
  }
}

function readMark(file: string): { terminalId: number; tick: bigint } | null {
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Mark>;
    if (typeof m.terminalId !== 'number' || typeof m.tick !== 'string' || !/^\d{1,13}$/.test(m.tick)) return null;
    return { terminalId: m.terminalId, tick: BigInt(m.tick) };
  } catch {
    return null;
  }
}

/** Writes a small file so that a power cut leaves the old version or the new one, never half of it. */
export function writeDurably(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  try {
    const dir = fs.openSync(path.dirname(file), 'r');
    fs.fsyncSync(dir);
    fs.closeSync(dir);
  } catch {
    // Directories cannot be fsynced on every platform (Windows).
  }
}
