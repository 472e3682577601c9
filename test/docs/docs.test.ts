/**
 * The documentation says what the code does: every IPC channel, CLI command and environment variable
 * has its row (a test fails when one is added without it), the README fits a screen or two, and no
 * link leads outside the repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/ipc/contract.js';
import { runTolem } from '../helpers/cli.js';
import { ENV_VARIABLES } from '../../main/config/schema.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
const docs = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx|cts)$/.test(e.name)) out.push(rel);
  }
  return out;
}

describe('the documentation', () => {
  it('has a row for every IPC channel', () => {
    const page = read('docs/architecture.md');
    const missing = Object.keys(channels).filter((c) => !page.includes(`| \`${c}\` |`));
    expect(missing, 'channels without a row in docs/architecture.md').toEqual([]);
  });

  it('has every command of `tolem help`', async () => {
    const help = (await runTolem(['help'], process.env)).stdout;
    const commands = [...new Set([...help.matchAll(/^\s+tolem ([a-z-]+)/gm)].map((m) => m[1]!))];
    expect(commands.length).toBeGreaterThan(10);
    const page = read('docs/cli.md');
    expect(commands.filter((c) => !page.includes(`tolem ${c}`)), 'commands missing from docs/cli.md').toEqual([]);
  });

  it('has every environment variable the code reads', () => {
    const vars = new Set<string>();
    for (const f of [...sources('main'), ...sources('dev'), ...sources('shared'), ...sources('test/helpers')]) for (const m of read(f).matchAll(/\b(TOLEM_[A-Z0-9_]+)\b/g)) vars.add(m[1]!);
    const page = read('docs/configuration.md');
    expect([...vars].filter((v) => !page.includes(v)).sort(), 'variables missing from docs/configuration.md').toEqual([]);
  });

  it("names, for each of the configuration's variables, the config.json setting it overrides", () => {
    const rows = read('docs/configuration.md').split('\n').filter((l) => l.startsWith('| '));
    const wrong = ENV_VARIABLES.filter((v) => {
      const row = rows.find((r) => r.split('|')[1]!.includes(`\`${v.name}\``));
      return !row || !row.split('|')[2]!.includes(v.setting === null ? '—' : `\`${v.setting}\``);
    });
    expect(wrong.map((v) => `${v.name} → ${v.setting ?? '—'}`), 'rows of docs/configuration.md naming another setting (or none)').toEqual([]);
  });

  it('keeps the README short: what it is, the two commands, what to try, links', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThanOrEqual(150);
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
  });

  it('links only within the repository, to files that exist', () => {
    const broken: string[] = [];
    for (const f of ['README.md', ...docs]) {
      for (const m of read(f).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!.split('#')[0]!;
        if (/^[a-z]+:/i.test(m[1]!)) {
          broken.push(`${f}: ${m[1]} leaves the repository`);
          continue;
        }
        if (!target) continue;
        const resolved = path.resolve(root, path.dirname(f), target);
        if (!resolved.startsWith(root + path.sep) || !fs.existsSync(resolved)) broken.push(`${f}: ${m[1]}`);
      }
      if (/\.\.\/shared\//.test(read(f))) broken.push(`${f}: names ../shared/, which no clone has`);
    }
    expect(broken).toEqual([]);
  });
});
