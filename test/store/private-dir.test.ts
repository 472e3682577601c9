/** The data directory (journal, config with the processing token, logs, the screens' profile) is closed to other local users. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournalDatabase } from '../../main/store/database.js';
import { tempDir } from '../helpers/harness.js';

describe.skipIf(process.platform === 'win32')('the data directory', () => {
  it('is created 0700, and an existing one others could read is closed to them', () => {
    const root = tempDir();
    const fresh = path.join(root, 'fresh');
    openJournalDatabase(path.join(fresh, 'journal.sqlite')).close();
    expect(fs.statSync(fresh).mode & 0o777).toBe(0o700);
    const open = path.join(root, 'open');
    fs.mkdirSync(open, { mode: 0o755 });
    fs.chmodSync(open, 0o755);
    openJournalDatabase(path.join(open, 'journal.sqlite')).close();
    expect(fs.statSync(open).mode & 0o077).toBe(0);
  });
});
