/**
 * Lays a receipt out in fixed columns (32 on 58 mm paper, 48 on 80 mm): wraps text, aligns
 * label/value pairs, draws rules. Both print paths use it, so text and raster receipts match.
 */
import type { Receipt } from './receipt.js';

/** Characters per line on each paper, for text and raster receipts alike. */
export const PAPER_COLUMNS: Record<58 | 80, number> = { 58: 32, 80: 48 };

export type LaidLine = { kind: 'text'; text: string; align: 'left' | 'center'; bold: boolean; big: boolean } | { kind: 'qr'; data: string };

export function wrap(text: string, columns: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    // Only ordinary spaces break a line: non-breaking ones (in phone numbers) never do.
    for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
      let w = word;
      while (w.length > columns) {
        if (line) out.push(line);
        out.push(w.slice(0, columns));
        w = w.slice(columns);
        line = '';
      }
      if (!line) line = w;
      else if (line.length + 1 + w.length <= columns) line += ` ${w}`;
      else {
        out.push(line);
        line = w;
      }
    }
    out.push(line);
  }
  return out;
}

export function layout(receipt: Receipt, columns: number): LaidLine[] {
  const out: LaidLine[] = [];
  const text = (t: string, align: 'left' | 'center' = 'left', bold = false, big = false) => out.push({ kind: 'text', text: t, align, bold, big });
  for (const line of receipt.lines) {
    switch (line.kind) {
      case 'text':
        for (const l of wrap(line.text, columns)) text(l, line.align ?? 'left', line.bold ?? false, line.big ?? false);
        break;
      case 'pair': {
        const left = line.left.trim();
        const right = line.right.trim();
        if (left.length + 1 + right.length <= columns) text(`${left}${' '.repeat(columns - left.length - right.length)}${right}`, 'left', line.bold ?? false);
        else {
          for (const l of wrap(left, columns)) text(l, 'left', line.bold ?? false);
          for (const r of wrap(right, columns)) text(r.padStart(columns), 'left', line.bold ?? false);
        }
        break;
      }
      case 'rule':
        text('-'.repeat(columns));
        break;
      case 'qr':
        out.push({ kind: 'qr', data: line.data });
        break;
    }
  }
  return out;
}
