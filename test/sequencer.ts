/**
 * The order test files start in. Vitest orders by the durations it saw on this machine before; a
 * clean clone has none, and a long file started last makes the whole suite wait for it. Long files
 * go first, and the ones that drive Chromium (busy on the CPU) alternate with the ones that mostly
 * wait (killed processes, the CLI, the devices), so two cores are not asked to draw five pages at once.
 */
import fs from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const WAITING = [/crash/, /\/cli\//, /integration\//, /\/store\/(integrity|recovery)/, /\/cash\/devices\/drivers/, /\/till\//, /payouts\//];

const size = (f: TestSpecification) => {
  try {
    return fs.statSync(f.moduleId).size;
  } catch {
    return 0;
  }
};

export default class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const bySize = (a: TestSpecification, b: TestSpecification) => size(b) - size(a);
    const drawing = files.filter((f) => /\/e2e\//.test(f.moduleId)).sort(bySize);
    const waiting = files.filter((f) => !drawing.includes(f) && WAITING.some((re) => re.test(f.moduleId))).sort(bySize);
    const rest = files.filter((f) => !drawing.includes(f) && !waiting.includes(f)).sort(bySize);
    const long: TestSpecification[] = [];
    while (drawing.length || waiting.length) {
      const d = drawing.shift();
      if (d) long.push(d);
      const w = waiting.shift();
      if (w) long.push(w);
    }
    return [...long, ...rest];
  }
}
