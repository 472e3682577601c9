import type Database from 'better-sqlite3';

/** One step of the journal's schema: applied once, in order, inside the transaction that applies the pending ones. */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}
