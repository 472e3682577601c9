import type { Migration } from './migration.js';

export const m004: Migration = {
  version: 4,
  name: 'bounded answers (size and hash), cash settled whatever its payment became, security events, journal identity',
  up: (db) => {
    db.exec(`
      ALTER TABLE attempts ADD COLUMN answer_bytes INTEGER;
      ALTER TABLE attempts ADD COLUMN answer_sha256 TEXT;

      -- Cash is accounted for only by a payment that is pending, under review or paid: cash linked to
      -- a payment that was then refused or abandoned is the attendant's to settle, so a settlement is
      -- its own fact, whatever the session's link says.
      CREATE TABLE cash_settlements (
        session_id TEXT PRIMARY KEY REFERENCES cash_sessions (id),
        at INTEGER NOT NULL,
        note TEXT NOT NULL CHECK (length(note) > 0)
      ) STRICT;
      INSERT INTO cash_settlements (session_id, at, note)
        SELECT id, settled_at, coalesce(nullif(settled_note, ''), '-') FROM cash_sessions WHERE settled_at IS NOT NULL;
      CREATE TRIGGER cash_settlements_append_only_u BEFORE UPDATE ON cash_settlements
      BEGIN SELECT RAISE(ABORT, 'journal: a settlement is history'); END;
      CREATE TRIGGER cash_settlements_append_only_d BEFORE DELETE ON cash_settlements
      BEGIN SELECT RAISE(ABORT, 'journal: a settlement is history'); END;
      CREATE TRIGGER cash_notes_not_after_settlement BEFORE INSERT ON cash_notes
      WHEN EXISTS (SELECT 1 FROM cash_settlements WHERE session_id = NEW.session_id)
      BEGIN SELECT RAISE(ABORT, 'journal: this cash was settled by a person'); END;
      CREATE TRIGGER cash_sessions_no_link_after_settlement BEFORE UPDATE OF payment_id ON cash_sessions
      WHEN EXISTS (SELECT 1 FROM cash_settlements WHERE session_id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'journal: this cash was settled by a person'); END;

      -- Who tried what at the terminal's doors (wrong admin PINs, lockouts): append-only.
      CREATE TABLE security_events (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX security_events_kind ON security_events (kind, id);
      CREATE TRIGGER security_events_append_only_u BEFORE UPDATE ON security_events
      BEGIN SELECT RAISE(ABORT, 'journal: security events are append-only'); END;
      CREATE TRIGGER security_events_append_only_d BEFORE DELETE ON security_events
      BEGIN SELECT RAISE(ABORT, 'journal: security events are append-only'); END;
    `);
  },
};
