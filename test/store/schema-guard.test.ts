/**
 * Schema guard: a column that ever held journal data is never removed or renamed, so an older
 * journal's facts stay readable. Adding columns is fine; add them to schema-snapshot.json too.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/store/migrations.js';

const snapshot = JSON.parse(fs.readFileSync(new URL('./schema-snapshot.json', import.meta.url), 'utf8')) as Record<string, string[]>;

describe('journal schema guard', () => {
  const db = new Database(':memory:');
  migrate(db);
  const columns = (table: string) => db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table).map((c) => c.name);

  for (const [table, expected] of Object.entries(snapshot)) {
    it(`${table} keeps every column it ever had`, () => {
      const actual = columns(table);
      const missing = expected.filter((c) => !actual.includes(c));
      expect(missing, `columns removed from ${table}`).toEqual([]);
    });
  }

  it('every current column is in the snapshot (so the guard covers it)', () => {
    for (const table of Object.keys(snapshot)) {
      expect(columns(table).filter((c) => !snapshot[table]?.includes(c)), `new columns of ${table} missing from schema-snapshot.json`).toEqual([]);
    }
  });
});

describe('payment states are listed once', () => {
  it('the schema\'s CHECK on payments.state holds exactly the domain\'s states', async () => {
    const { PAYMENT_STATES } = await import('../../shared/rules/payment-states.js');
    const { openJournalDatabase } = await import('../../main/store/database.js');
    const db = openJournalDatabase(':memory:');
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'payments'").get() as { sql: string }).sql;
    db.close();
    const listed = /state TEXT NOT NULL CHECK \(state IN \(([^)]*)\)\)/.exec(sql)?.[1]?.split(',').map((x) => x.trim().replace(/'/g, ''));
    expect(listed).toEqual([...PAYMENT_STATES]);
  });
});
