/** The ID003 exchanges over a frame link (the bytes are in id003-protocol.ts). */
import type { DeviceStatus } from './device-status.js';
import { ID003, id003BillTable, id003EnableData, id003Frame, id003Payload, id003Shape, id003Status } from './id003-protocol.js';
import type { FrameLink } from './serial-line.js';
import { DeviceRefusedError, type ValidatorProtocol } from './validator-protocol.js';

/** An operation command, answered with ACK 0x50. */
async function operation(link: FrameLink, cmd: number): Promise<void> {
  const answer = id003Payload(await link.request(id003Frame(cmd)));
  if (answer.command !== ID003.ack) throw new DeviceRefusedError(`ID003 command 0x${cmd.toString(16)} answered 0x${answer.command.toString(16)}`);
}

/** A setting command, echoed back with its data. */
async function setting(link: FrameLink, cmd: number, data: readonly number[]): Promise<void> {
  const answer = id003Payload(await link.request(id003Frame(cmd, data)));
  if (answer.command !== cmd || answer.data.length !== data.length || data.some((b, i) => answer.data[i] !== b)) throw new DeviceRefusedError(`ID003 setting 0x${cmd.toString(16)} not echoed`);
}

async function ask(link: FrameLink, cmd: number): Promise<Uint8Array> {
  const answer = id003Payload(await link.request(id003Frame(cmd)));
  if (answer.command !== cmd) throw new DeviceRefusedError(`ID003 request 0x${cmd.toString(16)} answered 0x${answer.command.toString(16)}`);
  return answer.data;
}

export const id003: ValidatorProtocol = {
  name: 'id003',
  serial: { baudRate: 9600, dataBits: 8, parity: 'even', stopBits: 1 },
  shape: id003Shape,
  async poll(link): Promise<DeviceStatus> {
    const answer = id003Payload(await link.request(id003Frame(ID003.statusRequest)));
    return id003Status(answer.command, answer.data);
  },
  async acknowledge(link, status) {
    // Only VEND VALID waits for the host's ACK; every other status is taken by the next request.
    if (status.kind === 'vend-valid') await link.send(id003Frame(ID003.ack));
  },
  reset: (link) => operation(link, ID003.reset),
  async identify(link) {
    const version = String.fromCharCode(...(await ask(link, ID003.versionRequest))).replace(/[^\x20-\x7e]/g, '').trim();
    const bills = id003BillTable(await ask(link, ID003.currencyAssignRequest));
    return { identity: { protocol: 'id003', model: version.split(/\s+/)[0] ?? '', serial: '', version }, bills };
  },
  async enable(link, types) {
    await setting(link, ID003.setEnable, id003EnableData(types));
    await setting(link, ID003.setInhibit, [types.length === 0 ? 0x01 : 0x00]);
  },
  stack: (link) => operation(link, ID003.stack1),
  return: (link) => operation(link, ID003.return),
};
