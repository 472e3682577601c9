/** The till's channels: the X report and an encashment's preview to look at, the Z and the encashment that close, a cashier's shift. */
import { formatDecimal } from '../../../shared/money/amount.js';
import type { TillReportView } from '../../../shared/ipc/views.js';
import { tillReportReceipt } from '../../receipts/report-receipt.js';
import { isShiftReport, reportFigures, type EncashmentReport, type ShiftReport } from '../../till/reports.js';
import type { Terminal } from '../../app/terminal.js';
import { TillError } from '../../till/till.js';
import type { AreaHandlers } from './area.js';
import type { PinGuard } from '../../admin/pin-guard.js';
import { pinRefusal } from './pin-error.js';

async function view(t: Terminal, report: ShiftReport | EncashmentReport, lang: 'ru' | 'kk' | undefined): Promise<TillReportView> {
  const paper = t.receipts.profile()?.paper ?? 80;
  const image = await t.receipts.reportImage((ctx) => tillReportReceipt(report, ctx), lang, paper);
  const shift = isShiftReport(report);
  const { total, difference } = reportFigures(report);
  return {
    kind: shift ? report.kind : 'encashment',
    id: shift ? report.shift.id : report.id,
    png: `data:image/png;base64,${image.png.toString('base64')}`,
    text: image.text,
    total: formatDecimal(total),
    difference: difference === null ? null : formatDecimal(difference),
  };
}

export function tillHandlers(t: Terminal, pins: PinGuard): AreaHandlers<'till.report' | 'till.close' | 'till.openShift' | 'till.shifts' | 'till.history' | 'till.closed'> {
  return {
    async 'till.report'(a) {
      return view(t, a.kind === 'x' ? t.till.x() : t.till.preview(), a.lang);
    },
    async 'till.close'(a) {
      // A kiosk's service menu is a screen a stranger may reach: closing takes the attendant's PIN.
      if (t.config.mode === 'kiosk') {
        const verdict = pins.check(a.pin ?? '', 'screen');
        if (!verdict.ok) throw pinRefusal(verdict);
      }
      const report = a.kind === 'z' ? t.till.z(a.counted ?? null) : t.till.encash('menu', a.notes ?? null);
      const printed = t.receipts.profile() ? (await t.printReport(report, a.lang)).ok : null;
      t.events.emit({ type: 'status' });
      return { ...(await view(t, report, a.lang)), printed };
    },
    async 'till.openShift'(a) {
      const s = t.till.openShift(a.cashier);
      t.events.emit({ type: 'status' });
      return { shift: s.id, cashier: s.cashier };
    },
    async 'till.history'() {
      return t.till.closed(t.config.mode === 'kiosk' ? 'encashment' : 'z').map((c) => {
        const { total, difference } = reportFigures(c.report);
        return { kind: c.kind, id: c.id, at: new Date(c.at).toISOString(), total: formatDecimal(total), difference: difference === null ? null : formatDecimal(difference) };
      });
    },
    async 'till.closed'(a) {
      const c = t.till.closedReport(a.kind, a.id);
      if (!c) throw new TillError(`no closed ${a.kind === 'z' ? 'Z report' : 'encashment'} ${a.id}`, a.kind === 'z' ? 'no-shift' : 'no-encashment');
      return view(t, c.report, a.lang);
    },
    async 'till.shifts'() {
      return t.till.shifts(50).map((s) => ({ id: s.id, cashier: s.cashier, openedAt: new Date(s.openedAt).toISOString(), closedAt: s.closedAt === null ? null : new Date(s.closedAt).toISOString() }));
    },
  };
}
