/**
 * The simulators' own CRC-16/KERMIT, bit by bit (the driver's is table-driven in main/): the devices
 * never share the driver's codec, so a framing bug in one shows against the other in the tests.
 */
export function kermit(bytes: readonly number[]): [number, number] {
  let crc = 0x0000;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x0001 ? (crc >> 1) ^ 0x8408 : crc >> 1;
  }
  return [crc & 0xff, (crc >> 8) & 0xff];
}

export function sealed(bytes: readonly number[]): Buffer {
  return Buffer.from([...bytes, ...kermit(bytes)]);
}

export function intact(frame: Buffer): boolean {
  if (frame.length < 4) return false;
  const [lo, hi] = kermit([...frame.subarray(0, frame.length - 2)]);
  return frame[frame.length - 2] === lo && frame[frame.length - 1] === hi;
}
