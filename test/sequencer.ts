/**
 * The order test files start in. Vitest orders by the durations it saw on this machine before; a
 * clean clone has none, and a long file started last makes the whole suite wait for it. The files
 * that wait longest (Chromium, killed processes, the CLI, the devices) go first, then by size.
 */
import fs from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LONG = [/\/e2e\//, /crash/, /\/cli\//, /integration\//, /\/store\/(integrity|recovery)/, /\/cash\/devices\/drivers/, /\/till\//, /payouts\//];

function weight(file: string): number {
  const i = LONG.findIndex((re) => re.test(file));
  return i < 0 ? LONG.length : i;
}

export default class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const size = (f: TestSpecification) => {
      try {
        return fs.statSync(f.moduleId).size;
      } catch {
        return 0;
      }
    };
    return [...files].sort((a, b) => weight(a.moduleId) - weight(b.moduleId) || size(b) - size(a));
  }
}
