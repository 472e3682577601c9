/**
 * What the bill validator's driver needs of a protocol: the line settings and the handful of
 * exchanges (poll, acknowledge, reset, identify, enable, stack, return). ccnet.ts and id003.ts
 * implement it over a FrameLink; bill-validator.ts drives either.
 */
import type { BillType, DeviceIdentity, DeviceStatus } from './device-status.js';
import type { FrameLink, SerialSettings } from './serial-line.js';
import type { FrameShape } from './frame-decoder.js';

export class DeviceRefusedError extends Error {
  override name = 'DeviceRefusedError';
}

export interface ValidatorProtocol {
  readonly name: 'ccnet' | 'id003';
  readonly serial: SerialSettings;
  readonly shape: FrameShape;
  /** Asks the device's state. */
  poll(link: FrameLink): Promise<DeviceStatus>;
  /**
   * Tells the device the last answer was taken (CCNET: every answer; ID003: VEND VALID). The driver
   * calls it only after what the answer means is journaled.
   */
  acknowledge(link: FrameLink, status: DeviceStatus): Promise<void>;
  reset(link: FrameLink): Promise<void>;
  identify(link: FrameLink): Promise<{ identity: DeviceIdentity; bills: BillType[] }>;
  /** Enables these bill types (every note held in escrow for the host's decision); none: disabled. */
  enable(link: FrameLink, types: readonly number[]): Promise<void>;
  stack(link: FrameLink): Promise<void>;
  return(link: FrameLink): Promise<void>;
}
