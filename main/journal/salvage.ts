/**
 * Salvage of a damaged journal: every row that can still be read is copied into a new journal
 * (same schema, triggers off while copying), which then takes the damaged file's place; the damaged
 * file is kept beside it. Pending payments come back with their committed pay bodies, so the worker
 * delivers them (processing answers a repeated agentTransactionId with the earlier result).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { markerFileOf, openJournalDatabase } from './database.js';
import { writeDurably } from '../ids/high-water.js';
import { forgetIdReservation } from './backups.js';

/** Tables in the order their rows depend on each other, with the key a damaged scan resumes after. */
const TABLES: { name: string; key: string[] }[] = [
  { name: 'meta', key: ['key'] },
  { name: 'catalog', key: ['id'] },
  { name: 'payments', key: ['id'] },
  { name: 'attempts', key: ['id'] },
  { name: 'payment_events', key: ['payment_id', 'seq'] },
  { name: 'receipts', key: ['id'] },
  { name: 'cash_sessions', key: ['rowid'] },
  { name: 'cash_notes', key: ['id'] },
  { name: 'cash_settlements', key: ['rowid'] },
  { name: 'security_events', key: ['id'] },
];

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
      const stmt: Database.Statement<unknown[], Record<string, unknown>> = src.prepare(`SELECT ${key.includes('rowid') ? 'rowid AS rowid, ' : ''}* FROM ${table} ${where} ORDER BY ${cols}`);
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
  const src = new Database(journalFile, { readonly: true, fileMustExist: true });
  const dst = openJournalDatabase(salvaged);
  const report: SalvageReport = { salvaged, damagedKeptAs: `${journalFile}.damaged-${stamp}`, rows: {}, unreadable: {} };
  try {
    dst.pragma('foreign_keys = OFF');
    const triggers = dst.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all();
    dst.transaction(() => {
      for (const t of triggers) dst.exec(`DROP TRIGGER ${t.name}`);
      for (const { name, key } of TABLES) {
        const have = src.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
        if (!have) continue;
        const { rows, unreadable } = readRows(src, name, key);
        const columns = (dst.prepare(`SELECT name FROM pragma_table_info('${name}')`).all() as { name: string }[]).map((c) => c.name);
        let copied = 0;
        for (const row of rows) {
          const present = columns.filter((c) => c in row);
          try {
            dst.prepare(`INSERT OR IGNORE INTO ${name} (${present.join(', ')}) VALUES (${present.map(() => '?').join(', ')})`).run(...present.map((c) => row[c] as never));
            copied += 1;
          } catch {
            // A row that no longer fits the schema (damaged values): left out, counted.
            report.unreadable[name] = (report.unreadable[name] ?? 0) + 1;
          }
        }
        report.rows[name] = copied;
        if (unreadable) report.unreadable[name] = (report.unreadable[name] ?? 0) + unreadable;
      }
      for (const t of triggers) dst.exec(t.sql);
    })();
    dst.pragma('foreign_keys = ON');
  } finally {
    src.close();
    dst.close();
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
