/**
 * CRC-16/KERMIT (polynomial 0x1021 reflected = 0x8408, initial 0, no final xor), the checksum of
 * both CCNET and ID003 frames, sent low byte first.
 */
const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x8408 : c >>> 1;
    t[i] = c;
  }
  return t;
})();

export function crc16Kermit(bytes: Uint8Array, end = bytes.length): number {
  let crc = 0;
  for (let i = 0; i < end; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}

/** Whether the frame's last two bytes are the CRC of what comes before them (low byte first). */
export function crcHolds(frame: Uint8Array): boolean {
  if (frame.length < 3) return false;
  const crc = crc16Kermit(frame, frame.length - 2);
  return frame[frame.length - 2] === (crc & 0xff) && frame[frame.length - 1] === crc >>> 8;
}

/** The frame with its CRC appended. */
export function withCrc(body: readonly number[]): Uint8Array {
  const out = new Uint8Array(body.length + 2);
  out.set(body);
  const crc = crc16Kermit(out, body.length);
  out[body.length] = crc & 0xff;
  out[body.length + 1] = crc >>> 8;
  return out;
}
