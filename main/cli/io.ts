/** What every command of the CLI shares: where it writes, its exit codes, how a long-running command ends. */
export const EXIT = { ok: 0, notPaid: 1, badInput: 2, pending: 3, review: 4, internal: 5 } as const;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Until Ctrl+C or SIGTERM: how the long-running commands (start, sandbox, virtual printer) end. */
export function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
