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

/** Runs `fn` on a terminal opened from the environment's configuration, and closes it whatever happens. */
export async function withTerminal(io: Io, fn: (t: Terminal) => Promise<number>): Promise<number> {
  const { openTerminal } = await import('../app/terminal.js');
  const terminal = await openTerminal(loadConfig(io.env));
  try {
    return await fn(terminal);
  } finally {
    await terminal.close();
  }
}
