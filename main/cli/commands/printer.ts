/** `tolem printer`: a test page or the paper's state on a configured printer, or a virtual printer to print to. */
import path from 'node:path';
import { paperStatus } from '../../receipts/transport.js';
import { startVirtualPrinter } from '../../../dev/virtual-printer.js';
import { parse, portNumber, str, UsageError } from '../args.js';
import { EXIT, untilStopped, type Io } from '../io.js';
import { withTerminal, type Command } from '../command.js';

export const printerCommand: Command = {
  name: 'printer',
  usage: ['tolem printer test|status [--printer NAME]', 'tolem printer virtual [--port 9100] [--save DIR]'],
  run(args, io, json) {
    const [action, ...rest] = args;
    if (action === 'virtual') return virtualPrinter(rest, io);
    if (action !== 'test' && action !== 'status') throw new UsageError('tolem printer test|status|virtual');
    const v = parse(rest, { printer: { type: 'string' } });
    return withTerminal(io, async (t) => {
      const profile = t.receipts.profile(str(v.printer));
      if (!profile) throw new UsageError(str(v.printer) ? `no printer named "${str(v.printer)}"` : 'no receipt printer is configured (see docs/operating.md, "Receipts and printers")');
      if (action === 'status') {
        const status = await paperStatus(profile.interface, t.config.receipts.timeoutMs);
        io.out(json ? JSON.stringify({ printer: profile.name, interface: profile.interface, paper: status }) : `${profile.name} (${profile.interface}): paper ${status}`);
        return status === 'out' || status === 'unreachable' ? EXIT.notPaid : EXIT.ok;
      }
      const r = await t.receipts.printTestPage(profile.name);
      if (r.ok) {
        io.out(json ? JSON.stringify({ printer: profile.name, ok: true }) : `test page sent to ${profile.name}${t.virtualPrinter && profile.interface === t.virtualPrinter.url ? `: ${t.virtualPrinter.lastSaved.join(', ')}` : ''}`);
        return EXIT.ok;
      }
      io.out(json ? JSON.stringify({ printer: profile.name, ok: false, error: r.error }) : `test page NOT printed: ${r.error}`);
      return EXIT.notPaid;
    });
  },
};

/** A printer on this machine that decodes what it is sent and saves each receipt as a PNG (the demo's and the tests'). */
async function virtualPrinter(args: string[], io: Io): Promise<number> {
  const values = parse(args, { port: { type: 'string' }, host: { type: 'string' }, save: { type: 'string' } });
  const port = portNumber(values.port, '9100');
  const save = path.resolve(str(values.save) ?? 'receipts');
  const printer = await startVirtualPrinter({ port, host: str(values.host) ?? '127.0.0.1', saveDir: save, onReceipt: (r) => io.out(`receipt: ${r.lines.length} lines${r.image ? `, image ${r.image.width}x${r.image.height}` : ''}, QR ${r.qr.join(' ') || '—'}`) });
  io.out(`Tolem virtual printer listening on ${printer.url}; receipts are saved in ${save}`);
  await untilStopped();
  await printer.close();
  return EXIT.ok;
}
