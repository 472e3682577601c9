import { defineConfig } from 'vitest/config';

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
    // Four on a 2-core machine: most tests spend their time waiting (a kiosk's idle timer, a child
    // process killed and restarted, a sandbox answering late); with two workers the cores were idle
    // a third of the time. Tried with both cores taken by a CPU hog beside it: it passes (docs/testing.md).
    maxWorkers: 4,
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-report.json' }]],
  },
});
