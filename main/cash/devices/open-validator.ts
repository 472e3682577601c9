/** A bill validator's driver for the configured protocol and port (`ccnet:/dev/ttyUSB0`, `id003:COM3`). */
import { BillValidator, type EscrowHandler, type ValidatorOptions } from './bill-validator.js';
import { ccnet } from './ccnet.js';
import { id003 } from './id003.js';
import { openSerialPort } from './serial-line.js';

export function billValidator(kind: 'ccnet' | 'id003', port: string, handler: EscrowHandler, options: ValidatorOptions = {}): BillValidator {
  const protocol = kind === 'ccnet' ? ccnet : id003;
  return new BillValidator(protocol, () => openSerialPort(port, protocol.serial), handler, options);
}
