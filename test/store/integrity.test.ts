/**
 * A damaged, emptied or missing journal is noticed and never silently replaced; what can be read is
 * salvaged; backups are taken online and restore works; opening errors are one line with exit 2.
 */
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../dev/sandbox/server.js';
import { runTolem } from '../helpers/cli.js';
import { loadConfig } from '../../main/config/config.js';
import { openTerminal } from '../../main/app/terminal.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({});
});
afterAll(async () => {
  await sandbox.close();
});

async function journalWithPayments(extra: NodeJS.ProcessEnv = {}): Promise<{ dir: string; env: NodeJS.ProcessEnv; journal: string }> {
  const dir = tempDir();
  const env = { ...process.env, ...harnessEnv(dir, sandbox.url), ...extra };
  // Paid in this process (what is under test is the journal they leave, not the CLI that paid them).
  const terminal = await openTerminal(loadConfig(env));
  try {
    for (let i = 0; i < 30; i += 1) {
      const p = await terminal.engine.pay({ serviceId: 'P1011', account: `77712300${String(i).padStart(2, '0')}`, fields: {}, amountTo: 100_00 }, 5_000);
      expect(p.state).toBe('success');
    }
  } finally {
    await terminal.close();
  }
  return { dir, env, journal: path.join(dir, 'journal.sqlite') };
}

/** Random bytes over a page in the middle of the file: what a failing disk does. */
function damage(file: string): void {
  // Fold the WAL in first so the damage lands in the database file itself. The page damaged holds the
  // oldest payments (the schema's own pages are spread over the file as migrations add to it, and a
  // disk that loses the schema leaves nothing to salvage: that is a backup's case, tested below).
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const leaves = db.prepare<[], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = 'payments' AND pagetype = 'leaf' ORDER BY path").all();
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  expect(leaves.length, 'the payments span more than one page, so one can be lost and the rest kept').toBeGreaterThan(1);
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, crypto.randomBytes(pageSize), 0, pageSize, (leaves[0]!.pageno - 1) * pageSize);
  fs.closeSync(fd);
}

const oneLine = (text: string) => text.trim().split('\n').length === 1;

describe('a damaged journal', () => {
  it('is refused with one line and the way out (exit 2, no stack); verify names the damage; salvage brings the pending payment back and it is delivered', async () => {
    const { env, journal, dir } = await journalWithPayments();
    // One payment still waiting to be sent when the disk failed.
    expect((await runTolem(['pay', '--service', 'P1011', '--account', '7771239606', '--amount', '100.00', '--wait', '0'], { ...env, TOLEM_REQUEST_TIMEOUT_MS: '300' })).code).toBe(3);
    damage(journal);
    const pay = await runTolem(['pay', '--service', 'P1011', '--account', '7771234567', '--amount', '100.00'], env);
    expect(pay.code).toBe(2);
    expect(oneLine(pay.stderr)).toBe(true);
    expect(pay.stderr).toMatch(/journal .*journal\.sqlite is damaged.*tolem journal verify.*salvage.*restore/);
    expect(pay.stderr).not.toMatch(/\n\s+at /);
    const start = await runTolem(['start', '--browser', '--no-open'], env, { killAfterMs: 20_000 });
    expect(start.code).toBe(2);
    expect(start.stderr).toMatch(/is damaged/);
    const verify = await runTolem(['journal', 'verify'], env);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/is damaged/);
    const salvage = await runTolem(['journal', 'salvage', '--json'], env);
    expect(salvage.code).toBe(0);
    const report = JSON.parse(salvage.stdout) as { rows: Record<string, number>; damagedKeptAs: string };
    expect(fs.existsSync(report.damagedKeptAs)).toBe(true);
    expect(report.rows.payments).toBeGreaterThan(0);
    expect((await runTolem(['journal', 'verify'], env)).code).toBe(0);
    const queue = await runTolem(['queue', '--json'], env);
    expect(JSON.parse(queue.stdout).payments.map((p: { account: string }) => p.account)).toContain('7771239606');
    expect(fs.readdirSync(dir).some((f) => f.startsWith('journal.sqlite.damaged-'))).toBe(true);
  });

  it('a journal that existed and is now empty (0 bytes) or missing is refused, never replaced by a new one', async () => {
    const { env, journal } = await journalWithPayments();
    fs.rmSync(`${journal}-wal`, { force: true });
    fs.rmSync(`${journal}-shm`, { force: true });
    fs.writeFileSync(journal, '');
    const empty = await runTolem(['pay', '--service', 'P1011', '--account', '7771234567', '--amount', '100.00'], env);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/existed .* and is empty \(0 bytes\).*tolem journal restore/);
    expect(fs.statSync(journal).size).toBe(0);
    fs.rmSync(journal);
    const missing = await runTolem(['queue'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/existed .* and is missing/);
    expect(fs.existsSync(journal)).toBe(false);
  });
});

