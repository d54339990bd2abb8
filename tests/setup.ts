// Wires @typescript-eslint/rule-tester to vitest (it needs a test framework's describe/it/afterAll,
// and vitest does not expose them as globals here).
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.itSkip = it.skip;
RuleTester.describeSkip = describe.skip;
