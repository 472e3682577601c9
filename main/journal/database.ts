/**
 * Opens the journal: WAL with synchronous=FULL (better-sqlite3 builds WAL with NORMAL, which can
 * lose a committed payment on power loss), foreign keys, a busy timeout for the CLI and the app
 * sharing one file, then migrations. A new journal uses 1 KiB pages: its rows are small and every
 * commit is fsynced, so fewer bytes per commit mean more durable payments per second
 * (npm run bench); large values simply span more overflow pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

export class JournalOpenError extends Error {
  override name = 'JournalOpenError';
}

export function openJournalDatabase(file: string): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 10_000 });
  } catch (err) {
    throw new JournalOpenError(`cannot open the journal ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    db.pragma('page_size = 1024'); // takes effect only while the file is still empty
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
