// One lint setup for the whole repository, with type information; Prettier owns formatting.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '**/data/**', '**/.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      // Numbers read as themselves in messages; objects and unknowns must be made text first.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // A function longer in branches than this is split, or says why not.
      complexity: ['error', 12],
      // fastify plugins and hooks, and the Cactus and keychain interfaces, are async by contract:
      // an async function without `await` is how they return a promise.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests, benchmarks and scenario runners read as a list of steps, however many.
    files: ['**/*.test.ts', '**/test/**/*.ts', '**/bench/**/*.ts', '**/scenarios/**/*.ts'],
    rules: {
      complexity: 'off',
      // jest's asymmetric matchers (`expect.any(String)`) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  prettier,
);
