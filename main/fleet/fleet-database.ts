/**
 * The fleet's database: the one given (`--database postgres://…`, any PostgreSQL 12+), or the embedded
 * cluster kept in the fleet's directory (started when it is not running yet).
 */
import os from 'node:os';
import path from 'node:path';
import { startCluster, type RunningCluster } from './postgres-cluster.js';
import { FleetStore } from './fleet-store.js';

export interface FleetDatabaseOptions {
  database?: string | null;
  /** The fleet's directory: the embedded cluster and its password file. */
  dir: string;
  /** The embedded cluster's port on 127.0.0.1. */
  pgPort?: number;
  binDir?: string;
  onLog?: (line: string) => void;
}

export interface FleetDatabase {
  store: FleetStore;
  /** Where it is, without its password (for a person to read). */
  where: string;
  close(): Promise<void>;
}

export const DEFAULT_PG_PORT = 54329;

export function defaultFleetDir(env: NodeJS.ProcessEnv): string {
  if (env.TOLEM_FLEET_DIR) return path.resolve(env.TOLEM_FLEET_DIR);
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'tolem-fleet');
}

export async function openFleetDatabase(o: FleetDatabaseOptions): Promise<FleetDatabase> {
  let cluster: RunningCluster | null = null;
  let url = o.database ?? null;
  if (!url) {
    cluster = await startCluster({ dir: path.join(o.dir, 'postgres'), port: o.pgPort ?? DEFAULT_PG_PORT, binDir: o.binDir, onLog: o.onLog });
    url = cluster.url;
  }
  try {
    const store = await FleetStore.open(url);
    const u = new URL(url);
    return {
      store,
      where: cluster ? `the embedded PostgreSQL in ${path.join(o.dir, 'postgres')} (127.0.0.1:${cluster.port})` : `${u.protocol}//${u.host}${u.pathname}`,
      async close() {
        await store.close();
        await cluster?.stop();
      },
    };
  } catch (err) {
    await cluster?.stop();
    throw err;
  }
}
