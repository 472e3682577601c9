// Lint, including the architecture's boundaries (see ../shared/STYLE.md):
// the domain in main/ never imports electron (only main/host/electron/ may); the renderer never
// imports electron, better-sqlite3, Node built-ins or the domain (only the IPC contract's types, and
// the pure modules whose rules the screens must apply exactly as the engine does: input validation
// by the catalog's regexps, and amounts as text ↔ tiyn).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto'];

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
  {
    files: ['main/**/*.ts'],
    ignores: ['main/host/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The domain runs under plain Node: only main/host/electron/ may import electron.' }] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to the terminal only through the typed IPC client.' },
            { name: 'better-sqlite3', message: 'The journal lives in the domain, never in the renderer.' },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer runs sandboxed, without Node.' },
            {
              regex: '(^|/)main/(?!(ipc/contract|catalog/validation|money/amount|money/limits|invoice/lines|payouts/card|api/v20/result-codes)(\\.js)?$)',
              message: 'The renderer imports only the IPC contract (and the pure validation, amount, limit, invoice-line, card-number and result-code modules) from main/.',
            },
          ],
        },
      ],
    },
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
