/**
 * Numbered journal migrations. Versions only increase; `PRAGMA user_version` holds the last one
 * applied; all pending steps run in one transaction; a journal newer than this program is refused.
 * One file per version in migrations/ (NNN-name.ts), never edited once released.
 * Columns are never removed (test/store/schema-guard.test.ts fails the build if one is).
 */
import type Database from 'better-sqlite3';
import { m001 } from './migrations/001-payments.js';
import { m002 } from './migrations/002-receipts.js';
import { m003 } from './migrations/003-cash.js';
import { m004 } from './migrations/004-bounded-answers.js';
import { m005 } from './migrations/005-payouts.js';
import { m006 } from './migrations/006-cash-received.js';
import { m007 } from './migrations/007-attempt-delivered.js';
import { m008 } from './migrations/008-note-intents.js';
import { m009 } from './migrations/009-shifts-encashments.js';
import { m010 } from './migrations/010-fleet-outbox.js';
import type { Migration } from './migrations/migration.js';

export type { Migration } from './migrations/migration.js';

/** Every version, in order. */
export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010];

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
