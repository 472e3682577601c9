/** `tolem operator`: which mobile operator a number belongs to now (portability). */
import { describeOutcome } from '../../processing/client.js';
import { UsageError, parse, str } from '../args.js';
import { EXIT } from '../io.js';
import { withTerminal, type Command } from '../command.js';

export const operatorCommand: Command = {
  name: 'operator',
  usage: ['tolem operator --phone NUMBER [--json]'],
  run(args, io, json) {
    const v = parse(args, { phone: { type: 'string' } });
    return withTerminal(io, async (t) => {
      const phone = str(v.phone);
      if (!phone) throw new UsageError('--phone is required');
      const o = await t.client.operatorByPhone(phone);
      const serviceId = o.kind === 'answer' && o.result === 0 ? (o.value.serviceId ?? null) : null;
      if (json) io.out(JSON.stringify({ phone, serviceId, ...(serviceId ? {} : { error: describeOutcome(o) }) }));
      else io.out(serviceId ? `${phone}: ${serviceId}` : `${phone}: operator not found (${describeOutcome(o)})`);
      return serviceId ? EXIT.ok : EXIT.notPaid;
    });
  },
};
