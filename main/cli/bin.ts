#!/usr/bin/env node
import type { Io } from './io.js';

const io: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
};
const args = process.argv.slice(2);
// `start` loads only what serves the screens first; every other command loads the whole CLI.
process.exitCode = args[0] === 'start' ? await (await import('./start.js')).startCommand(args.slice(1), io) : await (await import('./cli.js')).runCli(args, io);
