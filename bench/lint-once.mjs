#!/usr/bin/env node
// One timed lint in a fresh process (so that module caches do not favour later configurations):
//
//   node bench/lint-once.mjs <config> <target> [--warmup <file>] [--details]
//
// <config>  parser-only | security | sonarjs | ours-recommended | ours-all
// <target>  a directory or file relative to bench/corpus (handlers, packages, scaling/scale-1k.ts)
// --warmup  lint this file (relative to bench/corpus) twice before the timed lint, untimed, so that
//           the timed lint runs on warm (JIT-compiled) code; used for the scaling measurement
// --details include per-file findings in the output
//
// Prints one JSON line: { config, target, files, importMs, lintMs, lintCpuMs, processMs, processCpuMs,
// maxRssKb, problems, fatal, byRule, [details] }. Plugins are imported inside the timed process; `importMs` is their
// load time and `lintMs` covers `new ESLint()` + `lintFiles()` only.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const corpusDir = path.join(benchDir, 'corpus');

/** sonarjs rules matching this plugin's families (command, code, XXE, ReDoS); see RESULTS.md. */
export const SONAR_RULES = ['sonarjs/os-command', 'sonarjs/code-eval', 'sonarjs/xml-parser-xxe', 'sonarjs/slow-regex', 'sonarjs/super-linear-regex'];
export const CONFIGS = ['parser-only', 'security', 'sonarjs', 'ours-recommended', 'ours-all'];

export async function buildConfig(name) {
  const tsParser = (await import('@typescript-eslint/parser')).default;
  const base = [
    { name: 'bench/commonjs', files: ['**/*.js', '**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } },
    { name: 'bench/esm', files: ['**/*.mjs', '**/esm/**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    { name: 'bench/typescript', files: ['**/*.ts'], languageOptions: { parser: tsParser, sourceType: 'module' } },
    { name: 'bench/linter', linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' } },
  ];
  switch (name) {
    case 'parser-only':
      return base;
    case 'security': {
      const security = (await import('eslint-plugin-security')).default;
      return [...base, security.configs.recommended];
    }
    case 'sonarjs': {
      const sonarjs = (await import('eslint-plugin-sonarjs')).default;
      return [...base, { name: 'bench/sonarjs-security', plugins: { sonarjs }, rules: Object.fromEntries(SONAR_RULES.map((r) => [r, 'error'])) }];
    }
    case 'ours-recommended':
    case 'ours-all': {
      const plugin = (await import('../dist/index.js')).default;
      return [...base, plugin.configs[name === 'ours-all' ? 'all' : 'recommended']];
    }
    default:
      throw new Error(`unknown config ${name}; expected one of ${CONFIGS.join(', ')}`);
  }
}

async function main() {
  const [configName, target, ...rest] = process.argv.slice(2);
  if (!configName || !target) {
    console.error('usage: node bench/lint-once.mjs <config> <target> [--warmup <file>] [--details]');
    process.exit(2);
  }
  const warmupAt = rest.indexOf('--warmup');
  const warmup = warmupAt >= 0 ? rest[warmupAt + 1] : null;
  const details = rest.includes('--details');

  const t0 = performance.now();
  const { ESLint } = await import('eslint');
  const overrideConfig = await buildConfig(configName);
  const t1 = performance.now();

  const options = { cwd: corpusDir, overrideConfigFile: true, overrideConfig, cache: false, errorOnUnmatchedPattern: true };
  if (warmup) {
    const warm = new ESLint(options);
    for (let i = 0; i < 2; i++) await warm.lintFiles([warmup]);
  }
  const t2 = performance.now();
  const cpu0 = process.cpuUsage();
  const eslint = new ESLint(options);
  const results = await eslint.lintFiles([target]);
  const cpu = process.cpuUsage(cpu0);
  const t3 = performance.now();

  let problems = 0;
  let fatal = 0;
  const byRule = {};
  const perFile = [];
  for (const r of results) {
    const rules = {};
    for (const m of r.messages) {
      if (m.fatal) {
        fatal += 1;
        if (fatal <= 5) console.error(`fatal: ${path.relative(corpusDir, r.filePath)}:${m.line}: ${m.message}`);
        continue;
      }
      problems += 1;
      byRule[m.ruleId] = (byRule[m.ruleId] ?? 0) + 1;
      rules[m.ruleId] = (rules[m.ruleId] ?? 0) + 1;
    }
    if (details && Object.keys(rules).length) perFile.push({ file: path.relative(corpusDir, r.filePath).split(path.sep).join('/'), rules });
  }
  const out = {
    config: configName,
    target,
    files: results.length,
    importMs: Math.round(t1 - t0),
    warmupMs: warmup ? Math.round(t2 - t1) : 0,
    lintMs: Math.round((t3 - t2) * 10) / 10,
    lintCpuMs: Math.round((cpu.user + cpu.system) / 100) / 10,
    processMs: Math.round(performance.now()),
    processCpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    maxRssKb: process.resourceUsage().maxRSS,
    problems,
    fatal,
    byRule,
    ...(details ? { details: perFile } : {}),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
