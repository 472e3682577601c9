/** One command of the CLI: its name, its lines of `tolem help`, and what it does. */
import { loadConfig } from '../config/config.js';
import type { Terminal } from '../app/terminal.js';
import type { Io } from './io.js';

export interface Command {
  name: string;
  /** Its lines in `tolem help`, each starting "tolem <name>". */
  usage: string[];
  /** `args`: everything after the command's name (--sandbox taken out); `json`: --json was given. */
  run(args: string[], io: Io, json: boolean): Promise<number>;
}

/**
 * Runs `fn` on a terminal opened from the environment's configuration, and closes it whatever happens.
 * `acceptor`: the command drives the bill validator (pay --cash, device), so its port is opened.
 */
export async function withTerminal(io: Io, fn: (t: Terminal) => Promise<number>, opts: { acceptor?: boolean } = {}): Promise<number> {
  const { openTerminal } = await import('../app/terminal.js');
  const terminal = await openTerminal(loadConfig(io.env), { acceptor: opts.acceptor === true });
  try {
    return await fn(terminal);
  } finally {
    await terminal.close();
  }
}
