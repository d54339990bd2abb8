/**
 * Deeply nested expressions inside a real handler (`exports.handler = async (event) => …` with
 * `child_process` in scope), linted with the built plugin's `all` config in a worker thread that
 * enforces a wall-clock budget and a heap cap (see `_worker.ts`).
 *
 * The parsers recurse: in a worker with Node's default 4 MB stack, espree gives up at a few
 * thousand levels ("Not enough stack space to parse input") and @typescript-eslint/parser throws
 * "Maximum call stack size exceeded", both reported by ESLint as parse errors. So each shape is
 * tested (1) at the deepest depth ESLint core accepts in that environment (found by binary
 * search, capped at 10,000), (2) at the full 10,000 levels in a worker with a 64 MB stack, where
 * the parsers cope, and (3) far beyond what the parser accepts, where the parse error must not
 * turn into a rule exception.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { expectAnalysed, expectFoundOrBudgetSpent, nested } from './_inputs.js';
import { build, closeWorkers, runJob, type Template } from './_worker.js';

afterAll(closeWorkers);

const DEPTH = 10_000;

/**
 * `unsafeToOverflow`: past its limit the input does not fail cleanly in ESLint core but aborts the
 * whole process: nested template literals at ~3,000 levels on a 4 MB stack make `espree.parse`
 * alone (no ESLint rules, no plugin) die with "FATAL ERROR: RegExpCompiler Allocation failed -
 * process out of memory" (V8 runs out of stack inside its regex compiler while acorn tokenizes).
 * Such shapes are only linted at depths where they parse.
 */
const SHAPES: { name: string; template: Template; ts?: boolean; unsafeToOverflow?: boolean }[] = [
  { name: 'parentheses (((…event.body…)))', template: nested('(', 'event.body', ')') },
  { name: 'calls String(String(…event.body…))', template: nested('String(', 'event.body', ')') },
  { name: 'calls in TypeScript', template: nested('String(', 'event.body', ')'), ts: true },
  { name: "right-nested concatenation 'a' + ('a' + (…))", template: nested("'a' + (", 'event.body', ')') },
  { name: 'conditionals event.a ? event.body : …', template: nested('event.a ? event.body : ', 'event.body', '') },
  { name: 'arrays [[[…event.body…]]]', template: nested('[', 'event.body', ']') },
  { name: 'object literals { a: { a: … } }', template: nested('{ a: ', 'event.body', ' }') },
  { name: 'template literals `${`${…}`}`', template: nested('`${', 'event.body', '}`'), unsafeToOverflow: true },
  { name: 'immediately invoked arrows (() => (() => …)())()', template: nested('(() => ', 'event.body', ')()') },
];

describe('deep nesting, default 4 MB worker stack', () => {
  // The deepest input ESLint core accepts here (<= 10,000 levels) lints without a rule exception.
  it.each(SHAPES.filter((s) => !s.unsafeToOverflow))('$name: deepest accepted input', async ({ name, template, ts }) => {
    const r = await runJob({ kind: 'deepest', template, max: DEPTH, ...(ts ? { ts } : {}) }, { timeoutMs: 40_000 });
    console.info(`[deep-nesting] ${name}: ESLint core accepts ${r.limit} levels on a 4 MB stack; linted ${r.depth} in ${Math.round(r.ms)} ms`);
    expectFoundOrBudgetSpent(r);
    expect(r.depth, 'depth linted').toBeGreaterThan(Math.min(500, r.limit * 0.5));
  }, 60_000);

  // Input far past the parser's limit: a parse error (fatal, no rule id), never a rule exception.
  it.each(SHAPES.filter((s) => !s.unsafeToOverflow && (s.name.startsWith('parentheses') || s.ts)))('$name: parser failure at 100,000 levels', async ({ template, ts }) => {
    const r = await runJob({ kind: 'lint', code: build(template, 100_000), ...(ts ? { ts } : {}) });
    expect(r.thrown).toBeUndefined();
    expect(r.fatal).toMatch(/stack/i);
    expect(r.findings).toEqual([]);
  }, 30_000);
});

describe('deep nesting, 64 MB worker stack', () => {
  // With room on the stack the parsers accept all 10,000 levels, and so must the plugin. Nested
  // IIFEs are the slow case (~9 s: reachability indexes every call site under each enclosing
  // function, quadratic in nesting depth), hence the generous budget.
  it.each(SHAPES)('$name: 10,000 levels', async ({ template, ts }) => {
    const r = await runJob({ kind: 'lint', code: build(template, DEPTH), ...(ts ? { ts } : {}) }, { stackSizeMb: 64, timeoutMs: 40_000 });
    expectFoundOrBudgetSpent(r);
  }, 60_000);
});

// Sanity: the harness really runs the analysis (a shallow version of a shape is reported).
it('reports the shallow version of a nested flow', async () => {
  const r = await runJob({ kind: 'lint', code: build(nested('(', 'event.body', ')'), 3) });
  expectAnalysed(r);
  expect(r.findings).toEqual(['no-command-injection@5']);
});
