/**
 * A terminal wired to an in-process sandbox over real HTTP on loopback, with its own data
 * directory: what the integration tests drive.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type TolemConfig } from '../../main/config/config.js';
import { createLogger } from '../../main/base/log.js';
import { SANDBOX_TOKEN, startSandbox, type RunningSandbox, type SandboxOptions } from '../../dev/sandbox/server.js';
import { openTerminal, type Terminal } from '../../main/app/terminal.js';

export function tempDir(prefix = 'tolem-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Harness {
  dir: string;
  sandbox: RunningSandbox;
  terminal: Terminal;
  config: TolemConfig;
  /** Every request the sandbox received, in order. */
  requests: { method: string; body: string }[];
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export function harnessEnv(dir: string, url: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    TOLEM_DATA_DIR: dir,
    TOLEM_PROCESSING_URL: url,
    TOLEM_PROCESSING_TOKEN: SANDBOX_TOKEN,
    TOLEM_TERMINAL_ID: '7',
    TOLEM_RETRY_INITIAL_MS: '20',
    TOLEM_RETRY_MAX_MS: '200',
    TOLEM_REQUEST_TIMEOUT_MS: '600',
    ...extra,
  };
}

export async function startHarness(opts: { sandbox?: SandboxOptions; env?: NodeJS.ProcessEnv; configFile?: Record<string, unknown> } = {}): Promise<Harness> {
  const dir = tempDir();
  if (opts.configFile) fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(opts.configFile));
  const requests: { method: string; body: string }[] = [];
  const sandbox = await startSandbox({ ...opts.sandbox, onRequest: (method, body) => requests.push({ method, body }) });
  const env = harnessEnv(dir, sandbox.url, opts.env);
  const config = loadConfig(env);
  const terminal = await openTerminal(config, { log: createLogger({ level: 'error', stderr: false }) });
  return {
    dir, sandbox, terminal, config, requests, env,
    async close() {
      await terminal.close();
      await sandbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
