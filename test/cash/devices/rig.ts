/**
 * A note acceptor as a kiosk has it, with the device on the other end of a real pseudo-terminal:
 * the simulator (dev/devices) on one end, the terminal's driver and journal on the other.
 */
import path from 'node:path';
import { CashBox } from '../../../main/cash/cash-box.js';
import { CashLedger } from '../../../main/cash/cash-ledger.js';
import { BillValidator, type ValidatorOptions } from '../../../main/cash/devices/bill-validator.js';
import { ccnet } from '../../../main/cash/devices/ccnet.js';
import { id003 } from '../../../main/cash/devices/id003.js';
import { openSerialPort } from '../../../main/cash/devices/serial-line.js';
import { NoteAcceptor, type AcceptorEvent } from '../../../main/cash/note-acceptor.js';
import { Journal } from '../../../main/payments/payment-journal.js';
import { openJournalDatabase } from '../../../main/store/database.js';
import { createLogger } from '../../../main/base/log.js';
import { DeviceSimulator, type SimulatedProtocol } from '../../../dev/devices/device-simulator.js';
import { openPtyPair, type PtyPair } from '../../../dev/devices/pty-pair.js';
import type { ModelOptions } from '../../../dev/devices/validator-model.js';
import { tempDir } from '../../helpers/harness.js';
import { until } from '../../helpers/wait.js';

export const KZT_NOTES = [200_00, 500_00, 1_000_00, 2_000_00, 5_000_00, 10_000_00, 20_000_00];

export interface Rig {
  protocol: SimulatedProtocol;
  pair: PtyPair;
  sim: DeviceSimulator;
  journal: Journal;
  ledger: CashLedger;
  box: CashBox;
  acceptor: NoteAcceptor;
  driver: BillValidator;
  events: AcceptorEvent[];
  file: string;
  /** Starts a driver again on the same journal and line (after `driver.stop()`: a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

// Polled often so the tests are quick; answers may take long (a busy machine), so a slow answer is never a fault.
const FAST: ValidatorOptions = { pollMs: 25, answerMs: 1000, tries: 2 };

export async function rig(protocol: SimulatedProtocol, model: ModelOptions = {}, opts: { file?: string; pair?: PtyPair; sim?: DeviceSimulator } = {}): Promise<Rig> {
  const pair = opts.pair ?? (await openPtyPair());
  const sim = opts.sim ?? new DeviceSimulator(protocol, model);
  if (!opts.sim) await sim.attach(pair.device);
  const file = opts.file ?? path.join(tempDir(), 'journal.sqlite');
  const r = {} as Rig;
  const events: AcceptorEvent[] = [];
  const start = async () => {
    const journal = new Journal(openJournalDatabase(file), 7);
    const ledger = new CashLedger(journal.db);
    const box = new CashBox(ledger, protocol);
    const acceptor = new NoteAcceptor(box, ledger, protocol, KZT_NOTES, createLogger({ stderr: false }));
    acceptor.on((e) => events.push(e));
    const proto = protocol === 'ccnet' ? ccnet : id003;
    const driver = new BillValidator(proto, () => openSerialPort(pair.host, proto.serial), acceptor, FAST);
    acceptor.attach(driver);
    driver.start();
    Object.assign(r, { journal, ledger, box, acceptor, driver });
    await until(() => driver.state.phase !== 'starting', 'the device to be set up');
  };
  await start();
  Object.assign(r, {
    protocol, pair, sim, events, file,
    async restart() {
      r.journal.close();
      await start();
    },
    async close() {
      await r.driver.stop();
      r.journal.close();
      await sim.close();
      if (!opts.pair) await pair.close();
    },
  });
  return r;
}

/** Waits for the device to have been polled `n` more times: the driver has seen what the device did. */
/** Waits as `until` does; on a timeout the driver's last exchanges are in the error. */
export async function settle<T>(r: Rig, check: () => T | undefined | null | false, what: string): Promise<T> {
  try {
    return await until(check, what);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${r.driver.trace.slice(-40).join('\n')}\nsimulator: ${r.sim.model.state} ${r.sim.model.fault ?? ''}`);
  }
}

/**
 * Waits until the device was told to take notes: a note pushed at a disabled device is refused at the
 * slot (as a real one does), so a test inserts only after this.
 */
export async function accepting(r: Rig): Promise<void> {
  await settle(r, () => r.sim.model.enabled.size > 0 || r.sim.model.fault !== null, 'the device enabled');
}

export async function polls(r: Rig, n = 4): Promise<void> {
  const target = r.sim.model.polls + n;
  await until(() => r.sim.model.polls >= target, `${n} polls`);
}
