/**
 * Cuts frames out of a serial byte stream: bytes arrive in any chunks (one at a time on a slow line,
 * several frames at once after a stall). A frame starts at the protocol's sync byte and its length
 * byte says how long it is; a frame whose CRC does not hold is dropped, and the search for the next
 * sync starts one byte after the bad one's start, so line noise never swallows a good frame.
 */
import { crcHolds } from './crc16-kermit.js';

export interface FrameShape {
  /** The first byte of every frame (CCNET 0x02, ID003 0xFC). */
  sync: number;
  /** The whole frame's length from its first bytes, or null while too few bytes have come; 0 for a frame that cannot be (resync). */
  lengthOf(head: Uint8Array): number | null;
  /** The longest frame the protocol sends: a longer claimed length is noise. */
  maxLength: number;
}

export class FrameDecoder {
  private buffer = new Uint8Array(0);
  /** Frames dropped for a bad CRC or an impossible length: line noise, for the device's status. */
  rejected = 0;

  constructor(private readonly shape: FrameShape) {}

  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const frames: Uint8Array[] = [];
    let at = 0;
    while (at < joined.length) {
      if (joined[at] !== this.shape.sync) {
        at++;
        continue;
      }
      const len = this.shape.lengthOf(joined.subarray(at));
      if (len === null) break;
      if (len < 5 || len > this.shape.maxLength) {
        this.rejected++;
        at++;
        continue;
      }
      if (joined.length - at < len) break;
      const frame = joined.slice(at, at + len);
      if (crcHolds(frame)) {
        frames.push(frame);
        at += len;
      } else {
        this.rejected++;
        at++;
      }
    }
    this.buffer = joined.slice(at);
    return frames;
  }

  reset(): void {
    this.buffer = new Uint8Array(0);
  }
}
