/**
 * A simulated bill validator on a serial line: it reads the host's frames from one end of a pty
 * pair and answers as a CCNET or ID003 device would, from a ValidatorModel the test (or
 * `tolem device simulate`) scripts. Its framing is its own (crc.ts), never the driver's.
 */
import { SerialPort } from 'serialport';
import { intact, sealed } from './crc.js';
import { SIMULATED_NOTES, ValidatorModel, type ModelOptions } from './validator-model.js';

export type SimulatedProtocol = 'ccnet' | 'id003';

interface Codec {
  sync: number;
  lengthAt: number;
  settings: { parity: 'none' | 'even' };
  /** The answer to one intact frame from the host, or null (the host's ACK is not answered). */
  answer(frame: Buffer, model: ValidatorModel): Buffer | null;
  /** The answer to a damaged frame. */
  damaged(): Buffer | null;
  /** What the host asked, in words a script can wait on. */
  nameOf(frame: Buffer): string;
}

// LNG counts the whole frame: SYNC, ADR, LNG, the answer's bytes and the two CRC bytes.
const ccnetAnswer = (bytes: readonly number[]) => sealed([0x02, 0x03, 5 + bytes.length, ...bytes]);

const ccnetCodec: Codec = {
  sync: 0x02,
  lengthAt: 2,
  settings: { parity: 'none' },
  damaged: () => ccnetAnswer([0xff]),
  nameOf: (frame) => ({ 0x00: 'ack', 0x30: 'reset', 0x33: 'poll', 0x34: 'enable', 0x35: 'stack', 0x36: 'return', 0x37: 'identify', 0x41: 'bill-table' } as Record<number, string>)[frame[3]!] ?? `0x${frame[3]!.toString(16)}`,
  answer(frame, model) {
    const cmd = frame[3]!;
    const data = [...frame.subarray(4, frame.length - 2)];
    const ACK = ccnetAnswer([0x00]);
    switch (cmd) {
      case 0x00: model.ack(); return null;
      case 0xff: return null;
      case 0x30: model.reset(); return ACK;
      case 0x31: return ccnetAnswer([0, 0, 0, 0, 0, 0]);
      case 0x32: return ACK;
      case 0x34: {
        const mask = (data[0]! << 16) | (data[1]! << 8) | data[2]!;
        model.enable(SIMULATED_NOTES.map((_, t) => t).filter((t) => mask & (1 << t)));
        return ACK;
      }
      case 0x35: return model.stack() ? ACK : ccnetAnswer([0x30]);
      case 0x36: return model.return() ? ACK : ccnetAnswer([0x30]);
      case 0x37: {
        const text = (s: string, n: number) => [...Buffer.from(s.padEnd(n, ' ').slice(0, n), 'ascii')];
        return ccnetAnswer([...text('SM-KZ1706', 15), ...text('41K000123456', 12), 0, 0, 0, 0, 0, 0, 0]);
      }
      case 0x41: {
        const entries: number[] = [];
        for (let t = 0; t < 24; t++) {
          const tenge = SIMULATED_NOTES[t];
          if (tenge === undefined) entries.push(0, 0, 0, 0, 0);
          else {
            const exp = String(tenge).length - 1;
            entries.push(Number(String(tenge)[0]), ...Buffer.from('KAZ', 'ascii'), exp);
          }
        }
        return ccnetAnswer(entries);
      }
      case 0x33: {
        const r = model.poll();
        if (!r) return null;
        const t = r.type ?? 0;
        const codes: Record<string, number[]> = {
          'power-up': [0x10], 'power-up-validator': [0x11], 'power-up-stacker': [0x12], initializing: [0x13], idle: [0x14], accepting: [0x15],
          stacking: [0x17], returning: [0x18], disabled: [0x19], rejecting: [0x1c, 0x66], escrow: [0x80, t], stacked: [0x81, t], returned: [0x82, t],
        };
        const faults: Record<string, number> = { 'cassette-full': 0x41, 'cassette-removed': 0x42, 'jam-validator': 0x43, 'jam-cassette': 0x44, cheated: 0x45 };
        return ccnetAnswer(r.state === 'fault' ? [faults[r.fault ?? 'jam-validator']!] : codes[r.state] ?? [0x1b]);
      }
      default:
        return ccnetAnswer([0x30]);
    }
  },
};

// LNG counts the whole frame: SYNC, LNG, the status or command with its data, and the two CRC bytes.
const id003Answer = (bytes: readonly number[]) => sealed([0xfc, 4 + bytes.length, ...bytes]);

