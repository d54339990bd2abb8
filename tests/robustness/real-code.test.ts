/**
 * Crash-freedom on real code: lints `.js/.mjs/.cjs/.ts` files of the installed npm packages
 * (`node_modules`; no `.d.ts`, minified or >400 KB files) with the BUILT plugin's `all` config
 * through the ESLint Node API, and asserts that no plugin rule throws and that library code (which
 * holds no Lambda handlers) gets no findings.
 *
 * CI lints a deterministic sample (every k-th file of the sorted walk, 1,500 files, ~20 s). The
 * full sweep (~6,000 files, ~1-2 min) runs with:
 *
 *   ROBUSTNESS_FULL=1 npx vitest run tests/robustness/real-code.test.ts
 *
 * ESLint ignores `**\/node_modules/` by default. `ignore: false` does NOT lift that default (it
 * only drops user ignore patterns, and then files in nested `node_modules` directories are still
 * skipped as "File ignored by default"), so the config un-ignores it with `!**\/node_modules/`, and
 * the test asserts that no file came back with an "ignored" warning.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
const PREFIX = 'serverless-security/';
const FULL = process.env.ROBUSTNESS_FULL === '1';
const SAMPLE_SIZE = 1_500;
const MAX_BYTES = 400 * 1024;

interface BuiltPlugin {
  configs: { all: Linter.Config };
}
interface AnalysisModule {
  getFileAnalysis(context: unknown): { handlers: readonly unknown[] };
}

/** Every candidate file under `dir`, depth-first in byte order of names (deterministic). */
function walk(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    // Symlinks (`.bin`, workspace links) would visit files twice or leave the tree.
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && /\.(?:js|mjs|cjs|ts)$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) && !/[.-]min\.js$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Bundled/minified output: long lines make up the file (tens of KB on a handful of lines). */
function looksMinified(code: string): boolean {
  if (code.length < 2_000) return false;
  const lines = code.split('\n');
  const longLines = lines.filter((l) => l.length > 1_000).reduce((n, l) => n + l.length, 0);
  return code.length / lines.length > 200 || longLines > code.length / 2;
}

interface Candidate {
  file: string;
  code: string;
}

/** Eligible files (size and minification filters), then all of them or an evenly spread sample. */
function candidates(): { eligible: number; picked: Candidate[] } {
  const eligible: Candidate[] = [];
  for (const file of walk(NODE_MODULES)) {
    if (statSync(file).size > MAX_BYTES) continue;
    const code = readFileSync(file, 'utf8');
    if (!looksMinified(code)) eligible.push({ file, code });
  }
  if (FULL || eligible.length <= SAMPLE_SIZE) return { eligible: eligible.length, picked: eligible };
  // Every k-th file: spreads the sample over all packages instead of the first few alphabetically.
  const picked = Array.from({ length: SAMPLE_SIZE }, (_, i) => eligible[Math.floor((i * eligible.length) / SAMPLE_SIZE)]!);
  return { eligible: eligible.length, picked };
}

const requireFromHere = createRequire(__filename);
const plugin = requireFromHere(path.join(ROOT, 'dist', 'index.js')) as BuiltPlugin;
// The module instance the built rules use: the probe sees the analysis they reported from.
const analysisModule = requireFromHere(path.join(ROOT, 'dist', 'analysis', 'index.js')) as AnalysisModule;

interface Sweep {
  eligible: number;
  linted: number;
  /** Files where the engine found handler candidates (it ran past its cheap exits). */
  withHandlers: number;
  /** Rule exceptions: thrown from lintText, or fatal messages naming the plugin. */
  crashes: string[];
  /** Parser failures (not the plugin's): `file: message`. */
  parseErrors: string[];
  /** Files ESLint did not lint (ignored / no matching config). */
  notLinted: string[];
  findings: string[];
  slowest: { file: string; ms: number }[];
  ms: number;
}

