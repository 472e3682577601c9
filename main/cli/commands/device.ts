/**
 * `tolem device`: the bill validator. `status` shows what it is and says (identity, state, bill
 * table, a note in progress, the cassette as the journal counts it); `test` takes one note and hands
 * it back; `simulate` runs a byte-level CCNET or ID003 simulator on a pseudo-terminal, so a demo can
 * run the real driver, scripted from standard input.
 */
import readline from 'node:readline';
import { formatTenge } from '../../../shared/money/amount.js';
import { deviceView } from '../../cash/cash-view.js';
import { acceptorReady, testAcceptor } from '../../app/cash-intake.js';
import { parse, seconds, UsageError } from '../args.js';
import { EXIT, untilStopped, type Io } from '../io.js';
import { withTerminal, type Command } from '../command.js';
import type { Terminal } from '../../app/terminal.js';

export const deviceCommand: Command = {
  name: 'device',
  usage: [
    'tolem device status [--wait S] [--json]   the bill validator: identity, state, bill table, cassette',
    'tolem device test [--wait S] [--json]     insert one note: it is shown and handed back, never taken',
    'tolem device simulate ccnet|id003         a simulated validator on a pseudo-terminal (prints the port)',
  ],
  run(args, io, json) {
    const [action, ...rest] = args;
    if (action === 'simulate') return simulate(rest, io);
    if (action !== 'status' && action !== 'test') throw new UsageError('tolem device status|test|simulate');
    const v = parse(rest, { wait: { type: 'string' } });
    return withTerminal(
      io,
      async (t) => {
        if (action === 'status') return status(t, io, json, seconds(v.wait, 10) * 1000);
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        try {
          if (!json) io.out(`insert a note within ${seconds(v.wait, 60)} s: it will be shown and handed back`);
          const r = await testAcceptor(t, { waitMs: seconds(v.wait, 60) * 1000, signal: controller.signal });
          if (json) io.out(JSON.stringify({ returned: r.returned === null ? null : (r.returned / 100).toFixed(2) }));
          else io.out(r.returned === null ? 'no note came: the device is ready, but was not tried' : `the device read ${formatTenge(r.returned)} and handed it back`);
          return r.returned === null ? EXIT.notPaid : EXIT.ok;
        } finally {
          process.off('SIGINT', stop);
        }
      },
      { acceptor: true },
    );
  },
};

async function status(t: Terminal, io: Io, json: boolean, waitMs: number): Promise<number> {
  if (!t.acceptor || !t.config.cashPort) throw new UsageError(`no bill validator is configured (cashAcceptor is ${t.config.cashAcceptor}; set TOLEM_CASH_ACCEPTOR=ccnet:PORT or id003:PORT)`);
  const ready = await acceptorReady(t, waitMs).then(
    () => true,
    () => false,
  );
  const cassette = t.cash.cassette();
  const view = deviceView(t.acceptor, t.config.cashPort, t.config.cashNotes, cassette);
  if (json) {
    io.out(JSON.stringify({ ...view, trace: t.acceptor.trace().slice(-20) }, null, 2));
    return ready ? EXIT.ok : EXIT.notPaid;
  }
  io.out(`${view.protocol.toUpperCase()} on ${view.port}: ${view.phase}${view.fault ? `, ${view.fault}` : ''}${view.alarm ? `, ALARM: ${view.alarm}` : ''}`);
  if (view.portProblem) io.out(`  port: ${view.portProblem}`);
  if (view.model) io.out(`  model ${view.model}${view.serial ? `, serial ${view.serial}` : ''}${view.version ? `, ${view.version}` : ''}`);
  if (view.bills.length) io.out(`  bill table: ${view.bills.map((b) => `${b.amount}${b.taken ? '' : ' (not taken)'}`).join(', ')}`);
  if (view.noteInProgress) io.out(`  a note of ${view.noteInProgress} is going in`);
  io.out(`  cassette (as the journal counts it since the last encashment): ${cassette.count} notes, ${formatTenge(cassette.total)}`);
  return ready ? EXIT.ok : EXIT.notPaid;
}

const SCRIPT_HELP = [
  'insert 1000        a customer inserts a 1 000 ₸ note',
  'jam                the next note jams while stacking      clear   a person clears the fault',
  'full               the cassette is full                   remove  the cassette is taken out (prints its notes)',
  'cassette           the cassette is put back               count   what the cassette holds',
  'power-cut escrow|stacking   the power goes at that moment power-on  it comes back',
  'repeat N           the next stacked answer repeats N times',
  'pull | plug        the cable pulled out and plugged back  cheat   a string-fishing attempt',
  'quit',
];

/** A simulated validator for a demo: the path to configure, then a script from standard input. */
async function simulate(args: string[], io: Io): Promise<number> {
  const [protocol] = args;
  if (protocol !== 'ccnet' && protocol !== 'id003') throw new UsageError('tolem device simulate ccnet|id003');
  const { openPtyPair } = await import('../../../dev/devices/pty-pair.js');
  const { DeviceSimulator } = await import('../../../dev/devices/device-simulator.js');
  const pair = await openPtyPair();
  const sim = new DeviceSimulator(protocol);
  await sim.attach(pair.device);
  io.out(`simulated ${protocol.toUpperCase()} bill validator on ${pair.host}`);
  io.out(`configure the terminal with TOLEM_CASH_ACCEPTOR=${protocol}:${pair.host}`);
  io.out(`type a command (help lists them); Ctrl+C stops`);
  const m = sim.model;
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  rl.on('line', (line) => {
    const [cmd, arg] = line.trim().split(/\s+/);
    try {
      switch (cmd) {
        case undefined: case '': return;
        case 'help': io.out(SCRIPT_HELP.join('\n')); return;
        case 'insert': m.insert(Number(arg)); break;
        case 'jam': m.jamNextStack = true; break;
        case 'clear': m.clearFault(); break;
        case 'full': m.setFault('cassette-full'); break;
        case 'remove': io.out(`cassette out: ${m.removeCassette().join(', ') || 'empty'}`); return;
        case 'cassette': m.insertCassette(); break;
        case 'count': io.out(`cassette: ${m.cassetteTenge().join(', ') || 'empty'}`); return;
        case 'power-cut': m.powerCutAt = arg === 'stacking' ? 'stacking' : 'escrow'; break;
        case 'power-on': m.powerOn(); break;
        case 'repeat': m.repeatStacked = Number(arg ?? 1); break;
        case 'pull': m.silent = true; break;
        case 'plug': m.silent = false; break;
        case 'cheat': m.setFault('cheated'); break;
        case 'quit': process.kill(process.pid, 'SIGTERM'); return;
        default: io.out(`unknown: ${cmd} (help lists the commands)`); return;
      }
      io.out('ok');
    } catch (err) {
      io.out(err instanceof Error ? err.message : String(err));
    }
  });
  await untilStopped();
  rl.close();
  await sim.close();
  await pair.close();
  return EXIT.ok;
}
