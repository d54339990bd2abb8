/**
 * Wires `@typescript-eslint/rule-tester` to vitest. Imported at the top of every rule test; a
 * global `tests/setup.ts` doing the same is harmless (the assignments are idempotent).
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.itSkip = it.skip;
RuleTester.describeSkip = describe.skip;

/**
 * `@typescript-eslint/rule-tester` 8.72 (its latest release) pins its own `@typescript-eslint/utils`
 * 8.72, whose `RuleModule` type is nominally different from the 8.73 copy the rules are built with
 * (the runtime objects are the same). This hands a rule to the tester with the tester's own type.
 */
export function testable(rule: object): Parameters<RuleTester['run']>[1] {
  return rule as Parameters<RuleTester['run']>[1];
}
