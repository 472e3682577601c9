import type { Migration } from './migration.js';

export const m003: Migration = {
  version: 3,
  name: 'cash: every note a kiosk took, journaled before it is stacked, and the payment it paid for',
  up: (db) => {
    db.exec(`
      CREATE TABLE cash_sessions (
        id TEXT PRIMARY KEY,
        opened_at INTEGER NOT NULL,
        payment_id INTEGER REFERENCES payments (id),
        linked_at INTEGER,
        settled_at INTEGER,
        settled_note TEXT,
        CHECK (payment_id IS NULL OR settled_at IS NULL)
      ) STRICT;
      CREATE TABLE cash_notes (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES cash_sessions (id),
        amount INTEGER NOT NULL CHECK (amount > 0),
        device TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX cash_notes_session ON cash_notes (session_id);
      CREATE INDEX cash_sessions_unlinked ON cash_sessions (payment_id) WHERE payment_id IS NULL;

      CREATE TRIGGER cash_notes_append_only_u BEFORE UPDATE ON cash_notes
      BEGIN SELECT RAISE(ABORT, 'journal: cash notes are append-only'); END;
      CREATE TRIGGER cash_notes_append_only_d BEFORE DELETE ON cash_notes
      BEGIN SELECT RAISE(ABORT, 'journal: cash notes are append-only'); END;
      CREATE TRIGGER cash_notes_open_session BEFORE INSERT ON cash_notes
      WHEN (SELECT payment_id FROM cash_sessions WHERE id = NEW.session_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'journal: this cash already paid for a payment'); END;
      CREATE TRIGGER cash_sessions_link_once BEFORE UPDATE ON cash_sessions
      WHEN OLD.payment_id IS NOT NULL OR OLD.settled_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.opened_at IS NOT OLD.opened_at
      BEGIN SELECT RAISE(ABORT, 'journal: cash is linked to its payment, or settled by a person, once'); END;
      CREATE TRIGGER cash_notes_open_session_settled BEFORE INSERT ON cash_notes
      WHEN (SELECT settled_at FROM cash_sessions WHERE id = NEW.session_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'journal: this cash was settled by a person'); END;
      CREATE TRIGGER cash_sessions_no_delete BEFORE DELETE ON cash_sessions
      BEGIN SELECT RAISE(ABORT, 'journal: cash sessions are never deleted'); END;
    `);
  },
};
