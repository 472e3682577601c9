// Builds the renderer (renderer/ → out/renderer): the same files the Electron host serves from
// tolem://app and the browser host serves on loopback. No inline scripts (the CSP forbids them).
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: path.resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'chrome120',
    sourcemap: true,
    // re2js (the catalog's regexps, linear time) carries Unicode tables: one 570 kB bundle, loaded from disk.
    chunkSizeWarningLimit: 800,
  },
});
