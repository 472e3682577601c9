/**
 * Salvage of a damaged journal: every row that can still be read is copied into a new journal
 * (same schema, triggers off while copying), which then takes the damaged file's place; the damaged
 * file is kept beside it. Pending payments come back with their committed pay bodies, so the worker
 * delivers them (processing answers a repeated agentTransactionId with the earlier result).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { markerFileOf, openJournalDatabase } from './database.js';
import { writeDurably } from '../base/high-water.js';
import { forgetIdReservation } from './backups.js';

export class SalvageError extends Error {
  override name = 'SalvageError';
}

/**
 * Every table of the journal's schema (as the new journal has it, so a table added by a later
 * migration is carried without anyone listing it), with the key a damaged scan resumes after: the
 * rowid, or the primary key of a table without one.
 */
function schemaTables(db: Database.Database): { name: string; key: string[]; rowid: boolean }[] {
  const tables = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").all();
  return tables.map((t) => {
    const withoutRowid = /\)\s*WITHOUT\s+ROWID\s*$/i.test(t.sql);
    if (!withoutRowid) return { name: t.name, key: ['rowid'], rowid: true };
    const pk = db.prepare<[], { name: string; pk: number }>(`SELECT name, pk FROM pragma_table_info('${t.name.replace(/'/g, "''")}') WHERE pk > 0 ORDER BY pk`).all();
    return { name: t.name, key: pk.map((c) => c.name), rowid: false };
  });
}

export interface SalvageReport {
  salvaged: string;
  damagedKeptAs: string;
  rows: Record<string, number>;
  unreadable: Record<string, number>;
}

/** Reads every row of `table` it can: a scan that hits a damaged page resumes past it. */
function readRows(src: Database.Database, table: string, key: string[]): { rows: Record<string, unknown>[]; unreadable: number } {
  const rows: Record<string, unknown>[] = [];
  let unreadable = 0;
  const cols = key.join(', ');
  const single = key.length === 1;
  let after: unknown[] | null = null;
  for (let tries = 0; tries < 10_000; tries += 1) {
    const where: string = after === null ? '' : single ? `WHERE ${key[0]} > ?` : `WHERE (${cols}) > (${key.map(() => '?').join(', ')})`;
    try {
      const stmt: Database.Statement<unknown[], Record<string, unknown>> = src.prepare(`SELECT ${key.includes('rowid') ? 'rowid AS "rowid", ' : ''}* FROM "${table}" ${where} ORDER BY ${cols}`);
      for (const row of stmt.iterate(...(after ?? []))) {
        rows.push(row);
        after = key.map((k) => row[k]);
      }
      return { rows, unreadable };
    } catch {
      unreadable += 1;
      // Skip past the damage: the next key (a rowid or id) after the last one read.
      if (after === null) after = key.map(() => 0);
      const last: unknown = after[after.length - 1];
      const first: unknown = after[0];
      if (typeof last === 'number') after = [...after.slice(0, -1), last + 1];
      else if (single) return { rows, unreadable };
      else after = [typeof first === 'number' ? first + 1 : first, 0];
    }
  }
  return { rows, unreadable };
}

export function salvageJournal(journalFile: string, now: number = Date.now()): SalvageReport {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').slice(0, 15);
  const salvaged = `${journalFile}.salvaged-${stamp}`;
  let src: Database.Database;
  let srcTables: Set<string>;
  try {
    src = new Database(journalFile, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new SalvageError(`nothing can be read from ${journalFile} (${err instanceof Error ? err.message : String(err)}): restore a backup with "tolem journal restore --from FILE"; nothing was changed`);
  }
  try {
    srcTables = new Set(src.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name));
  } catch (err) {
    src.close();
    throw new SalvageError(`nothing can be read from ${journalFile} (${err instanceof Error ? err.message : String(err)}): restore a backup with "tolem journal restore --from FILE"; nothing was changed`);
  }
  const report: SalvageReport = { salvaged, damagedKeptAs: `${journalFile}.damaged-${stamp}`, rows: {}, unreadable: {} };
  const removeSalvaged = () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${salvaged}${suffix}`, { force: true });
  };
  let dst: Database.Database | null = null;
  try {
    dst = openJournalDatabase(salvaged);
    dst.pragma('foreign_keys = OFF');
    const triggers = dst.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all();
    const tables = schemaTables(dst);
    const d = dst;
    d.transaction(() => {
      for (const t of triggers) d.exec(`DROP TRIGGER "${t.name}"`);
      for (const { name, key, rowid } of tables) {
        report.rows[name] = 0;
        if (!srcTables.has(name)) continue;
        const { rows, unreadable } = readRows(src, name, key);
        const columns = (d.prepare(`SELECT name FROM pragma_table_info('${name.replace(/'/g, "''")}')`).all() as { name: string }[]).map((c) => c.name);
        const insert = new Map<string, Database.Statement>();
        let copied = 0;
        for (const row of rows) {
          const present = [...(rowid ? ['rowid'] : []), ...columns.filter((c) => c in row && c !== 'rowid')];
          const sig = present.join(',');
          let stmt = insert.get(sig);
          if (!stmt) {
            stmt = d.prepare(`INSERT OR IGNORE INTO "${name}" (${present.map((c) => `"${c}"`).join(', ')}) VALUES (${present.map(() => '?').join(', ')})`);
            insert.set(sig, stmt);
          }
          try {
            if (stmt.run(...present.map((c) => row[c] as never)).changes === 1) copied += 1;
            else report.unreadable[name] = (report.unreadable[name] ?? 0) + 1;
          } catch {
            // A row that no longer fits the schema (damaged values): left out, counted.
            report.unreadable[name] = (report.unreadable[name] ?? 0) + 1;
          }
        }
        report.rows[name] = copied;
        if (unreadable) report.unreadable[name] = (report.unreadable[name] ?? 0) + unreadable;
      }
      for (const t of triggers) d.exec(t.sql);
    })();
    dst.pragma('foreign_keys = ON');
  } catch (err) {
    src.close();
    dst?.close();
    dst = null;
    removeSalvaged();
    if (err instanceof SalvageError) throw err;
    throw new SalvageError(`the salvage of ${journalFile} failed (${err instanceof Error ? err.message : String(err)}): nothing was changed`);
  } finally {
    if (dst) {
      src.close();
      dst.close();
    }
  }
  const copiedAny = Object.values(report.rows).some((n) => n > 0);
  if (!copiedAny) {
    removeSalvaged();
    throw new SalvageError(`nothing could be read from ${journalFile}: restore a backup with "tolem journal restore --from FILE"; nothing was changed`);
  }
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(`${journalFile}${suffix}`)) fs.renameSync(`${journalFile}${suffix}`, `${report.damagedKeptAs}${suffix}`);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${salvaged}${suffix}`, { force: true });
  forgetIdReservation(salvaged);
  fs.renameSync(salvaged, journalFile);
  writeDurably(markerFileOf(journalFile), `${JSON.stringify({ journal: journalFile, createdAt: new Date(now).toISOString(), salvagedFrom: report.damagedKeptAs })}\n`);
  return { ...report, salvaged: journalFile };
}
