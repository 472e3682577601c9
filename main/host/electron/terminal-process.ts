/**
 * The terminal (journal, engine, worker) in Electron's utility process, never in the window's
 * process: an fsync of the journal never blocks the window, and the native module loaded is the one
 * built for Electron (TOLEM_SQLITE_BINDING, set by the launcher). It speaks to the main process over
 * its parent port: requests in ({ id, channel, args, frameUrl }), envelopes out ({ id, result }), and
 * the terminal's events ({ event }). No `electron` import: a utility process is plain Node.
 */
import { loadConfig } from '../../config/config.js';
import { createDispatcher } from '../../ipc/dispatch.js';
import { createHandlers } from '../../ipc/handlers.js';
import { openTerminal } from '../../app/terminal.js';
import { startFleet } from '../../app/fleet-reporting.js';
import { APP_ORIGIN } from './origin.js';

export type ToTerminal = { id: number; channel: unknown; args: unknown; frameUrl: unknown } | { stop: true } | { screenshotOf: number; png: string | null; error: string | null };
export type FromTerminal = { id: number; result: unknown } | { event: unknown } | { exitKiosk: true } | { ready: true } | { failed: string } | { screenshot: number };

interface ParentPort {
  on(event: 'message', listener: (e: { data: ToTerminal }) => void): void;
  postMessage(message: FromTerminal): void;
}

/** Serves the IPC contract on `port` until told to stop; the caller's process exits after. */
export async function serveTerminal(port: ParentPort, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let terminal: Awaited<ReturnType<typeof openTerminal>>;
  try {
    terminal = await openTerminal(loadConfig(env));
  } catch (err) {
    port.postMessage({ failed: err instanceof Error ? err.message : String(err) });
    return;
  }
  terminal.worker.start();
  terminal.startProbe();
  startFleet(terminal);
  terminal.startBackups();
  if (terminal.payouts) void terminal.payouts.reconcileDue().catch(() => undefined);
  terminal.exitKiosk = () => port.postMessage({ exitKiosk: true });
  // The fleet's screenshot command: the main process captures the window.
  const shots = new Map<number, { resolve: (png: Buffer) => void; reject: (err: Error) => void }>();
  let shotSeq = 0;
  terminal.screenshot = () =>
    new Promise<Buffer>((resolve, reject) => {
      const id = ++shotSeq;
      shots.set(id, { resolve, reject });
      port.postMessage({ screenshot: id });
    });
  const dispatch = createDispatcher(createHandlers(terminal), [APP_ORIGIN], (err) => terminal.log.error('ipc', { error: err instanceof Error ? err.message : String(err) }));
  const unsubscribe = terminal.events.on((event) => port.postMessage({ event }));
  await new Promise<void>((resolve) => {
    port.on('message', (e) => {
      const m = e.data;
      if ('stop' in m) {
        resolve();
        return;
      }
      if ('screenshotOf' in m) {
        const s = shots.get(m.screenshotOf);
        shots.delete(m.screenshotOf);
        if (m.png) s?.resolve(Buffer.from(m.png, 'base64'));
        else s?.reject(new Error(m.error ?? 'no screenshot'));
        return;
      }
      void dispatch(m.channel, m.args, m.frameUrl).then((result) => port.postMessage({ id: m.id, result }));
    });
    port.postMessage({ ready: true });
  });
  unsubscribe();
  await terminal.close();
}

// Started by Electron's utilityProcess.fork: process.parentPort is there.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (parentPort) void serveTerminal(parentPort).finally(() => process.exit(0));
