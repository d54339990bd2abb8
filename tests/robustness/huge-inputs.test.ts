/**
 * Very large inputs in a real handler, linted with the built plugin's `all` config in a worker
 * thread under a wall-clock budget and a heap cap (`_worker.ts`): 50,000-term string building from
 * `event.body` into `exec`, and a 5 MB handler file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { expectAnalysed, expectFoundOrBudgetSpent, handler, range, REQUIRE_EXEC } from './_inputs.js';
import { closeWorkers, runJob } from './_worker.js';

afterAll(closeWorkers);

const TERMS = 50_000;
/** Term `i` of a concatenation; the event data is the last term (deepest in a left-nested `+`). */
const term = (i: number): string => (i === TERMS - 1 ? 'event.body' : `'t${i}'`);

describe('50,000-term string concatenation from event.body into exec', () => {
  // `a + b + …` is a 50,000-deep left-nested BinaryExpression; espree needs more than the
  // default 4 MB worker stack for it, so this runs with 64 MB (the engine's own evaluation depth
  // is bounded, so it may go silent, but only with a spent budget).
  it('as one + chain', async () => {
    const r = await runJob({ kind: 'lint', code: handler(`  const v = ${range(TERMS).map(term).join(' + ')};\n  exec(v);`) }, { stackSizeMb: 64 });
    expectFoundOrBudgetSpent(r);
  }, 30_000);

  // A flat TemplateLiteral with 50,000 expressions.
  it('as a template literal', async () => {
    const r = await runJob({ kind: 'lint', code: handler(`  const v = \`${range(TERMS).map((i) => '${' + term(i) + '}').join('')}\`;\n  exec(v);`) });
    expectAnalysed(r);
    expect(r.findings).toEqual(['no-command-injection@5']);
  }, 30_000);

  // 50,000 `v += …` statements (the event data in the middle).
  it('as += statements', async () => {
    const lines = range(TERMS).map((i) => (i === TERMS / 2 ? '  v += event.body;' : `  v += 't${i}';`));
    const r = await runJob({ kind: 'lint', code: handler(`  let v = '';\n${lines.join('\n')}\n  exec(v);`) });
    expectAnalysed(r);
    expect(r.findings).toEqual([`no-command-injection@${TERMS + 5}`]);
  }, 30_000);

  // ''.concat(…) with 50,000 arguments, and [...].join('') over 50,000 elements.
  it('as concat() arguments and a joined array', async () => {
    const terms = range(TERMS).map(term).join(', ');
    const r = await runJob({ kind: 'lint', code: handler(`  exec(''.concat(${terms}));\n  exec([${terms}].join(''));`) });
    expectAnalysed(r);
    expect(r.findings).toEqual(['no-command-injection@4', 'no-command-injection@5']);
  }, 30_000);
});

/**
 * A 5 MB handler file: 0.5 MB of helper functions (~3,500; string building, JSON, regex tests),
 * all called from the handler with event data, 4.5 MB of bundled data (a route table), two sinks.
 */
function fiveMegabyteHandler(): { code: string; sinkLines: number[] } {
  const target = 5 * 1024 * 1024;
  const parts = [REQUIRE_EXEC];
  let size = REQUIRE_EXEC.length;
  const helpers: number[] = [];
  for (let i = 0; size < target / 10; i++) {
    const block = `
/** Normalises one segment of the request (${i}). */
function step${i}(input, options = { sep: '/', limit: ${i % 100} }) {
  const parts = String(input).split(options.sep).slice(0, options.limit);
  const name = parts.map((p) => p.trim().toLowerCase()).filter(Boolean).join('-');
  if (/^[a-z0-9-]+$/.test(name)) return { name, size: name.length, index: ${i} };
  const meta = JSON.parse(JSON.stringify({ name, at: Date.now(), tags: ['t${i}', \`v\${${i}}\`] }));
  return { name: \`\${meta.name}-${i}\`, size: meta.name.length + ${i}, index: ${i} };
}
`;
    parts.push(block);
    size += block.length;
    helpers.push(i);
  }
  parts.push('const ROUTES = [\n');
  for (let r = 0; size < target; r++) {
    const row = `  { id: ${r}, path: '/api/v1/resource-${r}/items', method: '${['GET', 'POST', 'PUT'][r % 3]}', tags: ['tag-${r % 17}', 'group-${r % 5}'], limits: { rps: ${r % 1000}, burst: ${r % 77} }, description: 'Route ${r} of the bundled table' },\n`;
    parts.push(row);
    size += row.length;
  }
  parts.push('];\n');
  const head = parts.join('');
  const firstLine = head.split('\n').length;
  const calls = helpers.map((j) => `  results.push(step${j}(${j % 2 ? 'event.body' : `event.queryStringParameters?.q${j}`}).name);`);
  const code = `${head}exports.handler = async (event) => {
  const route = ROUTES.find((r) => r.path === event.rawPath && r.method === event.httpMethod);
  const results = [];
${calls.join('\n')}
  exec(\`echo \${route.description} \${results.join(' ')}\`);
  exec('route ' + event.rawPath);
  return { statusCode: 200, body: JSON.stringify(results) };
};
`;
  const execLine = firstLine + 3 + calls.length;
  return { code, sinkLines: [execLine, execLine + 1] };
}

describe('5 MB handler file', () => {
  // Finishes within the budget and the heap cap, reports both sinks, and costs a bounded multiple
  // of what ESLint itself spends on the file (parse, scopes, traversal: ~1.5 GB heap for 5 MB).
  it('lints within budget and reports its sinks', async () => {
    const { code, sinkLines } = fiveMegabyteHandler();
    expect(code.length).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    const limits = { timeoutMs: 90_000, maxHeapMb: 3_072 };
    const core = await runJob({ kind: 'lint', code, withPlugin: false }, limits);
    const r = await runJob({ kind: 'lint', code }, limits);
    console.info(`[huge-inputs] 5 MB handler: ESLint core ${Math.round(core.ms)} ms / ${core.heapUsedMb} MB heap; with the plugin ${Math.round(r.ms)} ms / ${r.heapUsedMb} MB (${JSON.stringify(r.analysis)})`);
    expectAnalysed(r);
    expect(r.findings).toEqual(sinkLines.map((line) => `no-command-injection@${line}`));
    expect(r.ms, 'plugin overhead stays within a few times ESLint core').toBeLessThan(core.ms * 6 + 5_000);
  }, 200_000);
});
