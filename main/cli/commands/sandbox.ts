/** `tolem sandbox`: the built-in emulator of processing and the payouts module, on its own (for another terminal, or a test bench). */
import { startSandbox } from '../../../dev/sandbox/server.js';
import { parse, portNumber, str } from '../args.js';
import { EXIT, untilStopped } from '../io.js';
import type { Command } from '../command.js';

export const sandboxCommand: Command = {
  name: 'sandbox',
  usage: ['tolem sandbox [--port N] [--host 127.0.0.1] [--data FILE] [--token TOKEN]'],
  async run(args, io) {
    const values = parse(args, { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, token: { type: 'string' } });
    const sandbox = await startSandbox({ port: portNumber(values.port, '0'), host: str(values.host) ?? '127.0.0.1', dataFile: str(values.data) ?? null, token: str(values.token) ?? null });
    io.out(`Tolem sandbox listening on ${sandbox.url}`);
    io.out(`  processing:  ${sandbox.url}/api/v20/   (TOLEM_PROCESSING_URL=${sandbox.url}${str(values.token) ? ` TOLEM_PROCESSING_TOKEN=${str(values.token)}` : ''})`);
    io.out(`  payouts:     ${sandbox.url}/payouts/api/v2/`);
    io.out(`  state:       ${sandbox.url}/sandbox/state`);
    await untilStopped();
    await sandbox.close();
    return EXIT.ok;
  },
};
