/** `tolem catalog`: the services processing offers (or the cached copy, saying why), by group. */
import { parse } from '../args.js';
import { EXIT } from '../io.js';
import { withTerminal, type Command } from '../command.js';

export const catalogCommand: Command = {
  name: 'catalog',
  usage: ['tolem catalog [--refresh] [--json]'],
  run(args, io, json) {
    const v = parse(args, { refresh: { type: 'boolean' } });
    return withTerminal(io, async (t) => {
      const snap = v.refresh ? await t.catalog.refresh() : await t.catalog.get();
      if (json) {
        io.out(JSON.stringify({ source: snap.source, fetchedAt: new Date(snap.fetchedAt).toISOString(), staleBecause: snap.staleBecause ?? null, services: snap.services, rejected: snap.rejected }, null, 2));
        return EXIT.ok;
      }
      if (snap.staleBecause) io.err(`tolem: processing is unavailable (${snap.staleBecause}); showing the catalog cached at ${new Date(snap.fetchedAt).toLocaleString()}`);
      const byGroup = new Map<string, typeof snap.services>();
      for (const s of snap.services) byGroup.set(s.group || '—', [...(byGroup.get(s.group || '—') ?? []), s]);
      for (const [group, services] of byGroup) {
        io.out(group);
        for (const s of services) io.out(`  ${s.serviceId.padEnd(8)} ${s.name}  [${['simple', 'invoice', 'contracts'][s.type]}]  ${s.inputs.map((i) => `${i.name}: ${i.title}`).join('; ')}`);
      }
      for (const r of snap.rejected) io.err(`tolem: catalog entry ${r.serviceId ?? `#${r.index}`} is unusable: ${r.problem}`);
      return EXIT.ok;
    });
  },
};
