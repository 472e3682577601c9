import { defineConfig } from 'vitest/config';
import LongFirstSequencer from './test/sequencer.js';

export default defineConfig({
  // The preload is a .cts file (Electron's sandboxed preload must be CommonJS): transform it too.
  oxc: { include: /\.[cm]?tsx?$/ },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    // Four on a 2-core machine: three (191 s) and five (173 s) were slower than four (165 s) on 2026-12-03, before the shared page
    // (the CPU is 98 % busy while the Chromium files run); most other tests spend their time waiting (a kiosk's idle
    // timer, a child process killed and restarted, a sandbox answering late, a bill validator polled).
    // Files share their worker's imports (isolate: false): each opens what it needs and closes it.
    maxWorkers: 4,
    // The long files first, a Chromium one and a waiting one in turns, on a clean clone too (test/sequencer.ts).
    sequence: { sequencer: LongFirstSequencer },
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-report.json' }]],
  },
});
