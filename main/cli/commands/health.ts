/** `tolem health`: how the terminal stands, each thing that can need a person; exit 4 when one does. */
import { terminalHealth } from '../../app/health.js';
import { parse } from '../args.js';
import { EXIT } from '../io.js';
import { withTerminal, type Command } from '../command.js';

const MARK = { ok: 'ok    ', warn: 'WARN  ', person: 'PERSON' } as const;

export const healthCommand: Command = {
  name: 'health',
  usage: ['tolem health [--json]   processing, queue, review, printer, bill validator, cash, disk, journal, clock, shift; exit 4 when a person is needed'],
  run(args, io, json) {
    parse(args);
    return withTerminal(io, async (t) => {
      const h = await terminalHealth(t);
      if (json) io.out(JSON.stringify(h, null, 2));
      else {
        io.out(`Tolem terminal ${h.terminalId} (${h.mode}), version ${h.version}: ${h.ok ? 'nothing needs a person' : 'a person is needed'}`);
        for (const i of h.items) io.out(`  ${MARK[i.level]} ${i.key.padEnd(10)} ${i.detail}`);
      }
      return h.ok ? EXIT.ok : EXIT.review;
    });
  },
};
