#!/usr/bin/env node
// Side-by-side detection comparison on the annotated handler corpus (tests/fixtures/handlers/).
//
//   npm run build && node scripts/compare.mjs            # prints the tables, writes bench/COMPARISON.md
//   node scripts/compare.mjs --details                   # also lists every FP and FN per tool
//   node scripts/compare.mjs --no-write                  # print only
//
// Every top-level .ts/.js/.mjs/.cjs file in tests/fixtures/handlers/ is a fixture; subdirectories
// (b2-lib/) hold helper modules that fixtures import and are not linted as inputs. A fixture marks
// each expected finding with a trailing `// expect: <rule>[, <rule>]` comment on the line where the
// sink call starts; a file without annotations expects nothing. Each tool lints every fixture with
// the same parser setup as tests/fixtures/fixtures.test.ts (@typescript-eslint/parser for .ts,
// sourceType 'commonjs' for .cjs, ESLint defaults otherwise, no type information). Reported rule
// ids are mapped to our five families through the explicit tables in TOOLS below; rules that map to
// no family are not counted. Only real ESLint runs feed the numbers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import security from 'eslint-plugin-security';
import sonarjs from 'eslint-plugin-sonarjs';
import nodeSecurity from 'eslint-plugin-node-security';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const handlersDir = path.join(root, 'tests', 'fixtures', 'handlers');
const outFile = path.join(root, 'bench', 'COMPARISON.md');
const args = new Set(process.argv.slice(2));
const showDetails = args.has('--details');
const write = !args.has('--no-write');

/** Our five families, keyed by the rule id used in `// expect:` annotations. */
const FAMILIES = ['command', 'code', 'xxe', 'deserialization', 'redos'];
const ANNOTATION_FAMILY = {
  'no-command-injection': 'command',
  'no-code-injection': 'code',
  'no-xxe': 'xxe',
  'no-unsafe-deserialization': 'deserialization',
  'no-redos': 'redos',
};

// ---------------------------------------------------------------------------------------------
// Tools: configuration and rule-id → family mapping
// ---------------------------------------------------------------------------------------------

const ours = require(path.join(root, 'dist', 'index.js'));

/**
 * eslint-plugin-sonarjs has no security preset (its only preset, `recommended`, is ~290 general
 * rules). We enable its rules for these five vulnerability classes, plus two neighbouring security
 * rules that are reported as "not counted" so that what they flag stays visible. `os-command`
 * (S4721) is deprecated and off in `recommended`, but it is sonarjs's only OS-command-execution
 * rule, so it is enabled here.
 */
const SONARJS_SECURITY_RULES = [
  'sonarjs/os-command', // S4721: OS commands executed through a shell (deprecated)
  'sonarjs/code-eval', // S1523: dynamic code execution
  'sonarjs/xml-parser-xxe', // S2755: XXE
  'sonarjs/slow-regex', // S5852: exponential backtracking
  'sonarjs/super-linear-regex', // S8786: polynomial backtracking
  'sonarjs/no-os-command-from-path', // S4036: PATH resolution of a command (CWE-426), not counted
  'sonarjs/dynamically-constructed-templates', // template injection, not counted
];

/**
 * One entry per tool. `mapping` is the complete, explicit rule-id → family table; every enabled rule
 * not listed in it is "not counted". Rules listed but not enabled by the chosen config are kept for
 * completeness and marked as such in the report.
 */
