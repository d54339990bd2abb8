/**
 * Pathological data flow in a real handler — thousands of mutually recursive helpers, a class
 * whose 1,000 methods call each other through `this`, cyclic assignments, 1,000-deep computed
 * property chains — linted with the built plugin's `all` config in a worker thread under a
 * wall-clock budget and a heap cap (`_worker.ts`). Each must finish without a rule exception;
 * where the engine goes silent on a real flow, it must say that a budget ran out.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { expectAnalysed, expectFoundOrBudgetSpent, handler, range, REQUIRE_EXEC } from './_inputs.js';
import { closeWorkers, runJob } from './_worker.js';

afterAll(closeWorkers);

const HELPERS = 2_000;
const METHODS = 1_000;

describe('recursion', () => {
  // 2,000 helpers in a ring, each passing the event data on (wrapped in an object on one branch)
  // to the next and to a far one; the last one executes it.
  it('2,000 mutually recursive helpers passing event data around', async () => {
    const helpers = range(HELPERS).map(
      (i) => `function h${i}(data, n) {
  if (n > ${i}) return h${(i + 1) % HELPERS}(data + '${i}', n - 1);
  if (n < 0) return h${(i * 7 + 3) % HELPERS}({ payload: data }, n + 1).payload;
  ${i === HELPERS - 1 ? 'exec(data);' : ''}
  return data;
}`,
    );
    const code = `${REQUIRE_EXEC}${helpers.join('\n')}\nexports.handler = async (event) => {\n  return h0(event.body, 10);\n};\n`;
    expectFoundOrBudgetSpent(await runJob({ kind: 'lint', code }));
  }, 30_000);

  // 2,000 helpers whose return values fan out to three others (a dense call graph with cycles).
  it('2,000 helpers with a dense cyclic call graph', async () => {
    const helpers = range(HELPERS).map(
      (i) => `function h${i}(data) {
  return ${i === HELPERS - 1 ? 'data' : i % 2 ? `h${i + 1}(data)` : `h${i + 1}(data) + h${(i + 2) % HELPERS}(data) + h${(i + 999) % HELPERS}(data)`};
}`,
    );
    const code = `${REQUIRE_EXEC}${helpers.join('\n')}\nexports.handler = async (event) => {\n  exec(h0(event.body));\n};\n`;
    expectFoundOrBudgetSpent(await runJob({ kind: 'lint', code }));
  }, 30_000);

  // A class with 1,000 methods calling each other through `this`; the last one executes.
  it('a class with 1,000 methods calling each other via this', async () => {
    const methods = range(METHODS).map(
      (i) => `  m${i}(x) {
    ${i === METHODS - 1 ? 'exec(x);\n    return x;' : `return this.m${i + 1}(x + '${i}') || this.m${(i * 13) % METHODS}(x);`}
  }`,
    );
    const code = `${REQUIRE_EXEC}class Service {\n${methods.join('\n')}\n}\nexports.handler = async (event) => new Service().m0(event.body);\n`;
    expectFoundOrBudgetSpent(await runJob({ kind: 'lint', code }));
  }, 30_000);
});

describe('cyclic assignments', () => {
  // `a = b; b = a; a = a + event.body`: the fixed point converges and reports the flow.
  it('a two-variable cycle', async () => {
    const r = await runJob({ kind: 'lint', code: handler("  let a = '', b = '';\n  a = b;\n  b = a;\n  a = a + event.body;\n  exec(b);") });
    expectAnalysed(r);
    expect(r.findings).toEqual(['no-command-injection@8']);
  }, 30_000);

  // A 1,000-variable ring, in both orders (one needs a pass per variable, past the pass budget).
  it.each([
    ['forward', (i: number) => `  v${i} = v${(i + 1) % 1000};`],
    ['backward', (i: number) => `  v${i} = v${(i + 999) % 1000};`],
  ] as const)('a 1,000-variable ring (%s)', async (_order, assign) => {
    const declare = `  let ${range(1000).map((i) => `v${i} = ''`).join(', ')};`;
    const body = `${declare}\n${range(1000).map(assign).join('\n')}\n  v500 = v500 + event.body;\n  exec(v0);`;
    expectFoundOrBudgetSpent(await runJob({ kind: 'lint', code: handler(body) }));
  }, 30_000);

  // Self-referential object graph: o.self = o; o.next = o.self; the body travels around the loop.
  it('a self-referential object graph', async () => {
    const body = "  const o = { data: '' };\n  o.self = o;\n  o.next = o.self.self;\n  o.next.self.data = event.body;\n  for (let i = 0; i < 3; i++) o.self = o.next.self;\n  exec(o.self.next.data);";
    expectFoundOrBudgetSpent(await runJob({ kind: 'lint', code: handler(body) }));
  }, 30_000);
});

describe('long computed property chains', () => {
  // o[k][k + 3][k]… 1,000 deep on the event, and event.body[event.k0][event.k1]… into exec.
  it.each([
    ['constant keys', "  const o = event;\n  const k = 'x';\n  exec(o" + range(1000).map((i) => `[k${i % 3 ? '' : ` + ${i}`}]`).join('') + ');'],
    ['event-controlled keys', '  exec(event.body' + range(1000).map((i) => `[event.k${i}]`).join('') + ');'],
  ])('%s, 1,000 deep', async (_name, body) => {
    expectFoundOrBudgetSpent(await runJob({ kind: 'lint', code: handler(body) }));
  }, 30_000);
});

describe('analysis budgets', () => {
  /** handler → h0 → h1 → … → h(n-1), which passes its parameter to exec. */
  const chain = (n: number): string =>
    `${REQUIRE_EXEC}${range(n)
      .map((i) => `function h${i}(x) {\n  ${i === n - 1 ? 'exec(x);' : `h${i + 1}(x);`}\n}`)
      .join('\n')}\nexports.handler = async (event) => {\n  h0(event.body);\n};\n`;

  // A short helper chain is followed to the sink, with budget to spare.
  it('follows a 3-helper chain', async () => {
    const r = await runJob({ kind: 'lint', code: chain(3) });
    expectAnalysed(r);
    expect(r.findings).toHaveLength(1);
    expect(r.analysis?.exhausted).toBe(0);
  }, 30_000);

  // Past the engine's resolution depth the flow is dropped: no finding, a spent budget, no throw.
  it('stays silent, and records it, for a 40-helper chain', async () => {
    const r = await runJob({ kind: 'lint', code: chain(40) });
    expectAnalysed(r);
    expect(r.findings).toEqual([]);
    expect(r.analysis?.exhausted).toBeGreaterThan(0);
  }, 30_000);
});
