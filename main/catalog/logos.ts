/**
 * Service logos for a kiosk's tiles: image files named by serviceId, in resources/logos (shipped) and
 * <data dir>/logos (the agent's own, which win), SVG or PNG, each at most 256 KiB. Read once, given to
 * the screens as data URLs (the screens' CSP allows images from data: only). A service without one
 * gets a monogram tile.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resourcesDir } from '../base/resources.js';

const TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png' };
const MAX_BYTES = 256 * 1024;
const MAX_LOGOS = 2000;

export function loadLogos(dirs: string[]): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  let count = 0;
  for (const dir of dirs) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const ext = path.extname(name).toLowerCase();
      const id = path.basename(name, path.extname(name));
      const type = TYPES[ext];
      if (!type || !/^[\w.-]{1,64}$/.test(id) || count >= MAX_LOGOS) continue;
      const file = path.join(dir, name);
      const st = fs.statSync(file);
      if (!st.isFile() || st.size > MAX_BYTES) continue;
      if (!(id in out)) count += 1;
      out[id] = `data:${type};base64,${fs.readFileSync(file).toString('base64')}`;
    }
  }
  return out;
}

/** The logos a terminal shows: the shipped ones, then the agent's own in its data directory (which win). */
export function terminalLogos(dataDir: string): Record<string, string> {
  let shipped: string[] = [];
  try {
    shipped = [path.join(resourcesDir(), 'logos')];
  } catch {
    // No resources found: the agent's own logos only.
  }
  return loadLogos([...shipped, path.join(dataDir, 'logos')]);
}
