import type { Migration } from './migration.js';

export const m007: Migration = {
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
};
