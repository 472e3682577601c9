/** The CCNET exchanges over a frame link (the bytes are in ccnet-protocol.ts). */
import { CCNET, ccnetBillTable, ccnetEnableData, ccnetFrame, ccnetIdentity, ccnetPayload, ccnetShape, ccnetStatus } from './ccnet-protocol.js';
import type { DeviceStatus } from './device-status.js';
import type { FrameLink } from './serial-line.js';
import { DeviceRefusedError, type ValidatorProtocol } from './validator-protocol.js';

const ACK = ccnetFrame(CCNET.ack);

/** Sends a command the device answers with ACK (a NAK or ILLEGAL COMMAND is a refusal). */
async function command(link: FrameLink, cmd: number, data: readonly number[] = []): Promise<void> {
  const answer = ccnetPayload(await link.request(ccnetFrame(cmd, data)));
  if (answer.command === CCNET.ack && answer.data.length === 0) return;
  throw new DeviceRefusedError(`CCNET command 0x${cmd.toString(16)} answered 0x${answer.command.toString(16)}`);
}

/** Sends a request the device answers with data, and acknowledges the answer. */
async function ask(link: FrameLink, cmd: number): Promise<Uint8Array> {
  const answer = ccnetPayload(await link.request(ccnetFrame(cmd)));
  if (answer.command === CCNET.nak || (answer.command === CCNET.illegalCommand && answer.data.length === 0)) throw new DeviceRefusedError(`CCNET request 0x${cmd.toString(16)} refused`);
  await link.send(ACK);
  return new Uint8Array([answer.command, ...answer.data]);
}

export const ccnet: ValidatorProtocol = {
  name: 'ccnet',
  serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  shape: ccnetShape,
  async poll(link): Promise<DeviceStatus> {
    const answer = ccnetPayload(await link.request(ccnetFrame(CCNET.poll)));
    if (answer.command === CCNET.nak) throw new DeviceRefusedError('CCNET poll answered NAK (the device read a damaged frame)');
    // A poll answer's status is its "command" byte, then the data byte that goes with it.
    return ccnetStatus(new Uint8Array([answer.command, ...answer.data]));
  },
  async acknowledge(link) {
    await link.send(ACK);
  },
  reset: (link) => command(link, CCNET.reset),
  async identify(link) {
    const id = ccnetIdentity(await ask(link, CCNET.identification));
    const bills = ccnetBillTable(await ask(link, CCNET.getBillTable)).filter((b) => b.currency === 'KAZ');
    return { identity: { protocol: 'ccnet', model: id.model, serial: id.serial, version: '' }, bills };
  },
  enable: (link, types) => command(link, CCNET.enableBillTypes, ccnetEnableData(types)),
  stack: (link) => command(link, CCNET.stack),
  return: (link) => command(link, CCNET.return),
};
