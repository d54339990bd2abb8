/**
 * Equivalence of execution modes over the fixture corpus (`tests/fixtures/handlers`, copied with
 * its helper modules into a temp dir): ESLint's `concurrency` option (worker threads, each loading
 * the plugin itself; `--concurrency` on the CLI) and `cache: true` (cold, then warm) give exactly
 * the findings of a plain single-threaded run. Concurrency needs a config loadable from a file, so
 * the temp dir gets an `eslint.config.mjs` that loads the BUILT plugin by absolute path.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'handlers');
const PREFIX = 'serverless-security/';

let dir: string;
let baseline: string[];

/** Every message of every file, relative path first, sorted: `file:line:col rule message`. */
function normalise(results: ESLint.LintResult[]): string[] {
  return results
    .flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line}:${m.column} ${m.ruleId ?? (m.fatal ? 'FATAL' : '-')} ${m.message}`))
    .sort();
}

async function lint(options: ESLint.Options): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, ...options });
  return normalise(await eslint.lintFiles(['handlers']));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sls-robustness-'));
  cpSync(FIXTURES, path.join(dir, 'handlers'), { recursive: true });
  const rootPackage = JSON.stringify(path.join(ROOT, 'package.json'));
  writeFileSync(
    path.join(dir, 'eslint.config.mjs'),
    `import { createRequire } from 'node:module';
const require = createRequire(${rootPackage});
const plugin = require(${JSON.stringify(path.join(ROOT, 'dist', 'index.js'))});
const tsParser = require('@typescript-eslint/parser');
export default [
  plugin.configs.all,
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
];
`,
  );
  baseline = await lint({ concurrency: 'off' });
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('execution modes give identical findings on the fixture corpus', () => {
  // The baseline is meaningful: many findings, from the plugin only, no parse errors.
  it('has a meaningful single-threaded baseline', () => {
    expect(baseline.length).toBeGreaterThan(50);
    expect(baseline.filter((m) => !m.split(' ')[1]!.startsWith(PREFIX))).toEqual([]);
  });

  // `concurrency: 2`: two worker threads, each loading the config and the plugin.
  it('concurrency: 2 (worker threads)', async () => {
    expect(await lint({ concurrency: 2 })).toEqual(baseline);
  }, 120_000);

  // `cache: true`, cold then warm (the warm run reads every result from the cache file).
  it('cache: true, cold then warm', async () => {
    const cacheLocation = path.join(dir, '.eslintcache');
    expect(await lint({ cache: true, cacheLocation })).toEqual(baseline);
    // The cold run cached every handler, so the warm run is served from the cache.
    const cache = readFileSync(cacheLocation, 'utf8');
    const handlers = readdirSync(path.join(dir, 'handlers')).filter((f) => /\.(?:ts|js|mjs|cjs)$/.test(f));
    expect(handlers.filter((f) => !cache.includes(path.join(dir, 'handlers', f)))).toEqual([]);
    expect(await lint({ cache: true, cacheLocation })).toEqual(baseline);
  }, 120_000);

  // Both at once: workers reading and writing the cache.
  it('concurrency: 2 with a warm cache', async () => {
    const cacheLocation = path.join(dir, '.eslintcache-concurrent');
    expect(await lint({ cache: true, cacheLocation, concurrency: 2 })).toEqual(baseline);
    expect(await lint({ cache: true, cacheLocation, concurrency: 2 })).toEqual(baseline);
  }, 120_000);
});
