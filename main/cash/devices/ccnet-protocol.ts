/**
 * CCNET (CashCode and compatibles), 9600 8N1. The host sends SYNC 0x02, address 0x03 (bill validator),
 * LNG (the whole frame's length), a command, data and CRC-16/KERMIT low byte first; the device answers
 * with a frame of the same shape (ACK 0x00, NAK 0xFF, or data), and the host acknowledges each data
 * answer with ACK. A device keeps reporting an event (stacked, returned) until that ACK arrives, so the
 * host journals what the answer means before it acknowledges it.
 */
import { withCrc } from './crc16-kermit.js';
import type { FrameShape } from './frame-decoder.js';
import type { BillType, DeviceStatus } from './device-status.js';

export const CCNET_SYNC = 0x02;
export const CCNET_BILL_VALIDATOR = 0x03;

export const CCNET = {
  ack: 0x00,
  nak: 0xff,
  reset: 0x30,
  getStatus: 0x31,
  setSecurity: 0x32,
  poll: 0x33,
  enableBillTypes: 0x34,
  stack: 0x35,
  return: 0x36,
  identification: 0x37,
  hold: 0x38,
  getBillTable: 0x41,
  illegalCommand: 0x30,
} as const;

/** A frame to the bill validator (or, from a simulator's side, its answer): SYNC, ADR, LNG, CMD, DATA, CRC. */
export function ccnetFrame(command: number, data: readonly number[] = [], address: number = CCNET_BILL_VALIDATOR): Uint8Array {
  const length = 6 + data.length;
  if (length > 250) throw new RangeError('a CCNET frame this long needs the extended length, which no command here sends');
  return withCrc([CCNET_SYNC, address, length, command, ...data]);
}

export const ccnetShape: FrameShape = {
  sync: CCNET_SYNC,
  // LNG 0 means a long frame with its length in the two bytes after the command; no answer here is that long.
  lengthOf: (head) => (head.length < 3 ? null : head[2]!),
  maxLength: 250,
};

/** The command byte and data of a frame (its CRC already checked). */
export function ccnetPayload(frame: Uint8Array): { address: number; command: number; data: Uint8Array } {
  return { address: frame[1]!, command: frame[3]!, data: frame.subarray(4, frame.length - 2) };
}

/** A poll answer (the frame's payload: status byte and its second byte) in the common vocabulary. */
export function ccnetStatus(payload: Uint8Array): DeviceStatus {
  const code = payload[0];
  const z = payload[1] ?? null;
  switch (code) {
    case 0x10: return { kind: 'power-up', bill: null, type: null };
    case 0x11: return { kind: 'power-up', bill: 'validator', type: null };
    case 0x12: return { kind: 'power-up', bill: 'stacker', type: null };
    case 0x13: return { kind: 'initializing' };
    case 0x14: return { kind: 'idle' };
    case 0x15: return { kind: 'accepting' };
    case 0x17: return { kind: 'stacking' };
    case 0x18: return { kind: 'returning' };
    case 0x19: return { kind: 'disabled' };
    case 0x1a: return { kind: 'holding' };
    case 0x1b: return { kind: 'busy' };
    case 0x1c: return { kind: 'rejecting', reason: z ?? 0 };
    case 0x41: return { kind: 'fault', fault: 'cassette-full', code };
    case 0x42: return { kind: 'fault', fault: 'cassette-removed', code };
    case 0x43: return { kind: 'fault', fault: 'jam-validator', code };
    case 0x44: return { kind: 'fault', fault: 'jam-cassette', code };
    case 0x45: return { kind: 'fault', fault: 'cheated', code };
    case 0x46: return { kind: 'fault', fault: 'pause', code };
    case 0x47: return { kind: 'fault', fault: 'failure', code: z };
    case 0x80: return z === null ? { kind: 'unknown', code } : { kind: 'escrow', type: z };
    case 0x81: return { kind: 'stacked', type: z };
    case 0x82: return { kind: 'returned', type: z };
    default: return { kind: 'unknown', code: code ?? -1 };
  }
}

/**
 * ENABLE BILL TYPES' six data bytes: three bytes of enabled types, then three of types held in escrow
 * (all enabled ones: the host decides each note), bit N of the 24 being bill type N, most significant byte first.
 */
export function ccnetEnableData(types: readonly number[]): number[] {
  let mask = 0;
  for (const t of types) if (t >= 0 && t < 24) mask |= 1 << t;
  const bytes = [(mask >>> 16) & 0xff, (mask >>> 8) & 0xff, mask & 0xff];
  return [...bytes, ...bytes];
}

/**
 * GET BILL TABLE's answer: 24 entries of five bytes, a first digit, a three-letter country code and a
 * power of ten (bit 7 set: negative), so 1 'KAZ' 3 is 1 000 tenge. Empty entries are left out.
 */
export function ccnetBillTable(data: Uint8Array): BillType[] {
  const table: BillType[] = [];
  for (let i = 0; i + 5 <= data.length && i / 5 < 24; i += 5) {
    const digit = data[i]!;
    if (digit === 0) continue;
    const currency = String.fromCharCode(data[i + 1]!, data[i + 2]!, data[i + 3]!).trim();
    const e = data[i + 4]!;
    const exponent = e & 0x80 ? -(e & 0x7f) : e;
    // tiyn: a tenge is 100; a note worth less than a tiyn is not a note this terminal takes.
    const tiyn = exponent + 2 >= 0 ? digit * 10 ** (exponent + 2) : 0;
    if (tiyn >= 1 && Number.isSafeInteger(tiyn)) table.push({ type: i / 5, amount: tiyn, currency });
  }
  return table;
}

/** IDENTIFICATION's answer: part number (15 ASCII), serial number (12 ASCII), asset number (7 bytes). */
export function ccnetIdentity(data: Uint8Array): { model: string; serial: string } {
  const ascii = (from: number, to: number) => String.fromCharCode(...data.subarray(from, to)).replace(/[^\x20-\x7e]/g, '').trim();
  return { model: ascii(0, 15), serial: ascii(15, 27) };
}
