/**
 * The order test files start in. Vitest orders by the durations it saw on this machine before; a
 * clean clone has none, and a long file started last makes the whole suite wait for it.
 *
 * Two kinds of long file: the Chromium ones, which keep both cores busy, and the ones that mostly
 * wait (killed and restarted processes, the CLI, the serial devices' timeouts). Started one kind
 * after the other, the waiting files ran at the end with the cores half idle, a minute of the
 * suite's three; taken in turns, their waits overlap with Chromium's work.
 */
import fs from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const CHROMIUM = /\/e2e\//;
// Each kind longest first, as a quiet run times them (the ones not named here go by size).
const CHROMIUM_ORDER = [/screens/, /money-edges/, /accessibility-more/, /cash-device/, /accessibility\./, /\/edges/, /schemes/, /failures/];
const WAITING = [/cli\/pay-cash/, /payments\/crash\.test/, /payouts\/crash/, /cash\/devices\/drivers/, /integration\/edges/, /cli\/cli\.test/, /crash-random/, /payouts\/payouts\.test/, /store\/integrity/, /payments\/worker/, /store\/recovery/, /\/till\//, /payouts\//, /integration\//, /\/cli\//, /crash/];

function size(f: TestSpecification): number {
  try {
    return fs.statSync(f.moduleId).size;
  } catch {
    return 0;
  }
}

export default class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const bySize = (list: TestSpecification[]) => [...list].sort((a, b) => size(b) - size(a));
    const rank = (order: RegExp[]) => (f: TestSpecification) => {
      const i = order.findIndex((re) => re.test(f.moduleId));
      return i < 0 ? order.length : i;
    };
    const inOrder = (list: TestSpecification[], order: RegExp[]) => bySize(list).sort((a, b) => rank(order)(a) - rank(order)(b));
    const waits = (f: TestSpecification) => WAITING.some((re) => re.test(f.moduleId));
    const chromium = inOrder(files.filter((f) => CHROMIUM.test(f.moduleId)), CHROMIUM_ORDER);
    const waiting = inOrder(files.filter((f) => !CHROMIUM.test(f.moduleId) && waits(f)), WAITING);
    const rest = bySize(files.filter((f) => !CHROMIUM.test(f.moduleId) && !waits(f)));
    const turns: TestSpecification[] = [];
    for (let i = 0; i < Math.max(chromium.length, waiting.length); i++) {
      if (chromium[i]) turns.push(chromium[i]!);
      if (waiting[i]) turns.push(waiting[i]!);
    }
    return [...turns, ...rest];
  }
}
