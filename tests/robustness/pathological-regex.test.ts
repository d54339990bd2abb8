/**
 * Huge and pathological regular expressions applied to event data in a real handler, linted with
 * the built plugin's `all` config in a worker thread under a wall-clock budget and a heap cap
 * (`_worker.ts`). The regex analysis (regexpp parse, scslre, loop checks) must neither throw, nor
 * recurse off the stack, nor take unbounded time; classic catastrophic patterns must still be
 * reported.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { expectAnalysed, handler, range } from './_inputs.js';
import { closeWorkers, runJob } from './_worker.js';

afterAll(closeWorkers);

/** `return /source/flags.test(event.body);` */
const literal = (source: string, flags = ''): string => handler(`  return /${source}/${flags}.test(event.body);`);
/** `return new RegExp('source', 'flags').test(event.body);` — the parser does not validate it. */
const constructed = (source: string, flags = ''): string => handler(`  return new RegExp(${JSON.stringify(source)}, '${flags}').test(event.body);`);
/** `a0|a1|…` with `n` distinct alternatives. */
const alternatives = (n: number): string => range(n).map((i) => `w${i.toString(36)}`).join('|');

describe('huge regexes', () => {
  // Beyond the analysis' source-length budget (5,000 characters) the regex is skipped, never analysed.
  it.each([
    ['a 10,000-character alternation literal', literal(`(?:${alternatives(1800)})+$`)],
    ['a 10,000-character catastrophic literal', literal(`^(a+)+${'b'.repeat(10_000)}$`)],
    ['a 10,000-character pattern string in RegExp()', constructed(`^(?:${alternatives(1800)})*\\s*$`)],
  ])('%s', async (_name, code) => {
    expectAnalysed(await runJob({ kind: 'lint', code }));
  }, 30_000);

  // Just under the budget: analysed in full, within time.
  it.each([
    ['an alternation of 900 words', literal(`(?:${alternatives(900)})+x`)],
    ['1,200 overlapping alternatives in a loop', literal(`^(?:${range(1200).map((i) => 'a'.repeat(1 + (i % 3))).join('|')})+$`)],
    ['500 adjacent optional quantifiers', literal(`^${'\\s*a?'.repeat(500)}$`)],
    ['600 adjacent [\\s\\S]* quantifiers', literal(`^${'[\\s\\S]*'.repeat(600)}x$`)],
  ])('%s', async (_name, code) => {
    expectAnalysed(await runJob({ kind: 'lint', code }));
  }, 30_000);
});

describe('deeply nested regexes', () => {
  // Nested groups and lookarounds as deep as the source-length budget (5,000 characters) allows.
  it.each([
    ['1,000 nested groups (literal)', literal(`${'('.repeat(1000)}a${')'.repeat(1000)}`)],
    ['2,400 nested groups (RegExp string)', constructed(`${'('.repeat(2400)}a${')'.repeat(2400)}`)],
    ['1,240 nested lookaheads', constructed(`${'(?='.repeat(1240)}a${')'.repeat(1240)}`)],
    ['990 nested negative lookbehinds', constructed(`${'(?<!'.repeat(990)}a${')'.repeat(990)}`)],
    ['300 nested quantified groups, anchored', constructed(`${'(?:'.repeat(300)}a${')*'.repeat(300)}$`)],
    ['400 nested bounded quantifiers', constructed(`^${'(?:'.repeat(400)}a${'){2}'.repeat(400)}`)],
    ['nested counted repetition', literal('^(?:(?:(?:a{1,100}){1,100}){1,100}){1,100}$')],
  ])('%s', async (_name, code) => {
    expectAnalysed(await runJob({ kind: 'lint', code }));
  }, 30_000);

  // Once hung (scslre's time explodes with unbounded-quantifier nesting); the engine now stops
  // analysing past 12 nested unbounded quantifiers and stays silent for that regex.
  it('60 nested unbounded quantifiers finish quickly and stay silent', async () => {
    const code = handler(
      [
        `  const a = new RegExp(${JSON.stringify(`${'(?:'.repeat(60)}a${')+'.repeat(60)}`)}).test(event.body);`,
        `  const b = /${'('.repeat(45)}a${')*'.repeat(45)}/.test(event.body);`,
        '  return a && b;',
      ].join('\n'),
    );
    const r = await runJob({ kind: 'lint', code }, { timeoutMs: 6_000 });
    expectAnalysed(r);
  }, 30_000);
});

describe('catastrophic patterns applied to event data', () => {
  // Classic ReDoS shapes on the request body are reported, one finding each.
  it('reports each of them', async () => {
    const patterns = [
      '^(a+)+$',
      '^(\\w+\\s?)*$',
      '(a|a)*b',
      '^(.*a){20}$',
      '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
      '^(?:\\p{L}|\\p{Lu}|\\w)+$',
      '^(a*)\\1*(b*)\\2*(?:\\1\\2)+$',
    ];
    const body = patterns.map((p, i) => `  const r${i} = /${p}/${p.includes('\\p') ? 'u' : ''}.test(event.body);`).join('\n');
    const r = await runJob({ kind: 'lint', code: handler(body) });
    expectAnalysed(r);
    expect(r.findings).toEqual(patterns.map((_, i) => `no-redos@${i + 4}`));
  }, 30_000);

  // Event data as the pattern itself (regex injection), and invalid / empty patterns, never throw.
  it('handles injected, invalid and empty patterns', async () => {
    const body = [
      "  new RegExp(event.body).test('x');",
      "  new RegExp('(((').test(event.body);",
      "  new RegExp('a{2,1}').test(event.body);",
      "  new RegExp('[z-a]', 'v').test(event.body);",
      "  new RegExp('', 'gimsuyd').test(event.body);",
      "  new RegExp('(?<n>a)\\\\k<m>', 'u').test(event.body);",
    ].join('\n');
    const r = await runJob({ kind: 'lint', code: handler(body) });
    expectAnalysed(r);
    expect(r.findings).toEqual(['no-redos@4']);
  }, 30_000);
});
