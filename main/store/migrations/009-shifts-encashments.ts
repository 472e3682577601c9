import type { Migration } from './migration.js';

/**
 * Shifts (a payment point's cashier: opened with a name, closed by a Z report) and encashments (a
 * kiosk's cassette emptied: the notes up to a point are that period's). A payment or payout created
 * while a shift is open belongs to it, written by the database in the commit that creates it, so it
 * belongs to exactly one; at most one shift is open; a closed shift and an encashment never change
 * (an encashment's count, when the person counts later, is written once).
 */
export const m009: Migration = {
  version: 9,
  name: 'shifts with their Z reports, encashments with their periods, and the shift every payment and payout belongs to',
  up: (db) => {
    db.exec(`
      CREATE TABLE shifts (
        id INTEGER PRIMARY KEY,
        cashier TEXT NOT NULL CHECK (length(cashier) BETWEEN 1 AND 100),
        opened_at INTEGER NOT NULL,
        closed_at INTEGER,
        closed_by TEXT CHECK (closed_by IN ('cashier', 'auto')),
        z_report TEXT,
        counted INTEGER CHECK (counted IS NULL OR counted >= 0),
        CHECK ((closed_at IS NULL) = (z_report IS NULL) AND (closed_at IS NULL) = (closed_by IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX shifts_one_open ON shifts ((1)) WHERE closed_at IS NULL;
      CREATE TRIGGER shifts_closed_once BEFORE UPDATE ON shifts
      WHEN OLD.closed_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.opened_at IS NOT OLD.opened_at
      BEGIN SELECT RAISE(ABORT, 'journal: a shift is closed once, by its Z report'); END;
      CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts
      BEGIN SELECT RAISE(ABORT, 'journal: shifts are never deleted'); END;

      ALTER TABLE payments ADD COLUMN shift_id INTEGER REFERENCES shifts (id);
      ALTER TABLE payouts ADD COLUMN shift_id INTEGER REFERENCES shifts (id);
      CREATE INDEX payments_shift ON payments (shift_id) WHERE shift_id IS NOT NULL;
      CREATE INDEX payouts_shift ON payouts (shift_id) WHERE shift_id IS NOT NULL;
      CREATE TRIGGER payments_into_shift AFTER INSERT ON payments
      WHEN NEW.shift_id IS NULL AND EXISTS (SELECT 1 FROM shifts WHERE closed_at IS NULL)
      BEGIN UPDATE payments SET shift_id = (SELECT id FROM shifts WHERE closed_at IS NULL) WHERE id = NEW.id; END;
      CREATE TRIGGER payouts_into_shift AFTER INSERT ON payouts
      WHEN NEW.shift_id IS NULL AND EXISTS (SELECT 1 FROM shifts WHERE closed_at IS NULL)
      BEGIN UPDATE payouts SET shift_id = (SELECT id FROM shifts WHERE closed_at IS NULL) WHERE id = NEW.id; END;
      CREATE TRIGGER payments_shift_once BEFORE UPDATE OF shift_id ON payments
      WHEN OLD.shift_id IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'journal: a payment belongs to one shift'); END;
      CREATE TRIGGER payouts_shift_once BEFORE UPDATE OF shift_id ON payouts
      WHEN OLD.shift_id IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'journal: a payout belongs to one shift'); END;

      CREATE TABLE encashments (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        started_by TEXT NOT NULL CHECK (started_by IN ('menu', 'cassette-removed', 'cli')),
        last_note_id INTEGER NOT NULL,
        last_intent_id INTEGER NOT NULL,
        report TEXT NOT NULL,
        counted TEXT,
        counted_at INTEGER
      ) STRICT;
      CREATE TRIGGER encashments_counted_once BEFORE UPDATE ON encashments
      WHEN OLD.counted IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.last_note_id IS NOT OLD.last_note_id
        OR NEW.last_intent_id IS NOT OLD.last_intent_id OR NEW.started_by IS NOT OLD.started_by
      BEGIN SELECT RAISE(ABORT, 'journal: an encashment is written once (its count too)'); END;
      CREATE TRIGGER encashments_no_delete BEFORE DELETE ON encashments
      BEGIN SELECT RAISE(ABORT, 'journal: encashments are never deleted'); END;
    `);
  },
};
