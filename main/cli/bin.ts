#!/usr/bin/env node
import { readSecretFromStdin, type Io } from './io.js';

// A reader that goes away (`tolem pay … | head -c 10`) never changes what the command did or its exit
// code: writes to a closed pipe are dropped, not thrown.
let outClosed = false;
let errClosed = false;
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') outClosed = true;
});
process.stderr.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') errClosed = true;
});
const write = (stream: NodeJS.WriteStream, closed: () => boolean, text: string) => {
  if (closed()) return;
  try {
    stream.write(`${text}\n`);
  } catch {
    // The reader is gone.
  }
};
const io: Io = {
  out: (text) => write(process.stdout, () => outClosed, text),
  err: (text) => write(process.stderr, () => errClosed, text),
  env: process.env,
  readSecret: readSecretFromStdin,
};
const args = process.argv.slice(2);
// `start` loads only what serves the screens first; every other command loads the whole CLI.
process.exitCode = args[0] === 'start' ? await (await import('./start.js')).startCommand(args.slice(1), io) : await (await import('./cli.js')).runCli(args, io);
