import type { Migration } from './migration.js';

export const m006: Migration = {
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
};
