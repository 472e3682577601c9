/**
 * Who holds a data directory. Every process that opens the terminal on it (`tolem start`, the
 * Electron host, a CLI payment) holds a shared lock for as long as it runs; restore and salvage, which
 * swap the journal file under everyone, need it exclusively and refuse while anyone holds it. The lock
 * is SQLite's own file lock on `terminal.lock` (rollback mode, not WAL): the operating system drops it
 * when its process dies, so a crashed terminal never leaves a stale lock behind.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { explainOpenError, JournalOpenError, privateDirectory, sqliteOptions } from './database.js';

export const LOCK_FILE = 'terminal.lock';

export class DataDirBusyError extends Error {
  override name = 'DataDirBusyError';
}

function openLock(dataDir: string, waitMs: number): Database.Database {
  // A fresh machine (a first start, or a restore after a re-install) has no data directory yet: it is made, private.
  privateDirectory(dataDir);
  const db = new Database(path.join(dataDir, LOCK_FILE), { timeout: waitMs, ...sqliteOptions() });
  try {
    // Only once, while the file is new: an existing lock file is never written outside a lock.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'held'").get()) {
      db.pragma('journal_mode = DELETE');
      db.exec('CREATE TABLE IF NOT EXISTS held (id INTEGER PRIMARY KEY)');
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** A terminal's shared hold on its data directory: released by `release()` or by the process ending. */
export function holdDataDir(dataDir: string): { release(): void } {
  let db: Database.Database;
  try {
    db = openLock(dataDir, 10_000);
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM held').get(); // takes SQLite's SHARED lock, kept until release
  } catch (err) {
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') throw new JournalOpenError(`the data directory ${dataDir} is being restored or salvaged: start the terminal when that is done`, 'busy');
    throw explainOpenError(path.join(dataDir, LOCK_FILE), err);
  }
  return heldUntilRelease(db);
}

/**
 * The data directory for this process alone, while `fn` runs (restore, salvage): refused at once,
 * naming what to do, while any terminal holds it.
 */
export function withDataDirAlone<T>(dataDir: string, what: string, fn: () => T): T {
  const db = openLock(dataDir, 0);
  try {
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch {
      throw new DataDirBusyError(`a terminal is running on ${dataDir} (tolem start, the kiosk or a CLI command): stop it before ${what}; nothing was changed`);
    }
    try {
      return fn();
    } finally {
      db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
}

export const RUNNING_FILE = 'running.lock';

/**
 * The one running terminal of a data directory (`tolem start`): a second one on the same directory
 * would drive the same bill validator and printer and show the same journal on two screens, so it is
 * refused at once, naming the directory. CLI commands still run beside it (they take the shared hold
 * above). SQLite's exclusive lock on `running.lock`, dropped by the operating system when the process dies.
 */
export function holdRunning(dataDir: string): { release(): void } {
  privateDirectory(dataDir);
  const db = new Database(path.join(dataDir, RUNNING_FILE), { timeout: 0, ...sqliteOptions() });
  try {
    db.pragma('journal_mode = DELETE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') throw new DataDirBusyError(`another Tolem terminal is running on ${dataDir} (tolem start or its kiosk): one terminal runs on a data directory; stop it first, or give this one its own (TOLEM_DATA_DIR)`);
    throw explainOpenError(path.join(dataDir, RUNNING_FILE), err);
  }
  return heldUntilRelease(db);
}

/** A lock held in an open transaction: released by committing it and closing the file (or by the process ending). */
function heldUntilRelease(db: Database.Database): { release(): void } {
  return {
    release() {
      try {
        if (db.inTransaction) db.exec('COMMIT');
      } finally {
        db.close();
      }
    },
  };
}