const TOOLS = [
  {
    id: 'serverless-security',
    pkg: 'eslint-plugin-serverless-security',
    packageJson: path.join(root, 'package.json'),
    configLabel: '`configs.recommended` (built `dist/`)',
    config: [ours.configs.recommended],
    mapping: {
      'serverless-security/no-command-injection': ['command', 'the rule itself'],
      'serverless-security/no-code-injection': ['code', 'the rule itself'],
      'serverless-security/no-xxe': ['xxe', 'the rule itself'],
      'serverless-security/no-unsafe-deserialization': ['deserialization', 'the rule itself'],
      'serverless-security/no-redos': ['redos', 'the rule itself'],
    },
  },
  {
    id: 'security',
    pkg: 'eslint-plugin-security',
    configLabel: '`configs.recommended` (all 15 rules, `warn`)',
    config: [security.configs.recommended],
    mapping: {
      'security/detect-child-process': ['command', '`require("child_process")` and `exec()` with a non-literal command (CWE-78)'],
      'security/detect-eval-with-expression': ['code', '`eval()` with a non-literal argument (CWE-95)'],
      'security/detect-non-literal-require': ['code', '`require()` with a non-literal specifier: loads and runs attacker-chosen code'],
      'security/detect-non-literal-regexp': ['redos', '`RegExp()` built from a non-literal (regex injection → ReDoS)'],
      'security/detect-unsafe-regex': ['redos', 'catastrophic regex by star height (safe-regex)'],
    },
  },
  {
    id: 'sonarjs',
    pkg: 'eslint-plugin-sonarjs',
    configLabel: `security rules for these classes: ${SONARJS_SECURITY_RULES.map((r) => `\`${r.slice('sonarjs/'.length)}\``).join(', ')} (\`error\`)`,
    config: [{ name: 'compare/sonarjs-security', plugins: { sonarjs }, rules: Object.fromEntries(SONARJS_SECURITY_RULES.map((r) => [r, 'error'])) }],
    mapping: {
      'sonarjs/os-command': ['command', 'S4721: OS command run through a shell (CWE-78)'],
      'sonarjs/code-eval': ['code', 'S1523: dynamic code execution (`eval`, `Function`) (CWE-95)'],
      'sonarjs/xml-parser-xxe': ['xxe', 'S2755: XML parser with external entities enabled (CWE-611)'],
      'sonarjs/slow-regex': ['redos', 'S5852: exponential backtracking (CWE-1333)'],
      'sonarjs/super-linear-regex': ['redos', 'S8786: polynomial backtracking (CWE-1333)'],
    },
  },
  {
    id: 'node-security',
    pkg: 'eslint-plugin-node-security',
    configLabel: '`configs.recommended` (31 rules)',
    config: [nodeSecurity.configs.recommended],
    mapping: {
      'node-security/detect-child-process': ['command', 'child_process calls with non-literal commands (CWE-78)'],
      'node-security/no-shell-injection': ['command', 'concatenated/template shell command strings (CWE-78)'],
      'node-security/no-dynamic-command-string': ['command', 'dynamic script after `sh -c` / command runners (CWE-77)'],
      'node-security/detect-eval-with-expression': ['code', '`eval(variable)` (CWE-95)'],
      'node-security/no-unsafe-dynamic-require': ['code', '`require()` with a non-literal specifier (CWE-494)'],
      'node-security/no-dynamic-require': ['code', '`require()` with a non-literal specifier'],
      'node-security/no-dynamic-dependency-loading': ['code', 'dynamic `require()`/`import()` paths'],
    },
  },
];

/**
 * Line tolerance per tool (0 = the finding must be on the annotated line). To be raised only for a
 * tool that consistently reports one line off the start of multi-line sink calls. Every run counts,
 * per tool, the "near misses": unmatched findings one line away from an unmatched annotation of the
 * same family (printed and written to COMPARISON.md); on the corpus so far there are none, so all
 * tolerances are 0.
 */
const LINE_TOLERANCE = { 'serverless-security': 0, security: 0, sonarjs: 0, 'node-security': 0 };

// ---------------------------------------------------------------------------------------------
// Corpus
// ---------------------------------------------------------------------------------------------

