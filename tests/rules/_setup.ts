/**
 * The three rule testers every rule test uses. `tests/setup.ts` wires `@typescript-eslint/rule-tester`
 * to vitest before these are built.
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';

// ESLint's default parser. The tester forces `parserOptions.sourceType: 'module'` unless it is set,
// so it is repeated there (otherwise CommonJS files would be parsed as strict ES modules).
export const esm = new RuleTester({
  languageOptions: { parser: espree, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { sourceType: 'module' } },
});
export const cjs = new RuleTester({
  languageOptions: { parser: espree, ecmaVersion: 'latest', sourceType: 'commonjs', parserOptions: { sourceType: 'commonjs' } },
});
/** `@typescript-eslint/parser` (the tester's default). */
export const ts = new RuleTester();
