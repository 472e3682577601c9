import type { Migration } from './migration.js';

export const m002: Migration = {
  version: 2,
  name: 'receipts: every print attempt of a payment\'s receipt',
  up: (db) => {
    db.exec(`
      CREATE TABLE receipts (
        id INTEGER PRIMARY KEY,
        payment_id INTEGER NOT NULL REFERENCES payments (id),
        at INTEGER NOT NULL,
        printer TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('text', 'raster')),
        lang TEXT NOT NULL,
        state_printed TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('printed', 'failed')),
        error TEXT,
        bytes INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX receipts_payment ON receipts (payment_id);

      CREATE TRIGGER receipts_append_only_u BEFORE UPDATE ON receipts
      BEGIN SELECT RAISE(ABORT, 'journal: receipt attempts are append-only'); END;
      CREATE TRIGGER receipts_append_only_d BEFORE DELETE ON receipts
      BEGIN SELECT RAISE(ABORT, 'journal: receipt attempts are append-only'); END;
    `);
  },
};