describe('backups', () => {
  it('an online backup on demand lands in the backup directory with the id high-water mark; restore puts it back and the sequence continues', async () => {
    const backups = tempDir('tolem-backups-');
    const { env, journal } = await journalWithPayments({ TOLEM_BACKUP_DIR: backups });
    const b = await runTolem(['journal', 'backup', '--json'], env);
    expect(b.code).toBe(0);
    const file = (JSON.parse(b.stdout) as { backup: string }).backup;
    expect(path.dirname(file)).toBe(backups);
    // The id high-water mark is kept beside the backups too (a re-install keeps it if the backups survive).
    expect(fs.existsSync(path.join(backups, 'ids-highwater.json'))).toBe(true);
    fs.rmSync(journal);
    for (const s of ['-wal', '-shm']) fs.rmSync(`${journal}${s}`, { force: true });
    const restore = await runTolem(['journal', 'restore', '--from', file], env);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/Payments taken after that backup are not in it/);
    const list = await runTolem(['journal', '--json'], env);
    expect(JSON.parse(list.stdout).payments).toHaveLength(30);
    // The restored journal continues its sequence: a new payment gets a higher id than any before.
    const next = await runTolem(['pay', '--service', 'P1011', '--account', '7771234599', '--amount', '100.00', '--json'], env);
    const before = JSON.parse(list.stdout).payments.map((p: { agentTransactionId: string }) => BigInt(p.agentTransactionId));
    expect(BigInt(JSON.parse(next.stdout).agentTransactionId) > before.reduce((a: bigint, x: bigint) => (x > a ? x : a), 0n)).toBe(true);
  });

  it('restore refuses a file that is not a sound journal', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.sqlite');
    fs.writeFileSync(bad, crypto.randomBytes(8192));
    const r = await runTolem(['journal', 'restore', '--from', bad], { ...process.env, ...harnessEnv(dir, sandbox.url) });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/not a sound journal/);
  });
});

describe('opening errors are one line with exit 2 (item 16)', () => {
  it('a file that is not a database', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'journal.sqlite'), crypto.randomBytes(16_384));
    const r = await runTolem(['queue'], { ...process.env, ...harnessEnv(dir, sandbox.url) });
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/journal\.sqlite is damaged/);
  });

  it('a read-only data directory and a full disk', async (ctx) => {
    const mount = tempDir('tolem-ro-');
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount]).status !== 0) {
      ctx.skip(); // needs root (CI runs as root)
      return;
    }
    try {
      const env = { ...process.env, ...harnessEnv(path.join(mount, 'data'), sandbox.url) };
      // Full: the disk has no room for a new journal.
      fs.writeFileSync(path.join(mount, 'filler'), Buffer.alloc(0));
      const fd = fs.openSync(path.join(mount, 'filler'), 'a');
      try {
        for (;;) fs.writeSync(fd, Buffer.alloc(4096));
      } catch {
        // full
      }
      fs.closeSync(fd);
      const full = await runTolem(['queue'], env);
      expect(full.code).toBe(2);
      expect(oneLine(full.stderr)).toBe(true);
      expect(full.stderr).toMatch(/full|cannot open/);
      fs.rmSync(path.join(mount, 'filler'));
      expect((await runTolem(['queue'], env)).code).toBe(0);
      expect(spawnSync('mount', ['-o', 'remount,ro', mount]).status).toBe(0);
      const ro = await runTolem(['pay', '--service', 'P1011', '--account', '7771234567', '--amount', '100.00'], env);
      expect(ro.code).toBe(2);
      expect(oneLine(ro.stderr)).toBe(true);
      expect(ro.stderr).toMatch(/cannot be written|read-only/);
    } finally {
      spawnSync('umount', ['-l', mount]);
    }
  });
});
