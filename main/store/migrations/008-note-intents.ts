import type { Migration } from './migration.js';

/**
 * A real note acceptor: the intent to stack a note is journaled before STACK is sent, and its outcome
 * once (stacked and credited, returned, or not known after the device lost power); a credited note
 * names its intent, once. The device's faults and the notes it reported are kept beside them.
 */
export const m008: Migration = {
  version: 8,
  name: 'note intents journaled before a real acceptor stacks, their one outcome, and the device events',
  up: (db) => {
    db.exec(`
      CREATE TABLE cash_intents (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES cash_sessions (id),
        amount INTEGER NOT NULL CHECK (amount > 0),
        device TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE cash_intent_outcomes (
        intent_id INTEGER PRIMARY KEY REFERENCES cash_intents (id),
        outcome TEXT NOT NULL CHECK (outcome IN ('stacked', 'returned', 'unknown')),
        at INTEGER NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE TRIGGER cash_intents_append_only_u BEFORE UPDATE ON cash_intents
      BEGIN SELECT RAISE(ABORT, 'journal: note intents are append-only'); END;
      CREATE TRIGGER cash_intents_append_only_d BEFORE DELETE ON cash_intents
      BEGIN SELECT RAISE(ABORT, 'journal: note intents are append-only'); END;
      CREATE TRIGGER cash_intent_outcomes_append_only_u BEFORE UPDATE ON cash_intent_outcomes
      BEGIN SELECT RAISE(ABORT, 'journal: a note intent has one outcome'); END;
      CREATE TRIGGER cash_intent_outcomes_append_only_d BEFORE DELETE ON cash_intent_outcomes
      BEGIN SELECT RAISE(ABORT, 'journal: a note intent has one outcome'); END;

      ALTER TABLE cash_notes ADD COLUMN intent_id INTEGER REFERENCES cash_intents (id);
      CREATE UNIQUE INDEX cash_notes_one_per_intent ON cash_notes (intent_id) WHERE intent_id IS NOT NULL;

      CREATE TABLE device_events (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        device TEXT NOT NULL,
        kind TEXT NOT NULL,
        amount INTEGER,
        detail TEXT
      ) STRICT;
      CREATE INDEX device_events_at ON device_events (at);
      CREATE TRIGGER device_events_append_only_u BEFORE UPDATE ON device_events
      BEGIN SELECT RAISE(ABORT, 'journal: device events are append-only'); END;
      CREATE TRIGGER device_events_append_only_d BEFORE DELETE ON device_events
      BEGIN SELECT RAISE(ABORT, 'journal: device events are append-only'); END;
    `);
  },
};
