/**
 * Where the sandbox keeps its ledger: in memory, or in a SQLite file so that the built-in
 * sandbox remembers payments between runs of the CLI (as a real processing center would).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface SandboxStore {
  get<T>(ns: string, key: string): T | undefined;
  put(ns: string, key: string, value: unknown): void;
  all<T>(ns: string): T[];
  close(): void;
}

export class MemoryStore implements SandboxStore {
  private readonly data = new Map<string, Map<string, string>>();
  get<T>(ns: string, key: string): T | undefined {
    const raw = this.data.get(ns)?.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }
  put(ns: string, key: string, value: unknown): void {
    let m = this.data.get(ns);
    if (!m) this.data.set(ns, (m = new Map()));
    m.set(key, JSON.stringify(value));
  }
  all<T>(ns: string): T[] {
    return [...(this.data.get(ns)?.values() ?? [])].map((v) => JSON.parse(v) as T);
  }
  close(): void {}
}

export class SqliteStore implements SandboxStore {
  private readonly db: Database.Database;
  private readonly q;
  constructor(file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file, { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS kv (ns TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (ns, key)) STRICT');
    this.q = {
      get: this.db.prepare<[string, string], { value: string }>('SELECT value FROM kv WHERE ns = ? AND key = ?'),
      put: this.db.prepare<[string, string, string]>('INSERT INTO kv (ns, key, value) VALUES (?, ?, ?) ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value'),
      all: this.db.prepare<[string], { value: string }>('SELECT value FROM kv WHERE ns = ? ORDER BY rowid'),
    };
  }
  get<T>(ns: string, key: string): T | undefined {
    const row = this.q.get.get(ns, key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }
  put(ns: string, key: string, value: unknown): void {
    this.q.put.run(ns, key, JSON.stringify(value));
  }
  all<T>(ns: string): T[] {
    return this.q.all.all(ns).map((r) => JSON.parse(r.value) as T);
  }
  close(): void {
    this.db.close();
  }
}
