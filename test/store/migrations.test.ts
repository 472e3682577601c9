import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openJournalDatabase } from '../../main/store/database.js';
import { JournalVersionError, LATEST_VERSION, MIGRATIONS, migrate } from '../../main/store/migrations.js';
import { tempDir } from '../helpers/harness.js';

describe('journal migrations', () => {
  it('opens with WAL and synchronous=FULL (a committed payment survives power loss)', () => {
    const db = openJournalDatabase(path.join(tempDir(), 'j.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('page_size', { simple: true })).toBe(1024);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('migration 1 creates STRICT tables', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    const tables = db.prepare<[], { name: string; strict: number }>("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all();
    expect(tables.map((t) => t.name).sort()).toEqual(['attempts', 'catalog', 'meta', 'payment_events', 'payments']);
    expect(tables.every((t) => t.strict === 1)).toBe(true);
  });

  it('is idempotent: opening twice changes nothing', () => {
    const file = path.join(tempDir(), 'j.sqlite');
    openJournalDatabase(file).close();
    const db = openJournalDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a journal written by a newer Tolem, and leaves it untouched', () => {
    const file = path.join(tempDir(), 'j.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(() => openJournalDatabase(file)).toThrow(JournalVersionError);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    again.close();
  });

  it('a failing step rolls back every pending step (all in one transaction)', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE x (a INTEGER) STRICT; SELECT * FROM nowhere;') }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'payments'").get()).toEqual({ n: 0 });
  });

  it('refuses migrations that are not numbered 1, 2, 3...', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', up: () => {} }])).toThrow(/numbered/);
  });
});
