/**
 * What a bill validator says, in one vocabulary for every protocol: the drivers translate CCNET's and
 * ID003's status bytes into these, and the rule that keeps money (note-acceptor.ts) reads only these.
 */
import type { Minor } from '../../../shared/money/amount.js';

/** Something that stops the acceptor taking money until a person (or the device) clears it. */
export type DeviceFault =
  | 'cassette-full'
  | 'cassette-removed'
  | 'jam-validator'
  | 'jam-cassette'
  | 'cheated'
  | 'failure'
  | 'pause'
  | 'no-answer'
  | 'line-errors';

export const DEVICE_FAULTS: readonly DeviceFault[] = ['cassette-full', 'cassette-removed', 'jam-validator', 'jam-cassette', 'cheated', 'failure', 'pause', 'no-answer', 'line-errors'];

/**
 * A poll's answer. `type` is the device's bill type (CCNET: the index in its bill table; ID003: the
 * escrow code), turned into an amount by the bill table the device reported.
 */
export type DeviceStatus =
  | { kind: 'power-up'; bill: null | 'validator' | 'stacker'; type: number | null }
  | { kind: 'initializing' }
  | { kind: 'disabled' }
  | { kind: 'idle' }
  | { kind: 'accepting' }
  | { kind: 'busy' }
  | { kind: 'escrow'; type: number }
  | { kind: 'stacking' }
  /** ID003: the note is past returning; the host acknowledges and credits it (then 0x16 stacked follows). */
  | { kind: 'vend-valid'; type: number | null }
  | { kind: 'stacked'; type: number | null }
  | { kind: 'returning' }
  | { kind: 'returned'; type: number | null }
  | { kind: 'holding' }
  | { kind: 'rejecting'; reason: number }
  | { kind: 'fault'; fault: DeviceFault; code: number | null }
  | { kind: 'unknown'; code: number };

/** A bill table entry the device reported: its type, the note's value and currency. */
export interface BillType {
  type: number;
  amount: Minor;
  currency: string;
}

/** The device's identity, for the service menu and `tolem device status`. */
export interface DeviceIdentity {
  protocol: 'ccnet' | 'id003';
  model: string;
  serial: string;
  version: string;
}
