/**
 * Numbered journal migrations. Versions only increase; `PRAGMA user_version` holds the last one
 * applied; all pending steps run in one transaction; a journal newer than this program is refused.
 * Columns are never removed (test/journal/schema-guard.test.ts fails the build if one is).
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'payments, attempts, events, catalog cache',
    up: (db) => {
      db.exec(`
        CREATE TABLE meta (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE payments (
          id INTEGER PRIMARY KEY,
          agent_transaction_id TEXT NOT NULL UNIQUE CHECK (agent_transaction_id GLOB '[1-9]*' AND length(agent_transaction_id) <= 18),
          agent_transaction_date TEXT NOT NULL,
          service_id TEXT NOT NULL,
          service_name TEXT NOT NULL DEFAULT '',
          account TEXT NOT NULL,
          fields TEXT NOT NULL DEFAULT '{}',
          amount_to INTEGER CHECK (amount_to IS NULL OR amount_to > 0),
          amount_from INTEGER CHECK (amount_from IS NULL OR amount_from >= amount_to),
          check_answer TEXT,
          pay_body TEXT,
          state TEXT NOT NULL CHECK (state IN ('draft', 'pending', 'success', 'failed', 'review', 'abandoned')),
          offline INTEGER NOT NULL DEFAULT 0 CHECK (offline IN (0, 1)),
          result INTEGER,
          result_message TEXT,
          transaction_id TEXT CHECK (transaction_id IS NULL OR length(transaction_id) <= 18),
          transaction_date TEXT,
          status_date TEXT,
          state_reason TEXT,
          pay_attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER,
          lease_owner TEXT,
          lease_until INTEGER,
          created_at INTEGER NOT NULL,
          accepted_at INTEGER,
          finished_at INTEGER,
          CHECK (state IN ('draft', 'failed', 'abandoned') OR pay_body IS NOT NULL),
          CHECK (state <> 'success' OR transaction_id IS NOT NULL)
        ) STRICT;
        -- Partial indexes: a pending payment touches only the queue's index, a review only its own.
        CREATE INDEX payments_due ON payments (next_attempt_at) WHERE state = 'pending';
        CREATE INDEX payments_review ON payments (id) WHERE state = 'review';

        CREATE TABLE attempts (
          id INTEGER PRIMARY KEY,
          payment_id INTEGER NOT NULL REFERENCES payments (id),
          kind TEXT NOT NULL CHECK (kind IN ('check', 'pay')),
          started_at INTEGER NOT NULL,
          request TEXT NOT NULL,
          finished_at INTEGER,
          outcome TEXT CHECK (outcome IS NULL OR outcome IN ('answer', 'transport', 'http', 'malformed', 'abandoned')),
          http_status INTEGER,
          result INTEGER,
          answer TEXT,
          error TEXT,
          elapsed_ms INTEGER
        ) STRICT;
        CREATE INDEX attempts_payment ON attempts (payment_id);

        -- Clustered by payment: a payment's history is one range, and appending it touches one page.
        CREATE TABLE payment_events (
          payment_id INTEGER NOT NULL REFERENCES payments (id),
          seq INTEGER NOT NULL,
          at INTEGER NOT NULL,
          state TEXT NOT NULL,
          reason TEXT,
          PRIMARY KEY (payment_id, seq)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE catalog (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          fetched_at INTEGER NOT NULL,
          body TEXT NOT NULL
        ) STRICT;

        -- What is final stays final; what was sent stays as it was sent.
        CREATE TRIGGER payments_final_stays_final BEFORE UPDATE OF state ON payments
        WHEN OLD.state IN ('success', 'failed', 'abandoned') AND NEW.state IS NOT OLD.state
        BEGIN SELECT RAISE(ABORT, 'journal: a final payment cannot change state'); END;

        CREATE TRIGGER payments_review_is_decided BEFORE UPDATE OF state ON payments
        WHEN OLD.state = 'review' AND NEW.state NOT IN ('review', 'success', 'failed')
        BEGIN SELECT RAISE(ABORT, 'journal: a payment under review ends success or failed'); END;

        CREATE TRIGGER payments_body_fixed BEFORE UPDATE OF pay_body ON payments
        WHEN OLD.pay_body IS NOT NULL AND NEW.pay_body IS NOT OLD.pay_body
        BEGIN SELECT RAISE(ABORT, 'journal: the pay body of a payment never changes'); END;

        CREATE TRIGGER payments_identity_fixed BEFORE UPDATE OF agent_transaction_id, service_id, account, amount_to, amount_from ON payments
        WHEN OLD.state <> 'draft'
        BEGIN SELECT RAISE(ABORT, 'journal: an accepted payment keeps its id, service, account and amounts'); END;

        CREATE TRIGGER payments_never_deleted BEFORE DELETE ON payments
        BEGIN SELECT RAISE(ABORT, 'journal: payments are never deleted'); END;

        CREATE TRIGGER attempts_written_once BEFORE UPDATE ON attempts
        WHEN OLD.finished_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'journal: a finished attempt is history'); END;

        CREATE TRIGGER attempts_never_deleted BEFORE DELETE ON attempts
        BEGIN SELECT RAISE(ABORT, 'journal: attempts are never deleted'); END;

        CREATE TRIGGER events_append_only_u BEFORE UPDATE ON payment_events
        BEGIN SELECT RAISE(ABORT, 'journal: events are append-only'); END;

        CREATE TRIGGER events_append_only_d BEFORE DELETE ON payment_events
        BEGIN SELECT RAISE(ABORT, 'journal: events are append-only'); END;
      `);
    },
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
    version: 6,
    name: 'cash a cashier received for a payment or payout (receipts say it and the change); why cash was handed to the attendant, and for which payment',
    up: (db) => {
      db.exec(`
        ALTER TABLE payments ADD COLUMN cash_received INTEGER CHECK (cash_received IS NULL OR cash_received > 0);
        ALTER TABLE payouts ADD COLUMN cash_received INTEGER CHECK (cash_received IS NULL OR cash_received > 0);
        CREATE TRIGGER payments_cash_received_once BEFORE UPDATE OF cash_received ON payments
        WHEN OLD.cash_received IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'journal: the cash received is written once'); END;
        CREATE TRIGGER payouts_cash_received_once BEFORE UPDATE OF cash_received ON payouts
        WHEN OLD.cash_received IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'journal: the cash received is written once'); END;

        CREATE TABLE cash_releases (
          session_id TEXT PRIMARY KEY REFERENCES cash_sessions (id),
          at INTEGER NOT NULL,
          reason TEXT NOT NULL CHECK (reason IN ('cancelled', 'walked-away', 'refused')),
          payment_id INTEGER REFERENCES payments (id)
        ) STRICT;
        CREATE TRIGGER cash_releases_append_only_u BEFORE UPDATE ON cash_releases
        BEGIN SELECT RAISE(ABORT, 'journal: cash releases are append-only'); END;
        CREATE TRIGGER cash_releases_append_only_d BEFORE DELETE ON cash_releases
        BEGIN SELECT RAISE(ABORT, 'journal: cash releases are append-only'); END;
      `);
    },
  },
  {
    version: 7,
    name: 'whether a request surely never reached processing is a column of its attempt, not words in its error',
    up: (db) => {
      db.exec(`
        ALTER TABLE attempts ADD COLUMN delivered INTEGER NOT NULL DEFAULT 1 CHECK (delivered IN (0, 1));
        -- What the words said until now ("refused: …" was the only request known never to have left).
        DROP TRIGGER attempts_written_once;
        UPDATE attempts SET delivered = 0 WHERE outcome = 'transport' AND error LIKE 'refused%';
        CREATE TRIGGER attempts_written_once BEFORE UPDATE ON attempts
        WHEN OLD.finished_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'journal: a finished attempt is history'); END;
      `);
    },
  },
];

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export class JournalVersionError extends Error {
  override name = 'JournalVersionError';
}

/** Applies every pending migration in one transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const versions = migrations.map((m) => m.version);
  versions.forEach((v, i) => {
    if (v !== i + 1) throw new Error(`migrations must be numbered 1, 2, 3...; found ${v} at position ${i + 1}`);
  });
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new JournalVersionError(
      `the journal is at version ${current}, newer than this Tolem (which knows up to ${latest}); install the newer Tolem or restore its backup`,
    );
  }
  if (current === latest) return current;
  db.transaction(() => {
    for (const m of migrations.slice(current)) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return latest;
}