function loadCorpus() {
  const entries = readdirSync(handlersDir, { withFileTypes: true });
  const helperDirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const files = entries
    .filter((e) => e.isFile() && /\.(?:ts|js|mjs|cjs)$/.test(e.name))
    .map((e) => e.name)
    .sort();
  const corpus = [];
  const badAnnotations = [];
  for (const file of files) {
    const code = readFileSync(path.join(handlersDir, file), 'utf8');
    const expected = [];
    code.split(/\r?\n/).forEach((text, i) => {
      const m = /\/\/\s*expect:\s*([\w/-]+(?:\s*,\s*[\w/-]+)*)/.exec(text);
      if (!m) return;
      const seen = new Set();
      for (const raw of m[1].split(',')) {
        const rule = raw.trim().replace(/^serverless-security\//, '');
        const family = ANNOTATION_FAMILY[rule];
        if (!family) badAnnotations.push(`${file}:${i + 1} unknown rule "${rule}"`);
        else if (!seen.has(family)) {
          seen.add(family);
          expected.push({ line: i + 1, family });
        }
      }
    });
    corpus.push({ file, code, expected });
  }
  return { corpus, helperDirs, badAnnotations };
}

// ---------------------------------------------------------------------------------------------
// Linting
// ---------------------------------------------------------------------------------------------

function eslintFor(tool) {
  return new ESLint({
    cwd: handlersDir,
    overrideConfigFile: true,
    overrideConfig: [
      ...tool.config,
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
      { linterOptions: { reportUnusedDisableDirectives: 'off' } },
    ],
  });
}

/** Rule ids the tool's config turns on (severity other than off). */
function enabledRules(tool) {
  const on = new Set();
  for (const cfg of tool.config) {
    for (const [id, setting] of Object.entries(cfg.rules ?? {})) {
      const sev = Array.isArray(setting) ? setting[0] : setting;
      if (sev === 'off' || sev === 0) on.delete(id);
      else on.add(id);
    }
  }
  return on;
}

async function runTool(tool, corpus) {
  const eslint = eslintFor(tool);
  const perFile = new Map();
  const ruleCounts = new Map(); // raw messages per rule id
  const crashes = [];
  const parseErrors = [];
  let raw = 0;
  for (const { file, code } of corpus) {
    const filePath = path.join(handlersDir, file);
    let messages = [];
    try {
      const [res] = await eslint.lintText(code, { filePath });
      messages = res?.messages ?? [];
    } catch (error) {
      // A rule that throws aborts the whole file for this tool; record it instead of hiding it.
      crashes.push(`${file}: ${String(error?.message ?? error).split('\n')[0]}`);
    }
    const findings = new Map(); // `${line}:${family}` → { line, family, rules:Set }
    for (const m of messages) {
      if (m.fatal || m.ruleId == null) {
        if (m.fatal) parseErrors.push(`${file}:${m.line}:${m.column} ${m.message}`);
        continue;
      }
      raw++;
      ruleCounts.set(m.ruleId, (ruleCounts.get(m.ruleId) ?? 0) + 1);
      const family = tool.mapping[m.ruleId]?.[0];
      if (!family) continue;
      const key = `${m.line}:${family}`;
      const f = findings.get(key) ?? { line: m.line, family, rules: new Set(), messages: 0 };
      f.rules.add(m.ruleId);
      f.messages++;
      findings.set(key, f);
    }
    perFile.set(file, [...findings.values()].sort((a, b) => a.line - b.line || a.family.localeCompare(b.family)));
  }
  return { perFile, ruleCounts, crashes, parseErrors, raw };
}

// ---------------------------------------------------------------------------------------------
// Matching and scoring
// ---------------------------------------------------------------------------------------------

/**
 * A finding (a distinct file/line/family, so two rules of one tool flagging the same sink count
 * once) is a true positive when an annotation of the same family sits on the same line (or within
 * the tool's tolerance, after all exact matches); each annotation is matched at most once. Every
 * other finding is a false positive; every unmatched annotation is a false negative.
 */
function score(tool, corpus, run) {
  const tolerance = LINE_TOLERANCE[tool.id] ?? 0;
  const per = Object.fromEntries([...FAMILIES, 'overall'].map((f) => [f, { expected: 0, tp: 0, fp: 0, fn: 0 }]));
  const fpRules = new Map();
  const tpRules = new Map();
  const fps = [];
  const fns = [];
  const filesWithFp = new Set();
  const nearMisses = [];
  let mapped = 0;
  let mappedMessages = 0;
  for (const { file, expected } of corpus) {
    const findings = run.perFile.get(file) ?? [];
    mapped += findings.length;
    const used = new Set();
    const matched = new Set();
    for (let d = 0; d <= tolerance; d++) {
      for (const f of findings) {
        if (matched.has(f)) continue;
        const e = expected.find((x) => !used.has(x) && x.family === f.family && Math.abs(x.line - f.line) === d);
        if (e) {
          used.add(e);
          matched.add(f);
        }
      }
    }
    for (const f of findings) {
      mappedMessages += f.messages;
      if (matched.has(f)) continue;
      const near = expected.find((x) => !used.has(x) && x.family === f.family && Math.abs(x.line - f.line) === tolerance + 1);
      if (near) nearMisses.push(`${file}: finding on line ${f.line}, annotation on line ${near.line} (${f.family})`);
    }
    for (const e of expected) {
      per[e.family].expected++;
      if (!used.has(e)) {
        per[e.family].fn++;
        fns.push(`${file}:${e.line} ${e.family}`);
      }
    }
    for (const f of findings) {
      const bucket = matched.has(f) ? tpRules : fpRules;
      for (const r of f.rules) bucket.set(r, (bucket.get(r) ?? 0) + 1);
      if (matched.has(f)) per[f.family].tp++;
      else {
        per[f.family].fp++;
        filesWithFp.add(file);
        fps.push(`${file}:${f.line} ${f.family} [${[...f.rules].join(', ')}]`);
      }
    }
  }
  for (const f of FAMILIES) for (const k of ['expected', 'tp', 'fp', 'fn']) per.overall[k] += per[f][k];
  // Lenient, file-level view (supplementary): location inside the file is ignored.
  const lenient = { tp: 0, fp: 0, found: 0, expected: 0 };
  for (const { file, expected } of corpus) {
    const findings = run.perFile.get(file) ?? [];
    const famExpected = new Set(expected.map((e) => e.family));
    const famFound = new Set(findings.map((f) => f.family));
    for (const f of findings) lenient[famExpected.has(f.family) ? 'tp' : 'fp']++;
    for (const e of expected) {
      lenient.expected++;
      if (famFound.has(e.family)) lenient.found++;
    }
  }
  return { lenient, per, mapped, mappedMessages, filesWithFp: filesWithFp.size, fps, fns, fpRules, tpRules, tolerance, nearMisses };
}

const pct = (n, d) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);
const precision = (s) => pct(s.tp, s.tp + s.fp);
const recall = (s) => pct(s.tp, s.tp + s.fn);

