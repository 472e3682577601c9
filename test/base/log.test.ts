/** The data directory's log: JSON lines, secrets redacted wherever they are nested, files rolled and capped (earlier runs' too). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openLogFile } from '../../main/base/log.js';
import { tempDir } from '../helpers/harness.js';

const read = (dir: string) => fs.readdirSync(dir).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('');

describe('the log file', () => {
  it('writes a JSON line per event, at once (a kill -9 loses nothing logged), with a secret key redacted at any depth', async () => {
    const dir = tempDir();
    const log = await openLogFile({ dir, stderr: false });
    log.info('payment', { agentTransactionId: '70606186587970', state: 'success', password: 'hunter2', request: { token: 'tok-123', body: { pan: '4111111111111111' } } });
    const bytes = read(dir);
    const line = JSON.parse(bytes.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: 'payment', agentTransactionId: '70606186587970', state: 'success', password: '[redacted]', request: { token: '[redacted]', body: { pan: '[redacted]' } } });
    expect(bytes).not.toMatch(/hunter2|tok-123|4111111111111111/);
  });

  it('rolls at its size and keeps its cap of files, removing those of earlier runs too', async () => {
    const dir = tempDir();
    // Twenty files from earlier runs, as a kiosk restarted daily leaves them.
    for (let i = 1; i <= 20; i++) {
      const f = path.join(dir, `tolem.${i}.log`);
      fs.writeFileSync(f, 'old\n');
      const day = new Date(Date.now() - (21 - i) * 86_400_000);
      fs.utimesSync(f, day, day);
    }
    const log = await openLogFile({ dir, stderr: false, size: '1k', keep: 3 });
    for (let i = 0; i < 40; i++) log.info('note', { session: 's-1', index: i, filler: 'x'.repeat(100) });
    // Three old files and the one written now: the oldest seventeen of earlier runs are gone.
    await vi.waitFor(() => expect(fs.readdirSync(dir).length).toBeLessThanOrEqual(4), { timeout: 10_000, interval: 50 });
    for (let i = 1; i <= 17; i++) expect(fs.existsSync(path.join(dir, `tolem.${i}.log`))).toBe(false);
    expect(read(dir)).toContain('"index":39');
  });

  it('a directory it cannot write leaves the terminal running (stderr only): the log never stops a payment', async () => {
    const file = path.join(tempDir(), 'not-a-dir');
    fs.writeFileSync(file, '');
    const log = await openLogFile({ dir: path.join(file, 'logs'), stderr: false });
    expect(() => log.error('still here')).not.toThrow();
  });
});
