/**
 * `tolem shift` and `tolem encash`: a payment point's shifts (open with a name, X at any time, Z
 * closes) and a kiosk's encashment (the period's notes counted and reconciled, a new period begun);
 * `tolem reports` lists what was closed. Each report prints on the receipt printer and is shown as
 * its paper reads (ru or kk), or as JSON.
 */
import fs from 'node:fs';
import { parseAmount, formatDecimal } from '../../../shared/money/amount.js';
import { tillReportReceipt } from '../../receipts/report-receipt.js';
import { parseCount } from '../../till/till.js';
import type { EncashmentReport, ShiftReport } from '../../till/reports.js';
import { formatLocalDateTime } from '../../base/zone.js';
import type { Terminal } from '../../app/terminal.js';
import { parse, str, UsageError } from '../args.js';
import { EXIT, type Io } from '../io.js';
import { withTerminal, type Command } from '../command.js';

const REPORT_OPTIONS = { lang: { type: 'string' }, png: { type: 'string' }, 'no-print': { type: 'boolean' } } as const;

function langOf(v: unknown, t: Terminal): 'ru' | 'kk' {
  const l = str(v) ?? t.config.receipts.lang;
  if (l !== 'ru' && l !== 'kk') throw new UsageError('--lang is ru or kk');
  return l;
}

/** Shows a report as its paper reads (or JSON), saves its image if asked, and prints it unless told not to. */
async function show(t: Terminal, io: Io, json: boolean, report: ShiftReport | EncashmentReport, v: Record<string, unknown>, print: boolean): Promise<void> {
  const lang = langOf(v.lang, t);
  const image = await t.receipts.reportImage((ctx) => tillReportReceipt(report, ctx), lang, t.receipts.profile()?.paper ?? 80);
  if (typeof v.png === 'string') fs.writeFileSync(v.png, image.png);
  const printed = print && v['no-print'] !== true && t.receipts.profile() ? await t.printReport(report, lang) : null;
  if (json) io.out(JSON.stringify({ report, printed: printed ? printed.ok : null }, (_k, val: unknown) => val, 2));
  else {
    io.out(image.text);
    if (printed) io.out(printed.ok ? '(printed)' : `(NOT printed: ${printed.error})`);
  }
}

export const shiftCommand: Command = {
  name: 'shift',
  usage: [
    'tolem shift open --cashier NAME        a cashier opens their shift (an open one with payments needs its Z first)',
    'tolem shift x|z [--counted SUM] [--lang ru|kk] [--png FILE] [--json]   the X report, or the Z that closes the shift',
  ],
  run(args, io, json) {
    const [action, ...rest] = args;
    const v = parse(rest, { ...REPORT_OPTIONS, cashier: { type: 'string' }, counted: { type: 'string' } });
    return withTerminal(io, async (t) => {
      if (action === 'open') {
        const cashier = str(v.cashier);
        if (!cashier) throw new UsageError('--cashier NAME is required');
        const s = t.till.openShift(cashier);
        io.out(json ? JSON.stringify({ shift: s.id, cashier: s.cashier, openedAt: new Date(s.openedAt).toISOString() }) : `shift ${s.id} opened for ${s.cashier}`);
        return EXIT.ok;
      }
      if (action !== 'x' && action !== 'z') throw new UsageError('tolem shift open|x|z');
      const counted = str(v.counted) === undefined ? null : parseAmount(str(v.counted)!);
      const report = action === 'x' ? t.till.x(counted) : t.till.z(counted);
      await show(t, io, json, report, v, action === 'z');
      return report.difference !== null && report.difference !== 0 ? EXIT.review : EXIT.ok;
    });
  },
};

export const encashCommand: Command = {
  name: 'encash',
  usage: [
    'tolem encash [--counted 1000x3,500x2] [--preview] [--lang ru|kk] [--png FILE] [--json]   a kiosk\'s encashment: the cassette reconciled, a new period',
    'tolem encash count 1000x3,500x2 [--id N]   the cassette as counted after the encashment (once)',
  ],
  run(args, io, json) {
    const counting = args[0] === 'count';
    const rest = counting ? args.slice(2) : args;
    const v = parse(rest, { ...REPORT_OPTIONS, counted: { type: 'string' }, preview: { type: 'boolean' }, id: { type: 'string' } });
    return withTerminal(io, async (t) => {
      let report: EncashmentReport;
      if (counting) {
        if (!args[1]) throw new UsageError('tolem encash count 1000x3,500x2 [--id N]');
        report = t.till.count(parseCount(args[1], parseAmount), str(v.id) === undefined ? undefined : Number(str(v.id)));
      } else {
        const counted = str(v.counted) === undefined ? null : parseCount(str(v.counted)!, parseAmount);
        report = v.preview === true ? t.till.preview(counted) : t.till.encash('cli', counted);
      }
      await show(t, io, json, report, v, v.preview !== true);
      return report.differences.length > 0 ? EXIT.review : EXIT.ok;
    });
  },
};

export const reportsCommand: Command = {
  name: 'reports',
  usage: ['tolem reports [--json]                 the shifts and encashments closed, newest first'],
  run(args, io, json) {
    parse(args, {});
    return withTerminal(io, async (t) => {
      const shifts = t.till.shifts(20);
      const encashments = t.till.encashments(20);
      if (json) {
        io.out(JSON.stringify({ shifts: shifts.map((s) => ({ id: s.id, cashier: s.cashier, openedAt: new Date(s.openedAt).toISOString(), closedAt: s.closedAt === null ? null : new Date(s.closedAt).toISOString(), closedBy: s.closedBy, z: s.zReport ? (JSON.parse(s.zReport) as ShiftReport) : null })), encashments }, null, 2));
        return EXIT.ok;
      }
      // Times as the agent's day has them (the configured zone), not the machine's or UTC.
      const local = (ms: number) => formatLocalDateTime(ms, t.config.timeZone).replace('T', ' ');
      for (const s of shifts) {
        const z = s.zReport ? (JSON.parse(s.zReport) as ShiftReport) : null;
        io.out(`shift ${s.id}  ${s.cashier}  ${local(s.openedAt)} – ${s.closedAt === null ? 'open' : local(s.closedAt)}${z ? `  taken ${formatDecimal(z.cashTaken)}, expected ${formatDecimal(z.cashExpected)}${z.difference ? `, difference ${formatDecimal(z.difference)}` : ''}` : ''}`);
      }
      for (const e of encashments) io.out(`encashment ${e.id}  ${local(e.to)}  ${e.notes.reduce((n, l) => n + l.count, 0)} notes ${formatDecimal(e.total)}${e.countedTotal === null ? ', not counted' : e.differences.length ? `, DIFFERENCE ${e.differences.map((d) => `${formatDecimal(d.amount)}×${d.notes}`).join(', ')}` : ', counted: agrees'}`);
      if (shifts.length || encashments.length) io.out(`(times in ${t.config.timeZone})`);
      if (!shifts.length && !encashments.length) io.out('no shifts or encashments yet');
      return EXIT.ok;
    });
  },
};
