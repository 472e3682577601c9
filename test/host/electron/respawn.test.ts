/** The Electron host brings a dead terminal process or renderer back: at once the first time, later each time it dies again soon, at once again after one lived a minute. */
import { describe, expect, it } from 'vitest';
import { nextRespawnDelay, RESPAWN_FIRST_MS, RESPAWN_HEALTHY_MS, RESPAWN_MAX_MS } from '../../../main/host/electron/respawn.js';

describe('respawning the terminal\'s process and the renderer', () => {
  it('1 s, then doubling while it keeps dying within a minute, never over 30 s; back to 1 s once one lived a minute', () => {
    let d: number | null = null;
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) seen.push((d = nextRespawnDelay(d, 2_000)));
    expect(seen).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(Math.max(...seen)).toBe(RESPAWN_MAX_MS);
    expect(nextRespawnDelay(d, RESPAWN_HEALTHY_MS)).toBe(RESPAWN_FIRST_MS);
  });
});
