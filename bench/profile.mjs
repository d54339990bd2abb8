#!/usr/bin/env node
// CPU profile of one lint run, summarised by self time:
//
//   node bench/profile.mjs <config> <target> [--top N] [--warmup <file>] [--focus <url part>]
//
// Runs `node --cpu-prof bench/lint-once.mjs <config> <target>` in a temporary directory, then
// prints the share of samples whose stack contains plugin code (dist/), the plugin's self time per
// file (dist/… → src/….ts) and its top functions by self and inclusive time, and the top functions
// overall. --focus eslint-plugin-security measures another plugin's share instead of dist/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(benchDir, '..');
const distUrl = `file://${path.join(rootDir, 'dist')}/`;

const args = process.argv.slice(2);
const [config, target] = args;
if (!config || !target) {
  console.error('usage: node bench/profile.mjs <config> <target> [--top N] [--warmup <file>] [--focus <url part>]');
  process.exit(2);
}
const topAt = args.indexOf('--top');
const TOP = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const warmAt = args.indexOf('--warmup');
const extra = warmAt >= 0 ? ['--warmup', args[warmAt + 1]] : [];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-prof-'));
const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, path.join(benchDir, 'lint-once.mjs'), config, target, ...extra], {
  cwd: rootDir,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(1);
}
const result = JSON.parse(run.stdout.trim().split('\n').pop());
const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
fs.rmSync(dir, { recursive: true, force: true });

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const focusAt = args.indexOf('--focus');
const focus = focusAt >= 0 ? args[focusAt + 1] : null;
// The code whose share is measured: the plugin's dist/ by default, or any URL containing --focus.
const isDist = focus ? (n) => n.callFrame.url.includes(focus) : (n) => n.callFrame.url.startsWith(distUrl);
const short = (url) => (url.startsWith(distUrl) ? `dist/${url.slice(distUrl.length)}` : url.replace(/^file:\/\/.*node_modules\//, '').replace(/^file:\/\//, ''));
const srcOf = (url) => (url.startsWith(distUrl) ? `src/${url.slice(distUrl.length).replace(/\.js$/, '.ts')}` : short(url));

// Inclusive share of the plugin: samples with a dist/ frame on the stack.
const underDist = new Map();
function inDist(id) {
  if (underDist.has(id)) return underDist.get(id);
  const n = nodes.get(id);
  const v = isDist(n) || (parent.has(id) ? inDist(parent.get(id)) : false);
  underDist.set(id, v);
  return v;
}
let pluginInclusive = 0;
for (const [id, us] of selfUs) if (inDist(id)) pluginInclusive += us;

const byFn = new Map();
const byFile = new Map();
for (const [id, us] of selfUs) {
  const n = nodes.get(id);
  const cf = n.callFrame;
  const key = `${cf.functionName || '(anonymous)'}  ${short(cf.url)}:${cf.lineNumber + 1}`;
  const e = byFn.get(key) ?? { us: 0, dist: isDist(n), name: cf.functionName || '(anonymous)', url: cf.url, line: cf.lineNumber + 1 };
  e.us += us;
  byFn.set(key, e);
  if (isDist(n)) byFile.set(cf.url, (byFile.get(cf.url) ?? 0) + us);
}
// Inclusive time per plugin function (each function counted once per sample stack).
const inclusive = new Map();
for (const [id, us] of selfUs) {
  if (!inDist(id)) continue;
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const n = nodes.get(cur);
    if (!isDist(n)) continue;
    const key = `${n.callFrame.functionName || '(anonymous)'}  ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
const pct = (us) => `${((us / total) * 100).toFixed(1)} %`;
const ms = (us) => `${(us / 1000).toFixed(0)} ms`;

console.log(`${config} on ${target}: lint ${result.lintMs} ms, ${result.files} files, ${result.problems} reports; profile ${ms(total)} sampled`);
console.log(`plugin (dist/) on the stack: ${pct(pluginInclusive)} of samples (${ms(pluginInclusive)}); plugin self time: ${pct([...byFile.values()].reduce((a, b) => a + b, 0))}`);
console.log('\nplugin self time by file:');
for (const [url, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(us).padStart(7)}  ${ms(us).padStart(8)}  ${short(url)}  (${srcOf(url)})`);
console.log('\nplugin functions by self time:');
for (const [, e] of [...byFn].filter(([, e]) => e.dist).sort((a, b) => b[1].us - a[1].us).slice(0, TOP)) {
  console.log(`  ${pct(e.us).padStart(7)}  ${ms(e.us).padStart(8)}  ${e.name}  ${short(e.url)}:${e.line}`);
}
console.log('\nplugin functions by inclusive time:');
for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${pct(us).padStart(7)}  ${ms(us).padStart(8)}  ${key}`);
console.log('\nall functions by self time:');
for (const [key, e] of [...byFn].sort((a, b) => b[1].us - a[1].us).slice(0, TOP)) console.log(`  ${pct(e.us).padStart(7)}  ${ms(e.us).padStart(8)}  ${key}`);
