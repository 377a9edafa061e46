// ESLint for the server, the pages, the tests and the benchmarks: typescript-eslint's recommended rules, with
// Prettier owning the layout (eslint-config-prettier turns off the rules that would fight it). Module boundaries
// (a context's entities and repositories are its own) are checked by dependency-cruiser: .dependency-cruiser.cjs.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names are errors, except the conventional "_" prefix for a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The service logs through pino, whose redaction keeps personal data out; a console call would bypass it.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // A variable a hook reads before the application has set it (bootstrap's request logger) stays a let.
    rules: { 'prefer-const': ['error', { ignoreReadBeforeAssign: true }] },
  },
  {
    files: ['bench/**/*.spec.mjs'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['test/browser/**/*.ts', 'scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  prettier,
);
