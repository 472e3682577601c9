/**
 * A bill validator's simulator on the far end of a real pseudo-terminal (socat), as the CLI and the
 * screens' tests drive it: opened per test, closed after it, and fed notes the way a customer at the
 * slot does (each once the device is enabled for it).
 */
import { afterEach } from 'vitest';
import { DeviceSimulator } from '../../dev/devices/device-simulator.js';
import { openPtyPair, type PtyPair } from '../../dev/devices/pty-pair.js';
import { until } from './wait.js';

export interface ValidatorOnPty {
  sim: DeviceSimulator;
  /** The terminal's end of the line: TOLEM_CASH_ACCEPTOR=`${protocol}:${port}`. */
  port: string;
}

/**
 * Call at the top of a file, before an e2e suite's own hooks: after-hooks run last-registered first,
 * so a terminal closes before its device goes.
 */
export function validatorsOnPty(): { open(protocol: 'ccnet' | 'id003'): Promise<ValidatorOnPty> } {
  let pair: PtyPair | null = null;
  let sim: DeviceSimulator | null = null;
  afterEach(async () => {
    await sim?.close();
    await pair?.close();
    sim = null;
    pair = null;
  });
  return {
    async open(protocol) {
      pair = await openPtyPair();
      sim = new DeviceSimulator(protocol);
      await sim.attach(pair.device);
      return { sim, port: pair.host };
    },
  };
}

/**
 * Inserts a note once the device is enabled and idle, and waits until it was taken or handed back.
 * `explain` adds what the terminal thought to a timeout's message.
 */
export async function insertNote(sim: DeviceSimulator, tenge: number, explain: () => string = () => ''): Promise<void> {
  await until(() => sim.model.enabled.size > 0 && sim.model.state === 'idle', `the device waiting for ${tenge}`).catch((err: Error) => {
    throw new Error(`${err.message}: device ${sim.model.state}, enabled ${[...sim.model.enabled].join(',')}${explain() ? `; ${explain()}` : ''}`);
  });
  const before = sim.model.cassette.length + sim.model.givenBack.length;
  sim.model.insert(tenge);
  await until(() => sim.model.cassette.length + sim.model.givenBack.length > before, `the ${tenge} note taken or handed back`);
}
