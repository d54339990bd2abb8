// ESLint config for the demo handlers: the plugin's `recommended` config (loaded from the build in
// ../dist, so run `npm run build` first) and @typescript-eslint/parser for TypeScript files.
import tsParser from '@typescript-eslint/parser';
import serverless from '../dist/index.js';

export default [
  { ignores: ['eslint.config.mjs'] },
  { files: ['**/*.{js,mjs,cjs,ts}'], ...serverless.configs.recommended },
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
];
