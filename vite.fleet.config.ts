// Builds the fleet server's page (renderer/fleet/ → out/fleet-web): served by `tolem fleet serve`.
// The same conventions as the terminal's screens (React, no inline scripts: the CSP forbids them).
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: path.resolve(import.meta.dirname, 'renderer/fleet'),
  base: './',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'out/fleet-web'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'chrome120',
    sourcemap: true,
  },
});
