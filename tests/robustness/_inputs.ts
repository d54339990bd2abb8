/** Shared shapes and assertions for the hostile-input tests. */
import { expect } from 'vitest';
import type { LintSummary, Template } from './_worker.js';

export const REQUIRE_EXEC = "'use strict';\nconst { exec } = require('child_process');\n";

/** A CommonJS handler the engine analyses: exported `handler(event)`, `child_process` in scope. */
export function handler(body: string, before = ''): string {
  return `${REQUIRE_EXEC}${before}exports.handler = async (event) => {\n${body}\n};\n`;
}

/** `const v = <open×n><core><close×n>; exec(v);` inside a handler. */
export function nested(open: string, core: string, close: string): Template {
  return {
    prefix: `${REQUIRE_EXEC}exports.handler = async (event) => {\n  const v = `,
    open,
    core,
    close,
    suffix: ';\n  exec(v);\n};\n',
  };
}

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** The plugin ran on the input (parsed, a handler found, the engine reached) and nothing threw. */
export function expectAnalysed(r: LintSummary): void {
  expect(r.thrown, 'no rule exception').toBeUndefined();
  expect(r.probeError, 'getFileAnalysis did not throw').toBeNull();
  expect(r.fatal, 'the parser accepted the input').toBeNull();
  expect(r.analysis?.handlers, 'the handler was found').toBeGreaterThan(0);
}

/**
 * The flow from the event to the sink is real, so the engine either reports it or says that a
 * budget ran out (bounds hit or fixed point cut short): silence is never unexplained.
 */
export function expectFoundOrBudgetSpent(r: LintSummary): void {
  expectAnalysed(r);
  const spent = (r.analysis?.exhausted ?? 0) > 0 || r.analysis?.converged === false;
  expect(r.findings.length > 0 || spent, `finding or spent budget (${JSON.stringify(r.analysis)})`).toBe(true);
}