// ---------------------------------------------------------------------------------------------
// Reporting helpers
// ---------------------------------------------------------------------------------------------

function version(tool) {
  const file = tool.packageJson ?? path.join(root, 'node_modules', ...tool.pkg.split('/'), 'package.json');
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

function pkgVersion(name) {
  return JSON.parse(readFileSync(path.join(root, 'node_modules', ...name.split('/'), 'package.json'), 'utf8')).version;
}

function gitDescription() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs);
  }
  return newest;
}

/** Fixed-width text table for the console. */
function textTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function mdTable(header, rows, align) {
  const sep = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  const esc = (c) => String(c).replace(/\|/g, '\\|');
  return [header, sep, ...rows].map((r, i) => `| ${(i === 1 ? r : r.map(esc)).join(' | ')} |`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

const srcNewer = newestMtime(path.join(root, 'src')) > newestMtime(path.join(root, 'dist'));
if (srcNewer) console.warn('warning: src/ has files newer than dist/; run `npm run build` first for current results.\n');

const { corpus, helperDirs, badAnnotations } = loadCorpus();
for (const b of badAnnotations) console.warn(`warning: ${b} (ignored)`);
const annotated = corpus.filter((c) => c.expected.length > 0).length;
const totalExpected = Object.fromEntries(FAMILIES.map((f) => [f, corpus.reduce((n, c) => n + c.expected.filter((e) => e.family === f).length, 0)]));

const results = [];
for (const tool of TOOLS) {
  const t0 = performance.now();
  const run = await runTool(tool, corpus);
  const s = score(tool, corpus, run);
  results.push({ tool, run, s, version: version(tool), enabled: enabledRules(tool), ms: performance.now() - t0 });
}

const familyRows = [];
for (const fam of [...FAMILIES, 'overall']) {
  for (const { tool, s } of results) {
    const x = s.per[fam];
    familyRows.push([fam, x.expected, tool.id, x.tp, x.fp, x.fn, precision(x), recall(x)]);
  }
}
const familyHeader = ['family', 'expected', 'tool', 'TP', 'FP', 'FN', 'precision', 'recall'];
/** Compact view: one row per family, "precision / recall" per tool. */
const glanceHeader = ['family', 'expected', ...results.map(({ tool }) => `${tool.id} P / R`)];
const glanceRows = [...FAMILIES, 'overall'].map((fam) => [
  fam,
  results[0].s.per[fam].expected,
  ...results.map(({ s }) => `${precision(s.per[fam])} / ${recall(s.per[fam])}`),
]);
const summaryHeader = [
  'tool',
  'version',
  'precision',
  'recall',
  'TP',
  'FP',
  'FN',
  'messages (all rules)',
  'messages (mapped)',
  'findings (counted)',
  'files with FP',
  'crashes',
];
const summaryRows = results.map(({ tool, run, s, version: v }) => [
  tool.id,
  v,
  precision(s.per.overall),
  recall(s.per.overall),
  s.per.overall.tp,
  s.per.overall.fp,
  s.per.overall.fn,
  run.raw,
  s.mappedMessages,
  s.mapped,
  s.filesWithFp,
  run.crashes.length,
]);
const lenientHeader = ['tool', 'file-level precision', 'file-level recall'];
const lenientRows = results.map(({ tool, s }) => [tool.id, pct(s.lenient.tp, s.lenient.tp + s.lenient.fp), pct(s.lenient.found, s.lenient.expected)]);
/** Precision if every mapped message were scored on its own (duplicates on a line become FPs). */
const undedupedPrecision = ({ s }) => pct(s.per.overall.tp, s.per.overall.tp + s.per.overall.fp + (s.mappedMessages - s.mapped));

const date = new Date().toISOString().slice(0, 10);
console.log(
  `Corpus: ${corpus.length} fixtures in tests/fixtures/handlers/ (${annotated} with annotations, ${corpus.length - annotated} expecting nothing; ` +
    `${Object.values(totalExpected).reduce((a, b) => a + b, 0)} expected findings: ${FAMILIES.map((f) => `${f} ${totalExpected[f]}`).join(', ')}); ` +
    `helper dirs not linted: ${helperDirs.join(', ') || 'none'}. Date: ${date}.\n`,
);
console.log(textTable(glanceHeader, glanceRows));
console.log('');
console.log(textTable(familyHeader, familyRows));
console.log('');
console.log(textTable(summaryHeader, summaryRows));

console.log('\nSupplementary, location ignored (a finding is right if its file has an annotation of the same family):');
console.log(textTable(lenientHeader, lenientRows));
console.log(
  `\nNear misses (unmatched finding one line beyond the tolerance from an unmatched same-family annotation): ` +
    results.map(({ tool, s }) => `${tool.id} ${s.nearMisses.length}`).join(', '),
);
for (const { tool, run, s } of results) {
  if (s.nearMisses.length) console.log(`  ${tool.id}:\n    ${s.nearMisses.join('\n    ')}`);
  const problems = [...run.crashes.map((c) => `crash: ${c}`), ...run.parseErrors.map((p) => `parse error: ${p}`)];
  if (problems.length) console.warn(`\n${tool.id}: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  if (showDetails) {
    console.log(`\n== ${tool.id}: false positives (${s.fps.length})\n  ${s.fps.join('\n  ')}`);
    console.log(`== ${tool.id}: false negatives (${s.fns.length})\n  ${s.fns.join('\n  ')}`);
  }
}

if (write) {
  const md = [];
  md.push('# Detection comparison on the annotated handler corpus', '');
  md.push(
    `Generated by \`scripts/compare.mjs\` on ${date} from real ESLint runs. Do not edit by hand; regenerate with:`,
    '',
    '```sh',
    'npm run build && node scripts/compare.mjs',
    '```',
    '',
  );
  md.push('## Setup', '');
  md.push(
    `- **Corpus:** ${corpus.length} fixtures, every top-level \`.ts\`/\`.js\`/\`.mjs\`/\`.cjs\` file in \`tests/fixtures/handlers/\` ` +
      `(${annotated} with \`// expect:\` annotations, ${corpus.length - annotated} expecting no finding). ` +
      `Helper modules in ${helperDirs.map((d) => `\`${d}/\``).join(', ') || '(none)'} are imported by fixtures but are not inputs. ` +
      `Expected findings: ${Object.values(totalExpected).reduce((a, b) => a + b, 0)} (${FAMILIES.map((f) => `${f} ${totalExpected[f]}`).join(', ')}).`,
  );
  md.push(
    `- **Engine:** ESLint ${pkgVersion('eslint')}, \`@typescript-eslint/parser\` ${pkgVersion('@typescript-eslint/parser')} for \`.ts\`, ` +
      "`sourceType: 'commonjs'` for `.cjs`, ESLint defaults otherwise; the same for every tool, no type information " +
      '(the fixtures are outside every tsconfig).',
  );
  md.push(`- **This plugin:** ${results[0].version} at commit ${gitDescription()}.`, '');
  md.push(mdTable(['tool', 'version', 'configuration'], results.map(({ tool, version: v }) => [`\`${tool.pkg}\``, v, tool.configLabel])), '');
  md.push(
    '- `eslint-plugin-security` and `eslint-plugin-node-security` are run with their own `recommended` presets, unchanged.',
    '- `eslint-plugin-sonarjs` has no security preset (its `recommended` enables about 290 general rules), so its security ' +
      'rules for these five classes are enabled by hand. `os-command` (S4721) is deprecated and off in `recommended`, but it is ' +
      "sonarjs's only OS-command-injection rule, so it is on. `no-os-command-from-path` (S4036, untrusted search path, CWE-426) " +
      'and `dynamically-constructed-templates` (template injection) are enabled but not counted: they are different ' +
      'vulnerability classes. sonarjs has no deserialization rule. `slow-regex` and `super-linear-regex` are marked as needing ' +
      'type information; without it they still analyse regex literals and `RegExp()` calls with constant patterns, and only ' +
      'miss string patterns passed to `String#match`/`search`.',
    '',
  );
  md.push('## At a glance: precision / recall', '');
  md.push(mdTable(glanceHeader.map((h, i) => (i < 2 ? h : `\`${h.replace(/ P \/ R$/, '')}\``)), glanceRows, ['l', 'r', 'r', 'r', 'r', 'r']), '');
  md.push('## Overall', '');
  md.push(
    mdTable(
      summaryHeader,
      summaryRows.map((r) => [`\`${r[0]}\``, ...r.slice(1)]),
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
  );
  md.push(
    '"messages (all rules)" counts every message from every enabled rule, counted or not; "messages (mapped)" those from rules ' +
      'in the mapping table; "findings (counted)" the distinct file/line/family findings they collapse to, which are what is ' +
      'scored (TP + FP); "files with FP" is the number of fixtures with at least one false positive; "crashes" the fixtures on ' +
      'which a rule threw.',
    '',
    `Scoring every mapped message separately instead (a second message on an already-counted line becoming a false positive) ` +
      `would give an overall precision of ${results.map((r) => `${undedupedPrecision(r)} for ${r.tool.id}`).join(', ')}; ` +
      'recall is unchanged.',
    '',
  );
  md.push('## Per family', '');
  md.push(mdTable(familyHeader, familyRows.map((r) => [r[0], r[1], `\`${r[2]}\``, ...r.slice(3)]), ['l', 'r', 'l', 'r', 'r', 'r', 'r', 'r']), '');
  md.push('### Supplementary: location ignored', '');
  md.push(
    'How much of the gap is *where* a tool reports rather than *whether* it detects: here a finding counts as right when its ' +
      'fixture has an annotation of the same family anywhere, and an annotation as found when its fixture has a finding of the ' +
      'same family anywhere. Not the headline metric: it credits a tool that flags the wrong call in a file with one real sink.',
    '',
    mdTable(lenientHeader, lenientRows.map((r) => [`\`${r[0]}\``, ...r.slice(1)]), ['l', 'r', 'r']),
    '',
  );
  md.push('## Matching', '');
  md.push(
    '- Each reported message is mapped to a family through the table below; messages from rules not in the table are not counted.',
    "- A tool's findings are deduplicated to distinct (file, line, family): two rules of one tool flagging the same sink count once.",
    '- A finding is a true positive when an `// expect:` annotation of the same family is on the same line. Each annotation is ' +
      'matched at most once. Every other counted finding is a false positive; every unmatched annotation is a false negative. ' +
      `Line tolerance: ${results.map(({ tool, s }) => `${tool.id} ±${s.tolerance}`).join(', ')}. A tolerance is only for a tool ` +
      'that consistently reports one line off on multi-line calls. Near misses on this run (an unmatched finding one line ' +
      `beyond the tolerance from an unmatched annotation of the same family): ${results.map(({ tool, s }) => `${tool.id} ${s.nearMisses.length}`).join(', ')}.`,
    '- Annotations mark the line where the sink call starts *in the handler file*. A finding elsewhere (for example on ' +
      '`require("child_process")`, or on a regex literal declared away from the `.test()` call that receives event data) does not ' +
      'match and counts as a false positive, and the annotation as a false negative. For the cross-file fixtures the annotation ' +
      'is on the call into the local module; the helper module itself is not linted.',
    '',
  );
  md.push('## Caveats', '');
  md.push(
    "- **The corpus is this project's own test corpus.** The fixtures were written alongside this plugin's rules (later " +
      'batches blind, but the misses found on them were then fixed in the rules), and its test suite ' +
      '(`tests/fixtures/fixtures.test.ts`) requires an exact match on them, so its score here is in-sample: it shows that the ' +
      'rules do what the annotations say, not how they generalise to unseen code. The other tools were not tuned on it.',
    '- **The ground truth is a taint question:** a sink is annotated only when Lambda event data reaches it. Pattern-based ' +
      'rules (`security/detect-child-process`, `sonarjs/os-command`, `node-security/detect-child-process`, the regex-shape ' +
      'rules) flag dynamic calls regardless of where the data comes from, which is a different design goal (review hotspots); ' +
      'on this corpus those findings on trusted data, build scripts, CLIs and library helpers count as false positives.',
    '- Regex-shape rules (`security/detect-unsafe-regex`, `sonarjs/slow-regex`, `sonarjs/super-linear-regex`) report the regex ' +
      'literal, which fixtures often declare on another line than the call that applies it to event data; the location-free ' +
      'view above shows the effect.',
    '- Families a tool has no rule for (XXE and deserialization for most) score 0% recall and n/a precision.',
    '',
  );
  md.push('## Rule mapping', '');
  const mapRows = [];
  for (const { tool, enabled, run } of results) {
    for (const [rule, [fam, why]] of Object.entries(tool.mapping)) {
      mapRows.push([`\`${rule}\``, fam, enabled.has(rule) ? String(run.ruleCounts.get(rule) ?? 0) : 'not enabled', why]);
    }
  }
  md.push(mdTable(['rule', 'family', 'messages on corpus', 'why'], mapRows, ['l', 'l', 'r', 'l']), '');
  md.push('## Not counted', '');
  md.push('Enabled rules that map to none of the five families (messages on the corpus in parentheses):', '');
  for (const { tool, enabled, run } of results) {
    const unmapped = [...enabled].filter((r) => !tool.mapping[r]).sort();
    const list = unmapped.map((r) => `\`${r}\` (${run.ruleCounts.get(r) ?? 0})`).join(', ');
    md.push(`- **${tool.pkg}:** ${list || 'none'}.`);
  }
  md.push('');
  md.push('## False positives and true positives by rule', '');
  const byRuleRows = [];
  for (const { tool, s } of results) {
    for (const rule of Object.keys(tool.mapping)) {
      const tp = s.tpRules.get(rule) ?? 0;
      const fp = s.fpRules.get(rule) ?? 0;
      if (tp || fp) byRuleRows.push([`\`${rule}\``, tp, fp]);
    }
  }
  md.push(
    'Findings that a rule contributed to (a finding flagged by two rules of the same tool appears under both):',
    '',
    mdTable(['rule', 'TP', 'FP'], byRuleRows, ['l', 'r', 'r']),
    '',
  );
  const problems = results.flatMap(({ tool, run }) => [
    ...run.crashes.map((c) => `- ${tool.id}: rule crash on ${c}`),
    ...run.parseErrors.map((p) => `- ${tool.id}: parse error ${p}`),
  ]);
  md.push('## Problems during the run', '', problems.length ? problems.join('\n') : 'None: every fixture was linted by every tool without parse errors or rule crashes.', '');
  md.push('`node scripts/compare.mjs --details` lists every false positive and false negative per tool.', '');
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, md.join('\n'));
  console.log(`\nWrote ${path.relative(root, outFile)}`);
}
