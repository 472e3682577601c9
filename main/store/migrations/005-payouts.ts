import type { Migration } from './migration.js';

export const m005: Migration = {
  version: 5,
  name: 'payouts to cards: every order committed before its first request, every request an attempt, cash linked to the payout it funds',
  up: (db) => {
    db.exec(`
      CREATE TABLE payouts (
        id INTEGER PRIMARY KEY,
        order_number TEXT NOT NULL UNIQUE CHECK (length(order_number) BETWEEN 1 AND 32),
        flow TEXT NOT NULL CHECK (flow IN ('page', 'direct')),
        amount INTEGER NOT NULL CHECK (amount > 0),
        amount_from INTEGER NOT NULL CHECK (amount_from >= amount),
        fee INTEGER,
        client_name TEXT NOT NULL,
        phone TEXT,
        -- Never a card number: first 6 and last 4 at most, the rest masked.
        masked_pan TEXT CHECK (masked_pan IS NULL OR (masked_pan GLOB '*[X*]*' AND length(masked_pan) <= 19)),
        order_id TEXT,
        form_url TEXT,
        state TEXT NOT NULL CHECK (state IN ('new', 'registered', 'pending', 'paid', 'declined', 'expired', 'review')),
        reason TEXT,
        error_code TEXT,
        session_timeout_secs INTEGER,
        expires_at INTEGER,
        next_check_at INTEGER,
        checks INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX payouts_open ON payouts (next_check_at) WHERE state IN ('new', 'registered', 'pending');

      CREATE TABLE payout_attempts (
        id INTEGER PRIMARY KEY,
        payout_id INTEGER NOT NULL REFERENCES payouts (id),
        kind TEXT NOT NULL CHECK (kind IN ('register', 'perform', 'status')),
        started_at INTEGER NOT NULL,
        request TEXT NOT NULL,
        finished_at INTEGER,
        outcome TEXT CHECK (outcome IS NULL OR outcome IN ('answer', 'error', 'transport', 'http', 'malformed')),
        http_status INTEGER,
        error_code TEXT,
        order_status INTEGER,
        answer TEXT,
        error TEXT
      ) STRICT;
      CREATE INDEX payout_attempts_payout ON payout_attempts (payout_id);

      ALTER TABLE cash_sessions ADD COLUMN payout_id INTEGER REFERENCES payouts (id);

      CREATE TRIGGER payouts_final_stays_final BEFORE UPDATE OF state ON payouts
      WHEN OLD.state IN ('paid', 'declined', 'expired') AND NEW.state IS NOT OLD.state
      BEGIN SELECT RAISE(ABORT, 'journal: a final payout cannot change state'); END;
      CREATE TRIGGER payouts_review_is_decided BEFORE UPDATE OF state ON payouts
      WHEN OLD.state = 'review' AND NEW.state NOT IN ('review', 'paid', 'declined')
      BEGIN SELECT RAISE(ABORT, 'journal: a payout under review ends paid or declined'); END;
      CREATE TRIGGER payouts_identity_fixed BEFORE UPDATE OF order_number, flow, amount, amount_from, client_name ON payouts
      BEGIN SELECT RAISE(ABORT, 'journal: a payout keeps its order number, flow, amounts and recipient'); END;
      CREATE TRIGGER payouts_never_deleted BEFORE DELETE ON payouts
      BEGIN SELECT RAISE(ABORT, 'journal: payouts are never deleted'); END;
      CREATE TRIGGER payout_attempts_written_once BEFORE UPDATE ON payout_attempts
      WHEN OLD.finished_at IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'journal: a finished payout attempt is history'); END;
      CREATE TRIGGER payout_attempts_never_deleted BEFORE DELETE ON payout_attempts
      BEGIN SELECT RAISE(ABORT, 'journal: payout attempts are never deleted'); END;
      CREATE TRIGGER cash_sessions_payout_once BEFORE UPDATE OF payout_id ON cash_sessions
      WHEN OLD.payout_id IS NOT NULL OR OLD.payment_id IS NOT NULL OR EXISTS (SELECT 1 FROM cash_settlements WHERE session_id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'journal: cash funds one payment or one payout, once'); END;
      CREATE TRIGGER cash_sessions_payment_not_after_payout BEFORE UPDATE OF payment_id ON cash_sessions
      WHEN OLD.payout_id IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'journal: cash funds one payment or one payout, once'); END;
      CREATE TRIGGER cash_notes_not_after_payout BEFORE INSERT ON cash_notes
      WHEN (SELECT payout_id FROM cash_sessions WHERE id = NEW.session_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'journal: this cash already funds a payout'); END;
    `);
  },
};