function id003Codec(): Codec {
  let inhibitMask = 0xffff;
  let inhibited = true;
  const apply = (model: ValidatorModel) => model.enable(inhibited ? [] : SIMULATED_NOTES.map((_, t) => t).filter((t) => !(inhibitMask & (1 << t))));
  return {
    sync: 0xfc,
    lengthAt: 1,
    settings: { parity: 'even' },
    damaged: () => null,
    nameOf: (frame) => ({ 0x50: 'ack', 0x40: 'reset', 0x11: 'poll', 0xc0: 'enable', 0xc3: 'inhibit', 0x41: 'stack', 0x42: 'stack', 0x43: 'return', 0x88: 'identify', 0x8a: 'bill-table' } as Record<number, string>)[frame[2]!] ?? `0x${frame[2]!.toString(16)}`,
    answer(frame, model) {
      const cmd = frame[2]!;
      const data = [...frame.subarray(3, frame.length - 2)];
      const ACK = id003Answer([0x50]);
      switch (cmd) {
        case 0x50: model.ack(); return null;
        case 0x40: model.reset(); inhibitMask = 0xffff; inhibited = true; return ACK;
        case 0x41: case 0x42: return model.stack() ? ACK : id003Answer([0x4b]);
        case 0x43: return model.return() ? ACK : id003Answer([0x4b]);
        case 0xc0: inhibitMask = data[0]! | (data[1]! << 8); apply(model); return id003Answer([cmd, ...data]);
        case 0xc3: inhibited = data[0] === 0x01; apply(model); return id003Answer([cmd, ...data]);
        case 0xc1: case 0xc2: return id003Answer([cmd, ...data]);
        case 0x88: return id003Answer([0x88, ...Buffer.from('JCM-SIM KZT V1.00', 'ascii')]);
        case 0x8a: {
          const entries: number[] = [];
          SIMULATED_NOTES.forEach((tenge, t) => entries.push(0x61 + t, 0x4b, Number(String(tenge)[0]), String(tenge).length - 1));
          return id003Answer([0x8a, ...entries]);
        }
        case 0x11: {
          const r = model.poll();
          if (!r) return null;
          const code = 0x61 + (r.type ?? 0);
          const codes: Record<string, number[]> = {
            'power-up': [0x40], 'power-up-validator': [0x41], 'power-up-stacker': [0x42], initializing: [0x1b], idle: [0x11], accepting: [0x12],
            escrow: [0x13, code], stacking: [0x14], 'vend-valid': [0x15], stacked: [0x16], rejecting: [0x17, 0x71], returning: [0x18], returned: [0x11], disabled: [0x1a],
          };
          const faults: Record<string, number> = { 'cassette-full': 0x43, 'cassette-removed': 0x44, 'jam-validator': 0x45, 'jam-cassette': 0x46, cheated: 0x48 };
          return id003Answer(r.state === 'fault' ? [faults[r.fault ?? 'jam-validator']!] : codes[r.state] ?? [0x1b]);
        }
        default:
          return id003Answer([0x4b]);
      }
    },
  };
}

export class DeviceSimulator {
  readonly model: ValidatorModel;
  private port: SerialPort | null = null;
  private readonly codec: Codec;
  private buffer = Buffer.alloc(0);
  /** Frames from the host, for a test that checks what the driver sent. */
  readonly received: Buffer[] = [];
  /** Called after each command from the host is answered ('poll', 'stack', 'return', 'reset', …): a script's hook. */
  onCommand: ((name: string) => void) | null = null;

  constructor(readonly protocol: SimulatedProtocol, options: ModelOptions = {}) {
    this.codec = protocol === 'ccnet' ? ccnetCodec : id003Codec();
    this.model = new ValidatorModel({ vendValid: protocol === 'id003', ...options });
  }

  async attach(path: string): Promise<void> {
    const port = new SerialPort({ path, baudRate: 9600, dataBits: 8, parity: this.codec.settings.parity, stopBits: 1, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    port.on('data', (chunk: Buffer) => this.read(chunk));
    // The other end gone (the pty pair closed, the terminal killed): a device on a dead line just stops.
    port.on('error', () => undefined);
    this.port = port;
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const start = this.buffer.indexOf(this.codec.sync);
      if (start < 0) {
        this.buffer = Buffer.alloc(0);
        return;
      }
      this.buffer = this.buffer.subarray(start);
      if (this.buffer.length <= this.codec.lengthAt) return;
      const len = this.buffer[this.codec.lengthAt]!;
      if (len < 5) {
        this.buffer = this.buffer.subarray(1);
        continue;
      }
      if (this.buffer.length < len) return;
      const frame = Buffer.from(this.buffer.subarray(0, len));
      this.buffer = this.buffer.subarray(len);
      this.received.push(frame);
      const reply = this.model.silent ? null : intact(frame) ? this.codec.answer(frame, this.model) : this.codec.damaged();
      if (reply) this.port?.write(reply, () => undefined);
      if (intact(frame) && !this.model.silent) this.onCommand?.(this.codec.nameOf(frame));
    }
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
