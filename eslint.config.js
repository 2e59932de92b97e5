// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Async functions that satisfy a Promise-returning interface need no await.
      '@typescript-eslint/require-await': 'off',
      // A promise returned un-awaited from try/catch/finally escapes the handlers (and can
      // reject while `finally` still runs, which Node reports as unhandled).
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through src/config.ts.',
        },
      ],
    },
  },
  {
    // The engine, and the fakes and helpers every test stands on, stay readable in pieces: a
    // file a reader can hold in mind, a function that fits on a screen. Counted with blank
    // lines and comments, as a reader meets them.
    files: [
      'src/**/*.ts',
      'commands/**/*.ts',
      'scripts/**/*.ts',
      'test/fakes/**/*.ts',
      'test/helpers/**/*.ts',
    ],
    // Test files (the fakes' own included) are lists of cases, as long as their cases.
    ignores: ['test/**/*.test.ts'],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
  {
    // Tests, benches and the config module itself may read the environment.
    files: ['src/config.ts', 'test/**', 'bench/**', 'scripts/**', '*.config.*'],
    rules: { 'no-restricted-properties': 'off' },
  },
  { files: ['*.js'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
