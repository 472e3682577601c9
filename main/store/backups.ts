/**
 * Online backups of the journal with SQLite's backup API (a consistent copy while the terminal runs),
 * on a schedule, to a configurable second place (another disk, a USB stick), rotated; and restoring
 * one. The id high-water mark is kept beside the backups too (see ids/high-water.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { markerFileOf } from './database.js';
import { writeDurably } from '../base/high-water.js';

const NAME = /^journal-(\d{8}-\d{6}(?:-\d+)?)\.sqlite$/;

export interface BackupInfo {
  file: string;
  at: number;
  bytes: number;
}

function stamp(at: number): string {
  const iso = new Date(at).toISOString(); // UTC in the file name: sortable, whatever the zone
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

/** Backups in `dir`, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => NAME.test(n))
    .map((n) => {
      const file = path.join(dir, n);
      const st = fs.statSync(file);
      return { file, at: st.mtimeMs, bytes: st.size };
    })
    .sort((a, b) => (a.file < b.file ? 1 : -1));
}

/** A backup still being written by another process (the terminal's schedule beside `tolem journal backup`) is this young. */
const PARTIAL_STALE_MS = 10 * 60_000;

/**
 * Leftovers of backups that were killed mid-way (their `.partial` files) are removed, never followed:
 * anything at such a name that is not a plain file (a planted link) at once, a plain one once it is
 * old enough that no backup can still be writing it.
 */
function removeStalePartials(dir: string, now: number): void {
  for (const name of fs.readdirSync(dir)) {
    if (!/^journal-.*\.partial$/.test(name)) continue;
    const file = path.join(dir, name);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(file);
    } catch {
      continue; // gone meanwhile
    }
    // unlink removes a planted symlink itself, never the file it points at.
    if (!st.isFile() || now - st.mtimeMs > PARTIAL_STALE_MS) fs.rmSync(file, { force: true });
  }
}

/**
 * One online backup of `db` into `dir`, then the oldest beyond `keep` are removed. Every file it
 * writes is created new (never through a link, never over an existing file): a `.partial` with a
 * random name, created exclusively, then linked to the backup's name (which fails if it exists).
 */
