/**
 * The architecture's boundaries are enforced by lint: a domain file importing electron, or a
 * renderer file importing electron, better-sqlite3, Node or the domain, fails CI.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Virtual files are not in the TypeScript project: lint them without type information.
const eslint = new ESLint({
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
  ignore: false,
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('the domain may not import electron', async () => {
    expect(await problems('main/engine/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([expect.stringMatching(/plain Node/)]);
  });

  it('the Electron host may', async () => {
    expect(await problems('main/host/electron/window.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it.each([
    ["import { ipcRenderer } from 'electron';", /typed IPC client/],
    ["import Database from 'better-sqlite3';", /journal lives in the domain/],
    ["import fs from 'node:fs';", /without Node/],
    ["import { Journal } from '../main/journal/journal.js';", /only the IPC contract/],
  ])('the renderer may not: %s', async (line, message) => {
    expect(await problems('renderer/src/App.tsx', `${line}\nexport const x = 1;\n`)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    "import type { TolemApi } from '../../main/ipc/contract';",
    "import { checkField } from '../../main/catalog/validation';",
    "import { parseAmount } from '../../main/money/amount';",
  ])('the renderer may share the contract and the pure rules: %s', async (line) => {
    expect(await problems('renderer/src/App.tsx', `${line}\nexport const x = 1;\n`)).toEqual([]);
  });
});
