/**
 * The architecture's boundaries are enforced by lint (docs/architecture.md): an import that runs
 * up the floors, or across a line the design draws, fails CI.
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
    expect(await problems('main/payments/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([expect.stringMatching(/plain Node/)]);
  });

  it('the Electron host may', async () => {
    expect(await problems('main/host/electron/window.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it.each([
    ["import { ipcRenderer } from 'electron';", /typed IPC client/],
    ["import Database from 'better-sqlite3';", /journal lives in the domain/],
    ["import fs from 'node:fs';", /without Node/],
    ["import { Journal } from '../../main/payments/payment-journal.js';", /only shared/],
    ["import { startSandbox } from '../../dev/sandbox/server.js';", /only shared/],
  ])('the renderer may not: %s', async (line, message) => {
    expect(await problems('renderer/src/App.tsx', `${line}\nexport const x = 1;\n`)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    "import type { TolemApi } from '../../shared/ipc/contract';",
    "import { checkField } from '../../shared/rules/input-validation';",
    "import { parseAmount } from '../../shared/money/amount';",
  ])('the renderer may share the contract and the pure rules: %s', async (line) => {
    expect(await problems('renderer/src/App.tsx', `${line}\nexport const x = 1;\n`)).toEqual([]);
  });

  it.each([
    ['main/payments/x.ts', "import { handlers } from '../ipc/handlers.js';", /stand above it/],
    ['main/store/x.ts', "import { openTerminal } from '../app/terminal.js';", /stand above it/],
    ['main/receipts/x.ts', "import { rendererDir } from '../host/static-files.js';", /stand above it/],
    ['main/payments/x.ts', "import { startSandbox } from '../../dev/sandbox/server.js';", /composition root/],
    ['main/ipc/x.ts', "import { startSandbox } from '../../dev/sandbox/server.js';", /composition root/],
    ['main/base/x.ts', "import { Journal } from '../payments/payment-journal.js';", /under every area/],
    ['main/app/x.ts', "import { handlers } from '../ipc/handlers.js';", /never imports the IPC/],
    ['main/host/browser/x.ts', "import { runCli } from '../../cli/cli.js';", /never imports the CLI/],
    ['shared/money/x.ts', "import { Journal } from '../../main/payments/payment-journal.js';", /imports nothing of main/],
    ['shared/money/x.ts', "import fs from 'node:fs';", /without Node/],
    ['dev/sandbox/x.ts', "import { parseWire } from '../../main/base/wire-json.js';", /own codec/],
    ['dev/sandbox/x.ts', "import { parseAmount } from '../../shared/money/amount.js';", /own codec/],
    ['dev/devices/x.ts', "import { crc16Kermit } from '../../main/cash/devices/crc16-kermit.js';", /own framing/],
  ])('%s may not: %s', async (file, line, message) => {
    expect(await problems(file, `${line}\nexport const x = 1;\n`)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['main/app/x.ts', "import { startSandbox } from '../../dev/sandbox/server.js';"],
    ['main/cli/x.ts', "import { startVirtualPrinter } from '../../dev/virtual-printer.js';"],
    ['main/payments/x.ts', "import { parseAmount } from '../../shared/money/amount.js';"],
    ['main/ipc/x.ts', "import { openTerminal } from '../app/terminal.js';"],
  ])('%s may: %s', async (file, line) => {
    expect(await problems(file, `${line}\nexport const x = 1;\n`)).toEqual([]);
  });
});
