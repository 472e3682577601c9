/**
 * Draws text into a 1-bit bitmap in pure JavaScript: glyph outlines from the font (opentype.js)
 * are flattened into edges and filled scanline by scanline with the nonzero winding rule, 4x4
 * samples per dot, a dot black when at least half of it is covered. No native code, and the same
 * dots on every platform, so reference images of receipts compare exactly.
 */
import type { Font, PathCommand } from 'opentype.js';

const SS = 4; // samples per dot, each axis

interface Edge {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  dir: 1 | -1;
}

function flatten(commands: PathCommand[]): Edge[] {
  const edges: Edge[] = [];
  let sx = 0;
  let sy = 0;
  let cx = 0;
  let cy = 0;
  const line = (x0: number, y0: number, x1: number, y1: number) => {
    if (y0 === y1) return;
    edges.push(y0 < y1 ? { x0, y0, x1, y1, dir: 1 } : { x0: x1, y0: y1, x1: x0, y1: y0, dir: -1 });
  };
  /** A curve from the current point, as `steps` straight edges; ends at at(1). */
  const curve = (steps: number, at: (t: number, u: number) => [number, number]) => {
    let [px, py] = [cx, cy];
    for (let i = 1; i <= steps; i++) {
      const [x, y] = at(i / steps, 1 - i / steps);
      line(px, py, x, y);
      [px, py] = [x, y];
    }
    [cx, cy] = [px, py];
  };
  for (const c of commands) {
    switch (c.type) {
      case 'M':
        sx = cx = c.x ?? 0;
        sy = cy = c.y ?? 0;
        break;
      case 'L':
        line(cx, cy, c.x ?? 0, c.y ?? 0);
        cx = c.x ?? 0;
        cy = c.y ?? 0;
        break;
      case 'Q': {
        const [x0, y0, x1, y1, x, y] = [cx, cy, c.x1 ?? 0, c.y1 ?? 0, c.x ?? 0, c.y ?? 0];
        curve(8, (t, u) => [u * u * x0 + 2 * u * t * x1 + t * t * x, u * u * y0 + 2 * u * t * y1 + t * t * y]);
        break;
      }
      case 'C': {
        const [x0, y0, x1, y1, x2, y2, x, y] = [cx, cy, c.x1 ?? 0, c.y1 ?? 0, c.x2 ?? 0, c.y2 ?? 0, c.x ?? 0, c.y ?? 0];
        curve(12, (t, u) => [u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x, u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y]);
        break;
      }
      case 'Z':
        line(cx, cy, sx, sy);
        cx = sx;
        cy = sy;
        break;
    }
  }
  return edges;
}

/**
 * Fills `text` into `dots` (width × height, 1 = black) with its baseline at `baselineY` and its
 * left edge at `x`, `px` pixels per em.
 */
export function drawText(dots: Uint8Array, width: number, height: number, font: Font, text: string, x: number, baselineY: number, px: number): void {
  const edges = flatten(font.getPath(text, x, baselineY, px).commands);
  if (edges.length === 0) return;
  let top = Infinity;
  let bottom = -Infinity;
  for (const e of edges) {
    top = Math.min(top, e.y0);
    bottom = Math.max(bottom, e.y1);
  }
  const rowFrom = Math.max(0, Math.floor(top));
  const rowTo = Math.min(height - 1, Math.ceil(bottom));
  const coverage = new Uint8Array(width);
  const crossings: { x: number; dir: number }[] = [];
  for (let row = rowFrom; row <= rowTo; row++) {
    coverage.fill(0);
    for (let s = 0; s < SS; s++) {
      const y = row + (s + 0.5) / SS;
      crossings.length = 0;
      for (const e of edges) {
        if (y < e.y0 || y >= e.y1) continue;
        crossings.push({ x: e.x0 + ((y - e.y0) / (e.y1 - e.y0)) * (e.x1 - e.x0), dir: e.dir });
      }
      if (crossings.length < 2) continue;
      crossings.sort((a, b) => a.x - b.x);
      let winding = 0;
      for (let i = 0; i < crossings.length - 1; i++) {
        winding += crossings[i]!.dir;
        if (winding === 0) continue;
        // Samples at (k + 0.5) / SS inside [a, b).
        const a = Math.max(0, Math.ceil(crossings[i]!.x * SS - 0.5));
        const b = Math.min(width * SS, Math.ceil(crossings[i + 1]!.x * SS - 0.5));
        for (let k = a; k < b; k++) coverage[k >> 2]! += 1;
      }
    }
    const base = row * width;
    for (let col = 0; col < width; col++) if (coverage[col]! * 2 >= SS * SS) dots[base + col] = 1;
  }
}
