/**
 * A pair of pseudo-terminals joined by socat: a simulator opens one end, the terminal's driver the
 * other, and the bytes go through a real tty (termios, buffering, chunking) as they would on a cable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PtyPair {
  /** The simulator's end. */
  device: string;
  /** The end the terminal is configured with (`ccnet:PATH`). */
  host: string;
  close(): Promise<void>;
}

export async function openPtyPair(dir: string = fs.mkdtempSync(path.join(os.tmpdir(), 'tolem-pty-'))): Promise<PtyPair> {
  const device = path.join(dir, 'device');
  const host = path.join(dir, 'host');
  let child: ChildProcess;
  try {
    child = spawn('socat', [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${host}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    throw new Error(`socat is needed for a simulated device (apt-get install socat): ${err instanceof Error ? err.message : String(err)}`);
  }
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.on('error', () => resolve(-1));
  });
  // socat makes both links before it starts copying: wait for them (or for socat to fail).
  for (;;) {
    if (fs.existsSync(device) && fs.existsSync(host)) break;
    const done = await Promise.race([exited, new Promise<'wait'>((r) => setTimeout(() => r('wait'), 20))]);
    if (done !== 'wait') throw new Error(`socat could not make a pty pair (is it installed? apt-get install socat): ${stderr.trim()}`);
  }
  return {
    device,
    host,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
