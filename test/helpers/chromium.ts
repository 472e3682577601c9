/**
 * Debian's Chromium as the end-to-end tests and the UI benchmark drive it (playwright-core, no
 * browser download): headless, its own throwaway profile, and nothing that calls home (this
 * machine's closed network refuses those connections).
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.TOLEM_CHROMIUM ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM);
}

export function launchDebianChromium(): Promise<Browser> {
  if (!hasChromium()) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set TOLEM_CHROMIUM)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
  });
}
