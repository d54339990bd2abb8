#!/usr/bin/env node
// Several configurations timed side by side in one fresh process:
//
//   node bench/interleave.mjs <target> <config>... [--chunk N] [--passes P]
//
// Every configuration gets its own ESLint instance; the target's files are linted in chunks of N
// (default: about 60 chunks), each chunk by every configuration in turn, the order rotating from
// chunk to chunk. With --passes P each chunk goes round P times (the rotation continuing), so that
// with P = number of configurations every configuration lints every chunk in every position; use
// it when chunks differ a lot in size (a few large files). A machine that speeds up or slows down during the run (other tenants, CPU
// steal) then affects every configuration alike, where separate processes minutes apart can
// differ by more than the overheads being compared. Plugins start cold in this process, as in a
// CLI run; the parsers' and ESLint's own warm-up is shared between the configurations.
//
// Prints one JSON line: { target, files, chunk, chunks, passes, ms: { <config>: total lint ms per pass }, processCpuMs }.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildConfig, CONFIGS } from './lint-once.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const corpusDir = path.join(benchDir, 'corpus');
/** What the bench configurations lint (bench/lint-once.mjs: `**\/*.js`, `*.cjs`, `*.mjs`, `*.ts`). */
const LINTED = /\.(?:[cm]?js|ts)$/;

/** The files ESLint lints under `dir`, in a fixed order. */
function lintedFiles(dir) {
  const files = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (LINTED.test(entry.name)) files.push(p);
    }
  };
  walk(dir);
  return files;
}

async function main() {
  const args = process.argv.slice(2);
  const chunkAt = args.indexOf('--chunk');
  const chunkArg = chunkAt >= 0 ? Number(args.splice(chunkAt, 2)[1]) : null;
  const passesAt = args.indexOf('--passes');
  const passes = passesAt >= 0 ? Math.max(1, Number(args.splice(passesAt, 2)[1]) || 1) : 1;
  const [target, ...configs] = args;
  if (!target || configs.length < 2 || configs.some((c) => !CONFIGS.includes(c))) {
    console.error(`usage: node bench/interleave.mjs <target> <config> <config>... [--chunk N]; configs: ${CONFIGS.join(', ')}`);
    process.exit(2);
  }
  const { ESLint } = await import('eslint');
  const files = lintedFiles(path.join(corpusDir, target));
  const chunk = chunkArg && chunkArg > 0 ? chunkArg : Math.max(1, Math.round(files.length / 60));
  const linters = [];
  for (const config of configs) {
    linters.push(new ESLint({ cwd: corpusDir, overrideConfigFile: true, overrideConfig: await buildConfig(config), cache: false, errorOnUnmatchedPattern: true }));
  }
  const ms = configs.map(() => 0);
  let chunks = 0;
  let turn = 0;
  for (let start = 0; start < files.length; start += chunk, chunks++) {
    const part = files.slice(start, start + chunk);
    for (let k = 0; k < passes * configs.length; k++) {
      if (k % configs.length === 0) turn++;
      const i = (k + turn) % configs.length;
      const t0 = performance.now();
      const results = await linters[i].lintFiles(part);
      ms[i] += performance.now() - t0;
      const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${path.relative(corpusDir, r.filePath)}:${m.line}: ${m.message}`));
      if (fatal.length) throw new Error(`${configs[i]}: ${fatal.length} file(s) failed to parse: ${fatal.slice(0, 3).join('; ')}`);
    }
  }
  const cpu = process.cpuUsage();
  const out = {
    target,
    files: files.length,
    chunk,
    chunks,
    passes,
    // A configuration named twice (to see the method's own noise) is keyed `name#2`, `name#3`, ….
    ms: Object.fromEntries(configs.map((c, i) => [configs.indexOf(c) === i ? c : `${c}#${configs.slice(0, i + 1).filter((x) => x === c).length}`, Math.round((ms[i] / passes) * 10) / 10])),
    processCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
