/**
 * `tolem journal verify|backup|salvage|restore`: what an attendant or support runs when the journal
 * is damaged or lost. None of these opens the terminal (a damaged journal cannot be opened by it).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadConfig } from '../../config/config.js';
import path from 'node:path';
import { backupJournal, listBackups, RestoreError, restoreJournal, verifyJournalFile } from '../../store/backups.js';
import { DataDirBusyError, withDataDirAlone } from '../../store/data-dir-lock.js';
import { SalvageError, salvageJournal } from '../../store/salvage.js';
import { EXIT, type Io } from '../io.js';

export const JOURNAL_TOOLS: ReadonlySet<string> = new Set(['verify', 'backup', 'salvage', 'restore']);

export async function journalToolCommand(action: string, args: string[], io: Io, json: boolean): Promise<number> {
  try {
    return await journalTool(action, args, io, json);
  } catch (err) {
    // What went wrong, in one line, with what to do: never a raw SqliteError.
    if (err instanceof SalvageError || err instanceof RestoreError || err instanceof DataDirBusyError) {
      io.err(`tolem: ${err.message}`);
      return EXIT.badInput;
    }
    if (err instanceof Error && (err.name === 'SqliteError' || 'code' in err)) {
      io.err(`tolem: journal ${action} failed: ${err.message}`);
      return EXIT.badInput;
    }
    throw err;
  }
}

async function journalTool(action: string, args: string[], io: Io, json: boolean): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, from: { type: 'string' } }, strict: true, allowPositionals: false });
  const config = loadConfig(io.env);
  const file = config.journalFile;
  const say = (value: Record<string, unknown>, line: string) => io.out(json ? JSON.stringify(value, null, 2) : line);
  switch (action) {
    case 'verify': {
      if (!fs.existsSync(file)) {
        say({ journal: file, ok: false, problems: ['missing'] }, `${file}: no journal here`);
        return EXIT.notPaid;
      }
      const problems = verifyJournalFile(file);
      const ok = problems.length === 1 && problems[0] === 'ok';
      const backups = listBackups(config.backup.dir);
      say(
        { journal: file, ok, problems: ok ? [] : problems, backups: backups.map((b) => b.file) },
        ok
          ? `${file}: ok (integrity_check); ${backups.length} backup(s) in ${config.backup.dir}`
          : `${file} is damaged:\n${problems.map((p) => `  ${p}`).join('\n')}\nNext: "tolem journal salvage" (copies what can be read into a new journal), or "tolem journal restore --from ${backups[0]?.file ?? 'BACKUP'}"`,
      );
      return ok ? EXIT.ok : EXIT.notPaid;
    }
    case 'backup': {
      const db = new Database(file, { fileMustExist: true });
      try {
        const b = await backupJournal(db, config.backup.dir, config.backup.keep);
        say({ backup: b.file, bytes: b.bytes }, `journal backed up to ${b.file} (${b.bytes} bytes)`);
      } finally {
        db.close();
      }
      return EXIT.ok;
    }
    case 'salvage': {
      const r = withDataDirAlone(config.dataDir, 'salvaging the journal', () => salvageJournal(file));
      const lost = Object.entries(r.unreadable).filter(([, n]) => n > 0);
      say(
        { journal: r.salvaged, damagedKeptAs: r.damagedKeptAs, rows: r.rows, unreadable: r.unreadable },
        `salvaged into ${r.salvaged} (the damaged file is kept as ${r.damagedKeptAs}): ${Object.entries(r.rows).map(([t, n]) => `${t} ${n}`).join(', ')}${lost.length ? `; unreadable: ${lost.map(([t, n]) => `${t} ${n}`).join(', ')}` : ''}. Start the terminal: pending payments are delivered.`,
      );
      return EXIT.ok;
    }
    case 'restore': {
      const from = values.from;
      if (!from) {
        io.err(`tolem: restore needs --from BACKUP_FILE; backups in ${config.backup.dir}:\n${listBackups(config.backup.dir).map((b) => `  ${b.file}`).join('\n') || '  (none)'}`);
        return EXIT.badInput;
      }
      const r = withDataDirAlone(config.dataDir, 'restoring the journal', () => restoreJournal(file, path.resolve(from)));
      say(
        { journal: file, restoredFrom: from, walApplied: r.walApplied, replacedKeptAs: r.replaced },
        `restored ${file} from ${from}${r.walApplied ? ` and its -wal` : ''}${r.replaced ? ` (the journal it replaced is kept as ${r.replaced})` : ''}. Payments taken after that backup are not in it: reconcile them with processing by the numbers on their receipts.`,
      );
      return EXIT.ok;
    }
  }
  io.err(`tolem: unknown journal action "${action}"`);
  return EXIT.badInput;
}