export async function backupJournal(db: Database.Database, dir: string, keep: number, now: number = Date.now()): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  removeStalePartials(dir, Date.now());
  const partial = path.join(dir, `journal-${stamp(now)}.${crypto.randomBytes(6).toString('hex')}.partial`);
  fs.closeSync(fs.openSync(partial, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY | (fs.constants.O_NOFOLLOW ?? 0), 0o600));
  try {
    await db.backup(partial);
    // A backup is only a backup once it is whole and on the disk.
    const fd = fs.openSync(partial, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    let file = path.join(dir, `journal-${stamp(now)}.sqlite`);
    for (let i = 1; ; i += 1) {
      try {
        fs.linkSync(partial, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || i > 1000) throw err;
        file = path.join(dir, `journal-${stamp(now)}-${i}.sqlite`);
      }
    }
    for (const old of listBackups(dir).slice(keep)) fs.rmSync(old.file, { force: true });
    const st = fs.statSync(file);
    return { file, at: st.mtimeMs, bytes: st.size };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/**
 * A restored or salvaged journal may have lost ids issued after it was copied, inside the block it had
 * reserved: forgetting its reservation makes the next id start above the high-water mark in the files.
 */
export function forgetIdReservation(file: string): void {
  const db = new Database(file);
  try {
    db.prepare("DELETE FROM meta WHERE key = 'ids_reserved'").run();
  } finally {
    db.close();
  }
}

/** What `PRAGMA integrity_check` says of a journal file: ['ok'] or its problems. */
export function verifyJournalFile(file: string): string[] {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } catch (err) {
    return [err instanceof Error ? err.message : String(err)];
  } finally {
    db?.close();
  }
}

export class RestoreError extends Error {
  override name = 'RestoreError';
}

/** The journal's own id (meta journal_id), read from the file alone; null for a journal made before ids. */
function journalIdentity(file: string): string | null {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT value FROM meta WHERE key = 'journal_id'").get() as { value: string } | undefined)?.value ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** Whether two paths name the same file (the same path, a symlink to it, or a hard link). */
function sameFile(a: string, b: string): boolean {
  try {
    const x = fs.statSync(a);
    const y = fs.statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * Puts a backup in place of the journal (the caller holds the data directory alone: no terminal
 * runs). A copy made by copying the files, with its `-wal` beside it, is restored whole: the `-wal`
 * is applied to the copy, never dropped; a `-wal` that does not belong to it is refused by name. The
 * journal it replaces, if any, is kept beside it, renamed. Payments taken after the backup are not
 * in it: reconcile them with processing by their numbers on the receipts.
 */
export function restoreJournal(journalFile: string, from: string, now: number = Date.now()): { replaced: string | null; walApplied: boolean } {
  if (!fs.existsSync(from)) throw new RestoreError(`${from}: no such file`);
  for (const suffix of ['', '-wal', '-shm']) {
    if (sameFile(from, `${journalFile}${suffix}`) || path.resolve(from) === path.resolve(`${journalFile}${suffix}`)) {
      throw new RestoreError(`${from} is the journal itself (or a link to it): choose a backup, e.g. one in the backups directory; nothing was moved`);
    }
  }
  const restoring = `${journalFile}.restoring`;
  const clean = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${restoring}${suffix}`, { force: true });
  };
  clean();
  fs.mkdirSync(path.dirname(journalFile), { recursive: true });
  let walApplied = false;
  try {
    fs.copyFileSync(from, restoring, fs.constants.COPYFILE_EXCL);
    const wal = `${from}-wal`;
    const walBytes = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
    if (walBytes > 0) {
      // Which journal the copy is, before its -wal is applied: a -wal of another journal is refused.
      const before = journalIdentity(restoring);
      for (const suffix of ['-wal', '-shm']) fs.rmSync(`${restoring}${suffix}`, { force: true });
      fs.copyFileSync(wal, `${restoring}-wal`, fs.constants.COPYFILE_EXCL);
      // The -wal holds commits the main file does not have yet: they are folded into the copy.
      let db: Database.Database;
      try {
        db = new Database(restoring, { fileMustExist: true });
      } catch (err) {
        throw new RestoreError(`${from} is not a journal (${err instanceof Error ? err.message : String(err)}): choose another backup`);
      }
      try {
        let r: { busy: number; log: number; checkpointed: number } | undefined;
        let after: string | null = null;
        try {
          [r] = db.pragma('wal_checkpoint(FULL)') as { busy: number; log: number; checkpointed: number }[];
          after = (db.prepare("SELECT value FROM meta WHERE key = 'journal_id'").get() as { value: string } | undefined)?.value ?? null;
        } catch (err) {
          throw new RestoreError(`${from} with ${wal} is not a sound journal (${err instanceof Error ? err.message : String(err)}): choose another backup`);
        }
        // A header (32 bytes) and frames that SQLite did not take: this -wal is not this journal's.
        if (!r || r.busy !== 0 || (walBytes > 32 && r.log <= 0)) throw new RestoreError(`${wal} does not belong to ${from} (SQLite ignored it): nothing was restored; restore a backup made by "tolem journal backup", or copy the journal and its -wal together while the terminal is stopped`);
        if (before !== null && after !== before) throw new RestoreError(`${wal} is another journal's -wal (${after ?? 'none'}, not ${before}): nothing was restored; restore a backup made by "tolem journal backup"`);
        if (r.checkpointed !== r.log) throw new RestoreError(`${wal} could not be applied to ${from}: nothing was restored`);
        db.pragma('journal_mode = DELETE');
      } finally {
        db.close();
      }
      walApplied = true;
    }
    const problems = verifyJournalFile(restoring);
    if (problems[0] !== 'ok') throw new RestoreError(`${from}${walApplied ? ` with ${wal}` : ''} is not a sound journal (${problems.join('; ')}): choose another backup`);
    const fd = fs.openSync(restoring, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    forgetIdReservation(restoring);
  } catch (err) {
    clean();
    throw err;
  }
  let replaced: string | null = null;
  const kept = `${journalFile}.replaced-${stamp(now)}`;
  for (const suffix of ['', '-wal', '-shm']) {
    const f = `${journalFile}${suffix}`;
    if (!fs.existsSync(f)) continue;
    if (suffix === '' && fs.statSync(f).size > 0) replaced = kept;
    fs.renameSync(f, `${kept}${suffix}`);
  }
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${restoring}${suffix}`, { force: true });
  fs.renameSync(restoring, journalFile);
  writeDurably(markerFileOf(journalFile), `${JSON.stringify({ journal: path.basename(journalFile), createdAt: new Date(now).toISOString(), restoredFrom: from })}\n`);
  return { replaced, walApplied };
}