async function sweep(): Promise<Sweep> {
  /** Handler candidates the engine found in the file being linted (set by the probe rule). */
  const current = { handlers: 0 };
  const probe = {
    rules: {
      count: {
        create(context: unknown) {
          return {
            'Program:exit'() {
              // The rules already ran the analysis (cached); errors here would be counted by ESLint.
              current.handlers = analysisModule.getFileAnalysis(context).handlers.length;
            },
          };
        },
      },
    },
  };
  const make = (sourceType: 'module' | 'commonjs'): ESLint =>
    new ESLint({
      cwd: NODE_MODULES,
      overrideConfigFile: true,
      // Inline `eslint-disable` comments must not switch our rules off, and library comments for
      // rules ESLint does not know (or removed `/* eslint-env */`) must not produce errors.
      allowInlineConfig: false,
      overrideConfig: [
        { name: 'robustness/unignore-node-modules', ignores: ['!**/node_modules/'] },
        plugin.configs.all,
        { name: 'robustness/js', files: ['**/*.js'], languageOptions: { sourceType } },
        { name: 'robustness/ts', files: ['**/*.ts'], languageOptions: { parser: tsParser } },
        { name: 'robustness/probe', plugins: { probe }, rules: { 'probe/count': 'warn' } },
      ],
    });
  const asModule = make('module');
  const asScript = make('commonjs');

  const { eligible, picked } = candidates();
  const result: Sweep = { eligible, linted: 0, withHandlers: 0, crashes: [], parseErrors: [], notLinted: [], findings: [], slowest: [], ms: 0 };
  const started = performance.now();
  for (const { file, code } of picked) {
    const rel = path.relative(NODE_MODULES, file);
    const t0 = performance.now();
    current.handlers = 0;
    try {
      let [res] = await asModule.lintText(code, { filePath: file });
      // `.js` files are ESM or CommonJS; retry as CommonJS when module parsing fails.
      if (res?.messages.some((m) => m.fatal) && file.endsWith('.js')) [res] = await asScript.lintText(code, { filePath: file });
      const messages = res?.messages ?? [];
      let linted = true;
      for (const m of messages) {
        if (m.fatal) {
          if (m.message.includes(PREFIX) || m.message.includes('probe/')) result.crashes.push(`${rel}: ${m.message}`);
          else result.parseErrors.push(`${rel}:${m.line}: ${m.message}`);
        } else if (m.ruleId === null) {
          linted = false;
          result.notLinted.push(`${rel}: ${m.message}`);
        } else if (m.ruleId.startsWith(PREFIX)) {
          result.findings.push(`${rel}:${m.line} ${m.ruleId.slice(PREFIX.length)} — ${m.message}`);
        }
      }
      if (linted) result.linted++;
      if (current.handlers > 0) result.withHandlers++;
    } catch (e) {
      result.crashes.push(`${rel}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    result.slowest.push({ file: rel, ms: Math.round(performance.now() - t0) });
  }
  result.ms = Math.round(performance.now() - started);
  result.slowest = result.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
  return result;
}

let outcome: Sweep;

beforeAll(async () => {
  outcome = await sweep();
  console.info(
    `[real-code] ${FULL ? 'full' : 'sample'}: ${outcome.linted} of ${outcome.eligible} eligible files linted in ${outcome.ms} ms; ` +
      `${outcome.withHandlers} with handler candidates, ${outcome.parseErrors.length} parse errors, ${outcome.findings.length} findings; ` +
      `slowest ${outcome.slowest.map((s) => `${s.file} ${s.ms} ms`).join(', ')}`,
  );
}, FULL ? 1_200_000 : 180_000);

describe(`real code from node_modules (${FULL ? 'full' : `sample of ${SAMPLE_SIZE}`})`, () => {
  // Enough real files were linted for the sweep to mean something.
  it('lints the selected files', () => {
    expect(outcome.eligible).toBeGreaterThan(FULL ? 5_000 : SAMPLE_SIZE);
    expect(outcome.linted).toBe(FULL ? outcome.eligible : SAMPLE_SIZE);
    if (FULL) expect(outcome.linted).toBeGreaterThan(5_000);
  });

  // Every file was really linted: none came back as "File ignored" or "no matching configuration".
  it('lints every file it is given (nothing ignored)', () => {
    expect(outcome.notLinted).toEqual([]);
  });

  // No plugin rule threw or produced a fatal message.
  it('has no rule exceptions', () => {
    expect(outcome.crashes).toEqual([]);
  });

  // Parser failures are not the plugin's, but they must stay rare or the sweep tests little.
  it('counts parse errors separately', () => {
    expect(outcome.parseErrors.length).toBeLessThan(outcome.linted / 100);
  });

  // The engine ran past its cheap exits on some library files (exported functions judged handlers).
  it('exercises the engine on library code', () => {
    expect(outcome.withHandlers).toBeGreaterThan(0);
  });

  // Library code holds no Lambda handlers: every finding there is a false positive.
  it('reports nothing on library code', () => {
    expect(outcome.findings).toEqual([]);
  });
});
