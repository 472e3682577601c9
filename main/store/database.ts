/**
 * Opens the journal: WAL with synchronous=FULL (better-sqlite3 builds WAL with NORMAL, which can
 * lose a committed payment on power loss), foreign keys, a busy timeout for the CLI and the app
 * sharing one file, then migrations. A new journal uses 1 KiB pages: its rows are small and every
 * commit is fsynced, so fewer bytes per commit mean more durable payments per second
 * (npm run bench); large values simply span more overflow pages.
 *
 * Opening is guarded: a journal that existed (its marker says so) and is now missing or empty is
 * refused, never silently replaced by a new one; a damaged journal (quick_check) is refused with the
 * way out; a full disk, a read-only directory or a file that is not a database is one clear line.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { writeDurably } from '../base/high-water.js';
import { journalBinding } from '../base/native-binding.js';
import { migrate } from './migrations.js';

/** The journal cannot be opened: `message` is one line naming the file and what to do. */
export class JournalOpenError extends Error {
  override name = 'JournalOpenError';
  constructor(
    message: string,
    /** 'missing' (it existed and is gone or empty), 'damaged', 'disk-full', 'read-only', 'cannot-open', 'busy' (being restored or salvaged). */
    readonly reason: 'missing' | 'damaged' | 'disk-full' | 'read-only' | 'cannot-open' | 'busy' = 'cannot-open',
  ) {
    super(message);
  }
}

/** The file beside the journal that says a journal was created here (so its loss is noticed). */
export function markerFileOf(journalFile: string): string {
  return `${journalFile}.marker.json`;
}

const WAY_OUT = 'run "tolem journal verify", then "tolem journal salvage" (copies what can be read into a new journal) or "tolem journal restore --from BACKUP" (see docs/operating.md, "When the journal is damaged or lost")';

/** Whether an error from SQLite or the file system means the journal's disk is full. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/** Why opening failed, in one line a person can act on. */
export function explainOpenError(file: string, err: unknown): JournalOpenError {
  if (err instanceof JournalOpenError) return err;
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const message = err instanceof Error ? err.message : String(err);
  if (isDiskFull(err)) return new JournalOpenError(`the disk holding the journal ${file} is full: free disk space, then start again (no payment was taken)`, 'disk-full');
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || /readonly|read-only|permission/i.test(message)) {
    return new JournalOpenError(`the journal ${file} cannot be written (read-only or no permission: ${message}): make ${path.dirname(file)} writable for this user, then start again`, 'read-only');
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || /malformed|not a database/i.test(message)) {
    return new JournalOpenError(`the journal ${file} is damaged (${message}): no payment is taken until it is mended; ${WAY_OUT}`, 'damaged');
  }
  // SQLite says only "unable to open database file": ask the directory why.
  try {
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.W_OK);
  } catch (access) {
    const why = String((access as { code?: unknown }).code ?? '');
    if (why === 'EROFS' || why === 'EACCES' || why === 'EPERM') return explainOpenError(file, access);
  }
  return new JournalOpenError(`cannot open the journal ${file}: ${message}`, 'cannot-open');
}

/**
 * The data directory holds the journal, the configuration (processing token, payouts password), the
 * logs and the screens' Chromium profile: no other local user may read or enter it. Created 0700; an
 * existing one of ours that others can read is closed to them.
 */
export function privateDirectory(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  const st = fs.statSync(dir);
  if ((st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) fs.chmodSync(dir, st.mode & 0o700);
}

/** How this process opens SQLite files: under Electron, with the native module built for it (the host names it). */
export function sqliteOptions(): { nativeBinding?: string } {
  const nativeBinding = journalBinding();
  return nativeBinding ? { nativeBinding } : {};
}

export interface OpenOptions {
  /** Run PRAGMA quick_check (skipped for in-memory and throwaway journals). */
  check?: boolean;
  /** Write and honour the marker that says a journal existed here. */
  marker?: boolean;
}

export function openJournalDatabase(file: string, opts: OpenOptions = {}): Database.Database {
  const memory = file === ':memory:';
  const marker = !memory && (opts.marker ?? false);
  try {
    if (!memory) privateDirectory(path.dirname(file));
    if (marker) refuseLostJournal(file);
  } catch (err) {
    throw explainOpenError(file, err);
  }
  let db: Database.Database;
  try {
    // Under Electron, the native module built for Electron (the host names it); under Node, the default.
    const nativeBinding = journalBinding();
    db = new Database(file, { timeout: 10_000, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (err) {
    throw explainOpenError(file, err);
  }
  try {
    db.pragma('page_size = 1024'); // takes effect only while the file is still empty
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    if (opts.check && !memory) {
      const problems = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
      const first = problems[0]?.quick_check ?? 'ok';
      // One line: SQLite's report spans several ("*** in database main ***" then a line per page).
      const said = first.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('***'))[0] ?? first;
      if (first !== 'ok') throw new JournalOpenError(`the journal ${file} is damaged (${said}): no payment is taken until it is mended; ${WAY_OUT}`, 'damaged');
    }
    migrate(db);
    // The journal's own identity: a restore tells a copy's own -wal from another journal's by it.
    if (!memory && !db.prepare("SELECT 1 FROM meta WHERE key = 'journal_id'").get()) db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('journal_id', ?)").run(crypto.randomUUID());
    if (marker && !fs.existsSync(markerFileOf(file))) writeDurably(markerFileOf(file), `${JSON.stringify({ journal: path.basename(file), createdAt: new Date().toISOString() })}\n`);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof Error && err.name === 'JournalVersionError') throw err;
    throw explainOpenError(file, err);
  }
}

/** A journal that existed here (its marker says so) and is now missing or empty is never replaced silently. */
function refuseLostJournal(file: string): void {
  const markerFile = markerFileOf(file);
  if (!fs.existsSync(markerFile)) return;
  const size = fs.existsSync(file) ? fs.statSync(file).size : null;
  if (size !== null && size > 0) return;
  let createdAt = 'earlier';
  try {
    createdAt = (JSON.parse(fs.readFileSync(markerFile, 'utf8')) as { createdAt?: string }).createdAt ?? createdAt;
  } catch {
    // The marker's presence is what counts.
  }
  const what = size === null ? 'is missing' : 'is empty (0 bytes)';
  throw new JournalOpenError(
    `the journal ${file} existed (created ${createdAt}) and ${what}: its payments would be lost, so no new journal is made; restore it with "tolem journal restore --from BACKUP" (backups: see docs/operating.md), or, only if this terminal really starts afresh, delete ${markerFile}`,
    'missing',
  );
}
