/**
 * A running terminal reporting to its fleet server (when one is configured): the link's heartbeat is
 * the terminal's health, its screen and its lock; the fleet's commands act on this terminal. The hosts
 * start it beside the worker; the terminal's close() stops it.
 */
import path from 'node:path';
import { FleetLink } from '../fleet-link/fleet-link.js';
import { terminalHealth } from './health.js';
import type { Terminal } from './terminal.js';

export function startFleet(t: Terminal): void {
  const { config, fleet, log, journal, engine, worker, catalog, events } = t;
  if (t.fleetLink || !config.fleet.url || !config.fleet.token) return;
  t.fleetLink = new FleetLink({
    url: config.fleet.url,
    token: config.fleet.token,
    journal: fleet,
    intervalMs: config.fleet.intervalMs,
    log,
    heartbeat: async () => ({ health: await terminalHealth(t, { probe: false }), journal: { head: null, rows: 0 }, screen: t.screen, locked: fleet.locked }),
    target: {
      setLocked: (locked) => {
        fleet.setLocked(locked);
        log.warn(locked ? 'fleet: locked, no new money is taken' : 'fleet: unlocked');
      },
      drain: async (deadline) => {
        journal.rescheduleAllNow(engine.now());
        worker.wake();
        while (Date.now() < deadline && journal.hasPending()) await new Promise((r) => setTimeout(r, 200));
        return { pending: journal.pendingSummary().count };
      },
      refreshCatalog: async () => {
        const c = await catalog.refresh();
        events.emit({ type: 'status' });
        return { services: c.services.length, source: c.staleBecause ? `cache (${c.staleBecause})` : c.source };
      },
      logDir: path.join(config.dataDir, 'logs'),
      // The host's (Electron's), asked when the command comes: null where it cannot take one.
      get screenshot() {
        return t.screenshot;
      },
    },
    onCommand: () => events.emit({ type: 'status' }),
  });
  t.fleetLink.start();
}
