/** The watchdog's systemd units as shipped: node runs the terminal itself, restarted always; the health check polls the port the terminal serves. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.resolve('resources', 'systemd');
const unit = (name: string) => Object.fromEntries(fs.readFileSync(path.join(dir, name), 'utf8').split('\n').filter((l) => /^[A-Za-z]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

describe('the systemd units', () => {
  it('run node on the terminal directly (never npm, whose node child a stop would leave running), restarted whenever it ends', () => {
    const s = unit('tolem.service');
    expect(s.ExecStart).toMatch(/^\/usr\/bin\/node \S+\/out\/main\/cli\/bin\.js start\b/);
    expect(s.ExecStart).not.toMatch(/npm/);
    expect(s.Restart).toBe('always');
    expect(s.KillSignal).toBe('SIGTERM');
  });

  it('restart it when its health endpoint does not answer, on the port the terminal is given', () => {
    const port = /TOLEM_HEALTH_PORT=(\d+)/.exec(fs.readFileSync(path.join(dir, 'tolem.service'), 'utf8'))![1];
    const h = unit('tolem-health.service');
    expect(h.ExecStart).toContain(`http://127.0.0.1:${port}/health`);
    expect(h.ExecStart).toMatch(/\|\| systemctl restart tolem\.service/);
    // curl without --fail: a 503 (a person is needed) is an answer, not a dead terminal.
    expect(h.ExecStart).not.toMatch(/curl[^|]*\s(-f|--fail)\b/);
    expect(unit('tolem-health.timer').OnUnitActiveSec).toBe('30s');
  });
});
