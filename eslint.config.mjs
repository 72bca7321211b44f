import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-output/**', 'coverage/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // Plain Node scripts run before the build (scripts/check-native-addons.cjs), and the embedded
    // database's worker thread (libs/platform/src/database/embedded-postgres.worker.cjs).
    files: ['scripts/**/*.cjs', 'libs/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', process: 'readonly', console: 'readonly', Buffer: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Dates decide due dates, expiry, classification and overdue figures: production code reads
    // the time through the injectable business Clock (libs/platform/src/clock), which tests pin,
    // so no outcome depends on the day the code runs. Durations use performance.now().
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Read the business Clock (clock.now() / clock.nowMs()), or performance.now() for a duration.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read the business Clock (clock.now()) instead of new Date().',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'Date() reads the real time; read the business Clock.',
        },
      ],
    },
  },
  {
    // Tests read JSON bodies of many shapes.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
