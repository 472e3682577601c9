// Lint, including the architecture's boundaries (docs/architecture.md). Each area may import only
// what stands below it:
//   shared/        what the renderer may import (contract, money, words, rules): nothing else of the repo, no Node
//   main/base/     ids, time, wire, logging, platform: only shared/
//   main/<domain>/ store, processing, payments, payouts, cash, catalog, receipts, admin, config:
//                  never a host, the IPC, the CLI, the composition root (main/app/) or dev/
//   main/app/      the composition root: the domain, and dev/ when the sandbox is chosen; never the IPC, CLI, hosts
//   main/ipc/      never the CLI or the hosts; main/host/ never the CLI
//   dev/sandbox/   processing's emulator: its own codec and money, nothing of main/ or shared/
//   dev/devices/   the bill validators' simulators: their own framing, nothing of main/ or shared/
//   renderer/      only shared/ (and never electron, better-sqlite3 or Node)
// Only main/host/electron/ imports electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto'];
const ELECTRON = { name: 'electron', message: 'The domain runs under plain Node: only main/host/electron/ may import electron.' };
const SQLITE = { name: 'better-sqlite3', message: 'The journal lives in the domain, never in the renderer or shared/.' };
const NODE = (message) => ({ group: nodeBuiltins, message });
const noPath = (regex, message) => ({ regex, message });
const DEV = noPath('(^|/)dev/', 'dev/ (the sandbox, the virtual printer) is started only by the composition root (main/app/) and the CLI.');
const ABOVE_DOMAIN = noPath('^\\.\\./(app|ipc|cli|host)/', 'The domain never imports the composition root, the IPC, the CLI or a host: they stand above it.');
const restrict = (paths, patterns) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });
const DOMAIN = ['base', 'store', 'processing', 'payments', 'payouts', 'cash', 'catalog', 'receipts', 'till', 'admin', 'config'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'test-artifacts/**', 'preload/**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  { files: DOMAIN.map((a) => `main/${a}/**/*.ts`), rules: restrict([ELECTRON], [DEV, ABOVE_DOMAIN]) },
  { files: ['main/base/**/*.ts'], rules: restrict([ELECTRON], [DEV, noPath('^\\.\\./[^.]', 'main/base/ stands under every area: it imports none of them.')]) },
  { files: ['main/app/**/*.ts'], rules: restrict([ELECTRON], [noPath('^\\.\\./(ipc|cli|host)/', 'The composition root never imports the IPC, the CLI or a host: they stand above it.')]) },
  { files: ['main/ipc/**/*.ts'], rules: restrict([ELECTRON], [DEV, noPath('^\\.\\./(cli|host)/', 'The IPC never imports the CLI or a host.')]) },
  { files: ['main/cli/**/*.ts'], rules: restrict([ELECTRON], []) },
  { files: ['main/host/**/*.ts'], ignores: ['main/host/electron/**'], rules: restrict([ELECTRON], [DEV, noPath('(^|/)cli/', 'A host never imports the CLI.')]) },
  { files: ['main/host/electron/**/*.ts'], rules: restrict([], [DEV, noPath('(^|/)cli/', 'A host never imports the CLI.')]) },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([ELECTRON, SQLITE], [NODE('shared/ runs in the renderer too, without Node.'), noPath('(^|/)(main|dev|renderer)/', 'shared/ stands under everything: it imports nothing of main/, dev/ or the renderer.')]),
  },
  { files: ['dev/**/*.ts'], rules: restrict([ELECTRON], []) },
  {
    files: ['dev/sandbox/**/*.ts'],
    rules: restrict([ELECTRON], [noPath('(^|/)(main|shared)/', "The sandbox emulates processing with its own codec and money: sharing the client's would hide a codec bug from the tests.")]),
  },
  {
    files: ['dev/devices/**/*.ts'],
    rules: restrict([ELECTRON], [noPath('(^|/)(main|shared)/', "The device simulators speak CCNET and ID003 with their own framing: sharing the driver's would hide a framing bug from the tests.")]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(
      [
        { name: 'electron', message: 'The renderer talks to the terminal only through the typed IPC client.' },
        { name: 'better-sqlite3', message: 'The journal lives in the domain, never in the renderer.' },
      ],
      [NODE('The renderer runs sandboxed, without Node.'), noPath('(^|/)(main|dev)/', 'The renderer imports only shared/ (the IPC contract, money, words, rules) of the rest of the repo.')],
    ),
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
