/**
 * ID003 (JCM), 9600 8E1. A frame is SYNC 0xFC, LNG (the whole frame's length), a command or status
 * byte, data, CRC-16/KERMIT low byte first. The host asks for the status (0x11) and the device answers
 * with one; operation commands (reset, stack, return) are acknowledged with 0x50, setting commands are
 * echoed. After VEND VALID (0x15) the host answers ACK 0x50; until it does, the device repeats it, so
 * the host journals the note before that ACK.
 */
import { withCrc } from './crc16-kermit.js';
import type { FrameShape } from './frame-decoder.js';
import type { BillType, DeviceStatus } from './device-status.js';

export const ID003_SYNC = 0xfc;

export const ID003 = {
  statusRequest: 0x11,
  ack: 0x50,
  reset: 0x40,
  stack1: 0x41,
  stack2: 0x42,
  return: 0x43,
  hold: 0x44,
  wait: 0x45,
  setEnable: 0xc0,
  setSecurity: 0xc1,
  setCommunicationMode: 0xc2,
  setInhibit: 0xc3,
  versionRequest: 0x88,
  currencyAssignRequest: 0x8a,
  invalidCommand: 0x4b,
} as const;

/** The escrow code of bill table bit 0: bit N of ENABLE's two bytes inhibits code 0x61 + N. */
export const ID003_FIRST_CODE = 0x61;

export function id003Frame(command: number, data: readonly number[] = []): Uint8Array {
  const length = 5 + data.length;
  if (length > 255) throw new RangeError('an ID003 frame is at most 255 bytes');
  return withCrc([ID003_SYNC, length, command, ...data]);
}

export const id003Shape: FrameShape = {
  sync: ID003_SYNC,
  lengthOf: (head) => (head.length < 2 ? null : head[1]!),
  maxLength: 255,
};

export function id003Payload(frame: Uint8Array): { command: number; data: Uint8Array } {
  return { command: frame[2]!, data: frame.subarray(3, frame.length - 2) };
}

/** A status answer (its command byte and data) in the common vocabulary. */
export function id003Status(command: number, data: Uint8Array): DeviceStatus {
  const z = data[0] ?? null;
  switch (command) {
    case 0x11: return { kind: 'idle' };
    case 0x12: return { kind: 'accepting' };
    case 0x13: return z === null ? { kind: 'unknown', code: command } : { kind: 'escrow', type: z };
    case 0x14: return { kind: 'stacking' };
    case 0x15: return { kind: 'vend-valid', type: null };
    case 0x16: return { kind: 'stacked', type: null };
    case 0x17: return { kind: 'rejecting', reason: z ?? 0 };
    case 0x18: return { kind: 'returning' };
    case 0x19: return { kind: 'holding' };
    case 0x1a: return { kind: 'disabled' };
    case 0x1b: return { kind: 'initializing' };
    case 0x40: return { kind: 'power-up', bill: null, type: null };
    case 0x41: return { kind: 'power-up', bill: 'validator', type: null };
    case 0x42: return { kind: 'power-up', bill: 'stacker', type: null };
    case 0x43: return { kind: 'fault', fault: 'cassette-full', code: command };
    case 0x44: return { kind: 'fault', fault: 'cassette-removed', code: command };
    case 0x45: return { kind: 'fault', fault: 'jam-validator', code: command };
    case 0x46: return { kind: 'fault', fault: 'jam-cassette', code: command };
    case 0x47: return { kind: 'fault', fault: 'pause', code: command };
    case 0x48: return { kind: 'fault', fault: 'cheated', code: command };
    case 0x49: return { kind: 'fault', fault: 'failure', code: z };
    case 0x4a: return { kind: 'fault', fault: 'line-errors', code: command };
    default: return { kind: 'unknown', code: command };
  }
}

/** ENABLE's two data bytes: a set bit inhibits that escrow code, so every code not named is inhibited. */
export function id003EnableData(codes: readonly number[]): number[] {
  let inhibit = 0xffff;
  for (const c of codes) {
    const bit = c - ID003_FIRST_CODE;
    if (bit >= 0 && bit < 16) inhibit &= ~(1 << bit);
  }
  return [inhibit & 0xff, inhibit >>> 8];
}

/**
 * The currency assign answer: entries of four bytes, the escrow code, a country code, a base value and
 * a power of ten; value = base × 10^power in the firmware's currency. A zero base is an empty entry.
 */
export function id003BillTable(data: Uint8Array): BillType[] {
  const table: BillType[] = [];
  for (let i = 0; i + 4 <= data.length; i += 4) {
    const [code, country, base, power] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
    if (base === 0 || power > 10) continue;
    const tiyn = base * 10 ** (power + 2);
    // The country byte is the firmware's own numbering (not ISO): kept as it came, for the service menu.
    if (Number.isSafeInteger(tiyn)) table.push({ type: code, amount: tiyn, currency: `country ${country}` });
  }
  return table;
}
