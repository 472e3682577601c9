/** resources/ of this installation (fonts, logos): TOLEM_RESOURCES_DIR, else found upwards from this file. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function resourcesDir(): string {
  if (process.env.TOLEM_RESOURCES_DIR) return process.env.TOLEM_RESOURCES_DIR;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'resources', 'fonts', 'DejaVuSansMono.ttf'))) return path.join(dir, 'resources');
    dir = path.dirname(dir);
  }
  throw new Error('resources/fonts/DejaVuSansMono.ttf not found: set TOLEM_RESOURCES_DIR');
}
