/** What every command of the CLI shares: where it writes, its exit codes, how a long-running command ends. */
export const EXIT = { ok: 0, notPaid: 1, badInput: 2, pending: 3, review: 4, internal: 5 } as const;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /**
   * A secret (a card number) from standard input: on a terminal a prompt with echo off, else the
   * first line piped in. Never from the command line, which every local user can read (`ps`).
   */
  readSecret?: (prompt: string) => Promise<string>;
}

/** Reads a secret from this process's standard input: echo off on a terminal, else the first line. */
export function readSecretFromStdin(prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let text = '';
    const tty = stdin.isTTY === true;
    if (tty) {
      // Echo off before the prompt: what is typed (or pasted) the moment the prompt shows is never echoed.
      stdin.setRawMode(true);
      process.stderr.write(prompt);
    }
    stdin.setEncoding('utf8');
    const done = (value: string | Error) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      if (tty) {
        stdin.setRawMode(false);
        process.stderr.write('\n');
      }
      stdin.pause();
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\r' || ch === '\n') return done(text);
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
        // A card number is at most 19 digits with spaces: nothing sane is longer.
        if (text.length > 64) return done(new Error('the input is too long for a card number'));
      }
    };
    const onEnd = () => done(text);
    const onError = (err: Error) => done(err);
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', onError);
    stdin.resume();
  });
}

/** Until Ctrl+C or SIGTERM: how the long-running commands (start, sandbox, virtual printer) end. */
export function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
