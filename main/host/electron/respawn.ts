/**
 * When the terminal's utility process or the window's renderer dies, the Electron host brings it
 * back, sooner the first time and later each time it dies again soon after (1 s, doubling to 30 s),
 * back to 1 s once one lived a minute. Meanwhile the screens say «Терминал не отвечает». No
 * `electron` import: tested as it is.
 */
export const RESPAWN_FIRST_MS = 1_000;
export const RESPAWN_MAX_MS = 30_000;
export const RESPAWN_HEALTHY_MS = 60_000;

export function nextRespawnDelay(previousDelayMs: number | null, livedMs: number): number {
  if (previousDelayMs === null || livedMs >= RESPAWN_HEALTHY_MS) return RESPAWN_FIRST_MS;
  return Math.min(RESPAWN_MAX_MS, previousDelayMs * 2);
}
