// Worker thread for the hostile-input tests: lints generated inputs with the BUILT plugin's `all`
// config (plus a probe rule that captures the engine's FileAnalysis) and posts a summary per job.
// Linting happens here, not in the test's thread, so that the parent can enforce a wall-clock
// budget (terminate) and a heap cap (resourceLimits) even when linting blocks synchronously.
// Plain CommonJS: worker threads cannot load TypeScript.
'use strict';
const { parentPort } = require('node:worker_threads');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const { Linter } = require('eslint');
const tsParser = require('@typescript-eslint/parser');
const plugin = require(path.join(ROOT, 'dist', 'index.js'));
// Same module instance the built rules use, so the probe sees the analysis they reported from.
const { getFileAnalysis } = require(path.join(ROOT, 'dist', 'analysis', 'index.js'));

const PREFIX = 'serverless-security/';

function languageConfig(job) {
  return job.ts
    ? { files: ['**/*.ts'], languageOptions: { parser: tsParser } }
    : { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } };
}

/** Lints `code`; `withPlugin: false` runs only parser, scope analysis and traversal (no rules). */
function lint(job, code, withPlugin) {
  const filename = job.ts ? 'handler.ts' : 'handler.js';
  let analysis;
  let probeError;
  const configs = [languageConfig(job)];
  if (withPlugin) {
    configs.push(plugin.configs.all, {
      plugins: {
        probe: {
          rules: {
            capture: {
              create(context) {
                return {
                  'Program:exit'() {
                    try {
                      analysis = getFileAnalysis(context);
                    } catch (e) {
                      probeError = e;
                    }
                  },
                };
              },
            },
          },
        },
      },
      rules: { 'probe/capture': 'warn' },
    });
  }
  const started = performance.now();
  let messages;
  try {
    messages = new Linter().verify(code, configs, filename);
  } catch (e) {
    // A rule exception: ESLint rethrows it with the rule name and position appended.
    return { thrown: String((e && e.stack) || e).slice(0, 4000), ms: performance.now() - started };
  }
  const ms = performance.now() - started;
  const fatal = messages.find((m) => m.fatal);
  return {
    ms,
    fatal: fatal ? fatal.message : null,
    findings: messages.filter((m) => m.ruleId && m.ruleId.startsWith(PREFIX)).map((m) => `${m.ruleId.slice(PREFIX.length)}@${m.line}`),
    findingMessages: messages.filter((m) => m.ruleId && m.ruleId.startsWith(PREFIX)).slice(0, 5).map((m) => m.message),
    other: messages.filter((m) => !m.fatal && !(m.ruleId && m.ruleId.startsWith(PREFIX)) && m.ruleId !== 'probe/capture').map((m) => m.message),
    probeError: probeError ? String(probeError.stack || probeError) : null,
    analysis: analysis
      ? { handlers: analysis.handlers.length, findings: analysis.findings.length, exhausted: analysis.budget.exhausted, converged: analysis.converged }
      : null,
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  };
}

function build(t, n) {
  return t.prefix + t.open.repeat(n) + t.core + t.close.repeat(n) + t.suffix;
}

/** A rule exception names the rule; anything else thrown came from ESLint core (scope, traversal). */
function isRuleException(r) {
  return r.thrown !== undefined && /Rule: "(serverless-security|probe)\//.test(r.thrown);
}

/** Whether ESLint itself (parser, scope manager, traversal; no plugin) handles depth `n`. */
function coreAccepts(job, n) {
  const r = lint(job, build(job.template, n), false);
  return r.thrown === undefined && !r.fatal;
}

/**
 * The largest depth <= job.max that ESLint core accepts (binary search), then linted with the
 * plugin. Near the stack limit the outcome varies from run to run (JIT state changes frame sizes),
 * so when the plugin run hits a parser or core failure at that depth it steps down by 10 % until
 * the input is accepted again; a rule exception is returned at once.
 */
function deepest(job) {
  let lo = 0;
  let hi = job.max;
  if (coreAccepts(job, hi)) lo = hi;
  else {
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (coreAccepts(job, mid)) lo = mid;
      else hi = mid;
    }
  }
  const limit = lo;
  let depth = limit;
  for (let attempt = 0; attempt < 10; attempt++) {
    const r = { depth, ...lint(job, build(job.template, depth), true) };
    if (isRuleException(r) || (r.thrown === undefined && !r.fatal)) return { limit, ...r };
    depth = Math.floor(depth * 0.9);
  }
  return { limit, depth, thrown: 'no depth near the limit was accepted on a second parse', ms: 0 };
}

function run(job) {
  if (job.kind === 'lint') return lint(job, job.code, job.withPlugin !== false);
  return deepest(job);
}

// Jobs arrive one at a time; the parent replaces the worker when one runs out of time.
parentPort.on('message', (job) => parentPort.postMessage(run(job)));
