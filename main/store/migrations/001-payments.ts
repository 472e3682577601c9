import type { Migration } from './migration.js';

export const m001: Migration = {
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
};
