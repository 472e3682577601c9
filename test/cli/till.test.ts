/**
 * `tolem shift` and `tolem reports` as a payment point's support staff run them: a payment, the Z that
 * closes the shift with the drawer counted, and the list of what was closed, in the agent's time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../dev/sandbox/server.js';
import { formatLocalDateTime } from '../../main/base/zone.js';
import { harnessEnv, tempDir } from '../helpers/harness.js';
import { runTolem } from '../helpers/cli.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe('tolem shift z, then tolem reports', () => {
  it('lists the closed shift with its difference, its times in Kazakhstan time whatever the machine’s zone', async () => {
    // The machine says UTC; the agent's day is Almaty's (UTC+5, no daylight saving).
    const env = { ...process.env, ...harnessEnv(tempDir(), sandbox.url), TZ: 'UTC' };
    const paid = await runTolem(['pay', '--service', 'P1011', '--account', '7771234567', '--amount', '100.00', '--wait', '10'], env);
    expect(paid.code, paid.stdout + paid.stderr).toBe(0);
    // 100.00 ₸ taken, 90.00 ₸ in the drawer: the Z closes, and a difference is for a person (exit 4).
    const z = await runTolem(['shift', 'z', '--counted', '90.00'], env);
    expect(z.code, z.stderr).toBe(4);
    const before = Date.now();
    const r = await runTolem(['reports'], env);
    expect(r.code, r.stderr).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('shift 1 '));
    expect(line).toMatch(/difference -10\.00/);
    // Closed a moment ago: the hour printed is Almaty's, not the machine's UTC.
    const closed = /– (\d{4}-\d\d-\d\d \d\d):\d\d/.exec(line!)?.[1];
    const almaty = (ms: number) => formatLocalDateTime(ms, 'Asia/Almaty').replace('T', ' ').slice(0, 13);
    expect([almaty(before), almaty(before - 60_000)]).toContain(closed);
    expect(r.stdout).toContain('(times in Asia/Almaty)');
  });
});
