/**
 * Both protocols' framing and CRC, against frames written out by hand from the protocol descriptions
 * and the frames published with them (CCNET's RESET, POLL, ACK, ENABLE all; ID003's status request,
 * reset, stack, return, ACK), never produced by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { ccnetBillTable, ccnetEnableData, ccnetFrame, ccnetStatus } from '../../../main/cash/devices/ccnet-protocol.js';
import { crc16Kermit, crcHolds } from '../../../main/cash/devices/crc16-kermit.js';
import { FrameDecoder } from '../../../main/cash/devices/frame-decoder.js';
import { ccnetShape } from '../../../main/cash/devices/ccnet-protocol.js';
import { id003BillTable, id003EnableData, id003Frame, id003Shape, id003Status } from '../../../main/cash/devices/id003-protocol.js';

const hex = (s: string) => new Uint8Array(s.trim().split(/\s+/).map((b) => parseInt(b, 16)));
const show = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');

describe('CRC-16/KERMIT', () => {
  it('gives the check value of the catalogue of CRCs ("123456789" → 0x2189)', () => {
    expect(crc16Kermit(new TextEncoder().encode('123456789'))).toBe(0x2189);
  });
  it('holds on published frames and fails on a flipped bit', () => {
    expect(crcHolds(hex('02 03 06 33 DA 81'))).toBe(true);
    expect(crcHolds(hex('02 03 06 33 DA 80'))).toBe(false);
    expect(crcHolds(hex('FC 05 11 27 56'))).toBe(true);
    expect(crcHolds(hex('FC 05 11 27 57'))).toBe(false);
  });
});

describe('CCNET frames', () => {
  it.each([
    ['RESET', 0x30, [], '02 03 06 30 41 B3'],
    ['POLL', 0x33, [], '02 03 06 33 DA 81'],
    ['ACK', 0x00, [], '02 03 06 00 C2 82'],
    ['STACK', 0x35, [], '02 03 06 35 EC E4'],
    ['RETURN', 0x36, [], '02 03 06 36 77 D6'],
    ['IDENTIFICATION', 0x37, [], '02 03 06 37 FE C7'],
    ['GET BILL TABLE', 0x41, [], '02 03 06 41 4F D1'],
    ['ENABLE BILL TYPES (all, no escrow)', 0x34, [0xff, 0xff, 0xff, 0, 0, 0], '02 03 0C 34 FF FF FF 00 00 00 B5 C1'],
  ])('%s is %s', (_name, cmd, data, expected) => {
    expect(show(ccnetFrame(cmd, data))).toBe(expected);
  });

  it('enables the named bill types and holds each in escrow (bit N = type N, high byte first)', () => {
    // Types 0, 2 and 9: 0x000205 in both masks.
    expect(ccnetEnableData([0, 2, 9])).toEqual([0x00, 0x02, 0x05, 0x00, 0x02, 0x05]);
    expect(ccnetEnableData([])).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('reads poll answers: escrow and stacked carry the bill type; faults are named', () => {
    expect(ccnetStatus(hex('80 02'))).toEqual({ kind: 'escrow', type: 2 });
    expect(ccnetStatus(hex('81 02'))).toEqual({ kind: 'stacked', type: 2 });
    expect(ccnetStatus(hex('82 05'))).toEqual({ kind: 'returned', type: 5 });
    expect(ccnetStatus(hex('11'))).toEqual({ kind: 'power-up', bill: 'validator', type: null });
    expect(ccnetStatus(hex('12'))).toEqual({ kind: 'power-up', bill: 'stacker', type: null });
    expect(ccnetStatus(hex('41'))).toMatchObject({ kind: 'fault', fault: 'cassette-full' });
    expect(ccnetStatus(hex('42'))).toMatchObject({ kind: 'fault', fault: 'cassette-removed' });
    expect(ccnetStatus(hex('43'))).toMatchObject({ kind: 'fault', fault: 'jam-validator' });
    expect(ccnetStatus(hex('45'))).toMatchObject({ kind: 'fault', fault: 'cheated' });
    expect(ccnetStatus(hex('47 50'))).toMatchObject({ kind: 'fault', fault: 'failure', code: 0x50 });
    expect(ccnetStatus(hex('1C 66'))).toEqual({ kind: 'rejecting', reason: 0x66 });
  });

  it('reads a bill table: 1 "KAZ" 3 is 1 000 tenge; empty entries are left out', () => {
    // type 0: 2 KAZ 2 = 200 ₸; type 1: empty; type 2: 1 KAZ 3 = 1 000 ₸; type 3: 2 KAZ 4 = 20 000 ₸.
    const table = ccnetBillTable(hex('02 4B 41 5A 02  00 00 00 00 00  01 4B 41 5A 03  02 4B 41 5A 04'));
    expect(table).toEqual([
      { type: 0, amount: 200_00, currency: 'KAZ' },
      { type: 2, amount: 1_000_00, currency: 'KAZ' },
      { type: 3, amount: 20_000_00, currency: 'KAZ' },
    ]);
  });

  it('cuts frames out of a stream in any chunks, skips noise and a frame whose CRC fails', () => {
    const d = new FrameDecoder(ccnetShape);
    // Noise, a poll whose CRC fails, a good escrow answer split over three chunks, then an ACK split in two.
    const frames: string[] = [];
    for (const chunk of [hex('55 02 03 06 33 DA 80'), hex('02 03 07'), hex('80 02'), ccnetFrame(0x80, [2]).subarray(5), hex('02 03 06 00'), hex('C2 82')]) {
      frames.push(...d.push(chunk).map(show));
    }
    expect(frames).toEqual([show(ccnetFrame(0x80, [2])), '02 03 06 00 C2 82']);
    expect(d.rejected).toBeGreaterThanOrEqual(1);
  });
});

describe('ID003 frames', () => {
  it.each([
    ['STATUS REQUEST', 0x11, '' , 'FC 05 11 27 56'],
    ['RESET', 0x40, '', 'FC 05 40 2B 15'],
    ['STACK-1', 0x41, '', 'FC 05 41 A2 04'],
    ['RETURN', 0x43, '', 'FC 05 43 B0 27'],
    ['ACK', 0x50, '', 'FC 05 50 AA 05'],
  ])('%s is %s', (_name, cmd, _data, expected) => {
    expect(show(id003Frame(cmd))).toBe(expected);
  });

  it('reads statuses: escrow carries the code; vend valid, stacked, power-up with a note, faults', () => {
    expect(id003Status(0x13, hex('63'))).toEqual({ kind: 'escrow', type: 0x63 });
    expect(id003Status(0x15, new Uint8Array())).toEqual({ kind: 'vend-valid', type: null });
    expect(id003Status(0x16, new Uint8Array())).toEqual({ kind: 'stacked', type: null });
    expect(id003Status(0x41, new Uint8Array())).toEqual({ kind: 'power-up', bill: 'validator', type: null });
    expect(id003Status(0x42, new Uint8Array())).toEqual({ kind: 'power-up', bill: 'stacker', type: null });
    expect(id003Status(0x43, new Uint8Array())).toMatchObject({ fault: 'cassette-full' });
    expect(id003Status(0x44, new Uint8Array())).toMatchObject({ fault: 'cassette-removed' });
    expect(id003Status(0x45, new Uint8Array())).toMatchObject({ fault: 'jam-validator' });
    expect(id003Status(0x48, new Uint8Array())).toMatchObject({ fault: 'cheated' });
  });

  it('inhibits every escrow code not named (a set bit inhibits 0x61 + N)', () => {
    // 0x61 and 0x63 enabled: bits 0 and 2 clear → 0xFA, second byte all inhibited.
    expect(id003EnableData([0x61, 0x63])).toEqual([0xfa, 0xff]);
    expect(id003EnableData([])).toEqual([0xff, 0xff]);
  });

  it('reads the currency table: code, country, base, power of ten', () => {
    expect(id003BillTable(hex('61 4B 02 02  62 4B 05 02  63 4B 00 00'))).toEqual([
      { type: 0x61, amount: 200_00, currency: 'country 75' },
      { type: 0x62, amount: 500_00, currency: 'country 75' },
    ]);
  });

  it('cuts frames from a stream: a wrong length byte is skipped to the next sync', () => {
    const d = new FrameDecoder(id003Shape);
    expect(d.push(hex('FC 01 FC 05 11')).map(show)).toEqual([]);
    expect(d.push(hex('27 56')).map(show)).toEqual(['FC 05 11 27 56']);
  });
});
