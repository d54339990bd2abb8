// Lints the plugin's own code (not the fixtures and examples, which are deliberately vulnerable).
// Run with `npm run lint`, which calls ESLint 10 by path: `node_modules/.bin/eslint` may point
// at the `eslint-v9` alias, since both packages declare the same bin name.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

/** Node globals for `.mjs` scripts (the `globals` package is not a direct dependency). */
const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Buffer',
    'TextDecoder',
    'TextEncoder',
    'URL',
    'URLSearchParams',
    'clearImmediate',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'globalThis',
    'performance',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores(
    [
      'dist/',
      'coverage/',
      'tests/fixtures/**',
      'examples/**',
      'bench/corpus/**',
      'docs/**',
    ],
    'serverless-security-dev/ignores',
  ),
  {
    name: 'serverless-security-dev/files',
    files: ['src/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.mjs', 'bench/**/*.mjs', '*.mjs', '*.ts', '*.js', '*.cjs'],
  },
  {
    // Root CommonJS config files (e.g. .eslint-doc-generatorrc.js).
    name: 'serverless-security-dev/commonjs',
    files: ['*.js', '*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'commonjs',
      globals: { ...nodeGlobals, module: 'writable', exports: 'writable', require: 'readonly', __dirname: 'readonly', __filename: 'readonly' },
    },
  },
  {
    name: 'serverless-security-dev/javascript',
    files: ['**/*.mjs', '**/*.ts'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-unused-vars': [
        'error',
        { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    name: 'serverless-security-dev/typescript',
    files: ['**/*.ts'],
    // Type-aware: about 10 s for the whole repository (3 s without types), worth it for the
    // promise and `any` rules in a codebase that is mostly AST plumbing.
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // tsconfig.json covers src, tests, scripts and bench; root config files use the default project.
        projectService: { allowDefaultProject: ['*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // AST code compares `node.type` with string literals ('CallExpression'), which are exactly the
      // values of typescript-eslint's AST_NODE_TYPES string enum; TypeScript narrows on them.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // The codebase separates type-only imports; keep it that way so `tsc` never emits a
      // runtime require for a type.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    name: 'serverless-security-dev/rules',
    files: ['src/rules/**/*.ts'],
    extends: [eslintPlugin.configs['rules-recommended']],
    rules: {
      // STYLE.md: every rule is a `no-<vulnerability>` rule whose description starts "Disallow".
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^Disallow ' }],
      // Rules report through the shared `reportFindings` helper (src/rules/utils.ts), which these
      // two rules cannot follow: they would flag every finding messageId as unused and every
      // `hasSuggestions` as needless. The rule tests exercise each messageId and suggestion, and
      // ESLint itself throws when a rule suggests without `hasSuggestions`.
      'eslint-plugin/no-unused-message-ids': 'off',
      'eslint-plugin/require-meta-has-suggestions': 'off',
    },
  },
  {
    name: 'serverless-security-dev/rule-tests',
    files: ['tests/rules/**/*.ts'],
    extends: [eslintPlugin.configs['tests-recommended']],
  },
);
