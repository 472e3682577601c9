/**
 * The last catalog processing sent, kept in the terminal's database (one row): what the terminal
 * shows and validates by while processing cannot be reached.
 */
import type Database from 'better-sqlite3';

export class CatalogCache {
  private readonly saveRow: Database.Statement<[number, string]>;
  private readonly loadRow: Database.Statement<[], { fetched_at: number; body: string }>;

  constructor(db: Database.Database) {
    this.saveRow = db.prepare<[number, string]>('INSERT INTO catalog (id, fetched_at, body) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET fetched_at = excluded.fetched_at, body = excluded.body');
    this.loadRow = db.prepare<[], { fetched_at: number; body: string }>('SELECT fetched_at, body FROM catalog WHERE id = 1');
  }

  save(body: string, fetchedAt: number): void {
    this.saveRow.run(fetchedAt, body);
  }

  load(): { fetchedAt: number; body: string } | null {
    const row = this.loadRow.get();
    return row ? { fetchedAt: row.fetched_at, body: row.body } : null;
  }
}
