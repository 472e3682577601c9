/**
 * A dead port (an adapter pulled out, a pty whose other end is gone) whose writes never complete:
 * the driver must see no answer and stop when told, never hang the terminal's shutdown.
 */
import { describe, expect, it } from 'vitest';
import { FrameLink, NoAnswerError, type SerialLine } from '../../../main/cash/devices/serial-line.js';
import { BillValidator } from '../../../main/cash/devices/bill-validator.js';
import { ccnet } from '../../../main/cash/devices/ccnet.js';
import { ccnetFrame, ccnetShape } from '../../../main/cash/devices/ccnet-protocol.js';
import type { EscrowHandler } from '../../../main/cash/devices/bill-validator.js';

const stuck = (): SerialLine => ({ write: () => new Promise(() => undefined), onData: () => undefined, close: () => new Promise(() => undefined) });

const handler: EscrowHandler = { escrow: () => 'return', stacked: () => undefined, returned: () => undefined, poweredUp: () => undefined, lostTrack: () => undefined, changed: () => undefined };

describe('a port whose writes never complete', () => {
  it('a request is no answer within its deadline', async () => {
    const link = new FrameLink(stuck(), ccnetShape, 100);
    const started = Date.now();
    await expect(link.request(ccnetFrame(0x33))).rejects.toBeInstanceOf(NoAnswerError);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(link.send(ccnetFrame(0x00))).rejects.toBeInstanceOf(NoAnswerError);
  });

  it('the driver says the device is not answering, and stops when told', async () => {
    const driver = new BillValidator(ccnet, async () => stuck(), handler, { pollMs: 10, answerMs: 100, tries: 2 });
    driver.start();
    for (let i = 0; i < 200 && driver.state.fault !== 'no-answer'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(driver.state.fault).toBe('no-answer');
    await driver.stop();
    expect(driver.state.phase).toBe('stopped');
  });
});
