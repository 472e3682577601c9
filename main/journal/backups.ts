/**
 * Online backups of the journal with SQLite's backup API (a consistent copy while the terminal runs),
 * on a schedule, to a configurable second place (another disk, a USB stick), rotated; and restoring
 * one. The id high-water mark is kept beside the backups too (see ids/high-water.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { markerFileOf } from './database.js';
import { writeDurably } from '../ids/high-water.js';

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

/** One online backup of `db` into `dir`, then the oldest beyond `keep` are removed. */
export async function backupJournal(db: Database.Database, dir: string, keep: number, now: number = Date.now()): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  let file = path.join(dir, `journal-${stamp(now)}.sqlite`);
  for (let i = 1; fs.existsSync(file); i += 1) file = path.join(dir, `journal-${stamp(now)}-${i}.sqlite`);
  const partial = `${file}.partial`;
  await db.backup(partial);
  // A backup is only a backup once it is whole and on the disk.
  const fd = fs.openSync(partial, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(partial, file);
  for (const old of listBackups(dir).slice(keep)) fs.rmSync(old.file, { force: true });
  const st = fs.statSync(file);
  return { file, at: st.mtimeMs, bytes: st.size };
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

/**
 * Puts a backup in place of the journal (the terminal must be stopped). The journal it replaces, if
 * any, is kept beside it, renamed. Payments taken after the backup are not in it: reconcile them
 * with processing by their numbers on the receipts.
 */
export function restoreJournal(journalFile: string, from: string, now: number = Date.now()): { replaced: string | null } {
  const problems = verifyJournalFile(from);
  if (problems[0] !== 'ok') throw new Error(`${from} is not a sound journal (${problems.join('; ')}): choose another backup`);
  let replaced: string | null = null;
  const kept = `${journalFile}.replaced-${stamp(now)}`;
  for (const suffix of ['', '-wal', '-shm']) {
    const f = `${journalFile}${suffix}`;
    if (!fs.existsSync(f)) continue;
    if (suffix === '' && fs.statSync(f).size > 0) replaced = kept;
    fs.renameSync(f, `${kept}${suffix}`);
  }
  fs.mkdirSync(path.dirname(journalFile), { recursive: true });
  fs.copyFileSync(from, `${journalFile}.restoring`);
  const fd = fs.openSync(`${journalFile}.restoring`, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  forgetIdReservation(`${journalFile}.restoring`);
  fs.renameSync(`${journalFile}.restoring`, journalFile);
  writeDurably(markerFileOf(journalFile), `${JSON.stringify({ journal: path.basename(journalFile), createdAt: new Date(now).toISOString(), restoredFrom: from })}\n`);
  return { replaced };
}
