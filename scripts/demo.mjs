#!/usr/bin/env node
// `npm run demo`: lints the handlers in examples/ with the built plugin (examples/eslint.config.mjs
// loads ../dist), prints the findings grouped by file, and compares them with
// examples/expected.json. Exits 0 when the findings match exactly, 1 otherwise.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = path.join(root, 'examples');
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = paint('1');
const dim = paint('2');
const red = paint('31');
const green = paint('32');
const yellow = paint('33');

/** `{ file, line, ruleId }` → a comparable key. */
const keyOf = (f) => `${f.file}:${f.line} ${f.ruleId}`;

function relative(filePath) {
  return path.relative(examplesDir, filePath).split(path.sep).join('/');
}

async function lintExamples() {
  const eslint = new ESLint({ cwd: examplesDir, overrideConfigFile: 'eslint.config.mjs' });
  const results = await eslint.lintFiles(['.']);
  return results.sort((a, b) => relative(a.filePath).localeCompare(relative(b.filePath)));
}

async function readExpected() {
  const text = await readFile(path.join(examplesDir, 'expected.json'), 'utf8');
  const expected = JSON.parse(text);
  if (!Array.isArray(expected)) throw new Error('examples/expected.json must be an array of { file, line, ruleId }');
  return expected.map(({ file, line, ruleId }) => ({ file, line, ruleId }));
}

/** Multiset difference: entries of `a` not matched by an entry of `b`. */
function missingFrom(a, b) {
  const counts = new Map();
  for (const f of b) counts.set(keyOf(f), (counts.get(keyOf(f)) ?? 0) + 1);
  const out = [];
  for (const f of a) {
    const n = counts.get(keyOf(f)) ?? 0;
    if (n > 0) counts.set(keyOf(f), n - 1);
    else out.push(f);
  }
  return out;
}

const results = await lintExamples();
const actual = [];
const perRule = new Map();
let fatal = 0;

console.log(bold(`Linting examples/ with the plugin's recommended config (examples/eslint.config.mjs)\n`));
for (const result of results) {
  const file = relative(result.filePath);
  if (result.messages.length === 0) {
    console.log(`${bold(file)} ${dim('— no findings')}`);
    continue;
  }
  console.log(bold(file));
  for (const m of result.messages) {
    if (!m.ruleId) fatal++;
    const rule = m.ruleId ?? 'parse error';
    console.log(`  ${file}:${m.line}:${m.column}  ${m.ruleId ? red(rule) : yellow(rule)}`);
    console.log(`    ${m.message}`);
    if (m.ruleId) {
      actual.push({ file, line: m.line, ruleId: m.ruleId });
      const short = m.ruleId.replace(/^serverless-security\//, '');
      perRule.set(short, (perRule.get(short) ?? 0) + 1);
    }
  }
}

const filesWithFindings = new Set(actual.map((f) => f.file)).size;
const byRule = [...perRule].sort(([a], [b]) => a.localeCompare(b)).map(([rule, n]) => `${rule} ${n}`).join(', ');
console.log(
  `\n${bold('Summary:')} ${actual.length} finding${actual.length === 1 ? '' : 's'} in ${filesWithFindings} of ${results.length} files` +
    (byRule ? ` (${byRule})` : '') +
    (fatal ? `, ${fatal} parse error${fatal === 1 ? '' : 's'}` : ''),
);

const expected = await readExpected();
const missing = missingFrom(expected, actual);
const unexpected = missingFrom(actual, expected);
if (missing.length === 0 && unexpected.length === 0 && fatal === 0) {
  console.log(green(`✔ Matches examples/expected.json (${expected.length} expected findings).`));
  process.exit(0);
}
console.log(red(`✘ Does not match examples/expected.json (${expected.length} expected findings):`));
for (const f of missing) console.log(`  - missing:    ${keyOf(f)}`);
for (const f of unexpected) console.log(`  + unexpected: ${keyOf(f)}`);
if (fatal) console.log(`  ${fatal} file(s) failed to parse`);
process.exit(1);
