#!/usr/bin/env node
// Deterministic benchmark corpus generator (seeded PRNG, no Math.random, no network).
//
//   node bench/generate.mjs [--force]
//
// Writes bench/corpus/ (git-ignored):
//   handlers/svc-NN-<name>/   ~1,050 Lambda handler files (JS and TS, every trigger and shape) and
//                             the service's lib/*.{ts,mjs,js} modules, plus a package.json
//   packages/{cjs,esm}/…      JavaScript shipped in npm packages (@aws-sdk/client-s3 dist-cjs,
//                             @middy/core, @aws-lambda-powertools/*), copied from node_modules
//   scaling/                  single files of ~1k, 10k and 50k lines, and a warm-up file
//   manifest.json             generator version and hash, sizes, and the seeded sinks
// run.mjs calls ensureCorpus(), which regenerates when the manifest is missing or stale.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from './lib/prng.mjs';
import { ENTITIES, entityInfo, SAFE_KINDS, VULN_KINDS } from './lib/emit.mjs';
import { buildHandlerFile, shapeAllowed } from './lib/shapes.mjs';
import { buildLibs } from './lib/libs.mjs';
import { TRIGGER_INFO } from './lib/triggers.mjs';
import { buildScalingFile } from './lib/scaling.mjs';

export const GENERATOR_VERSION = 1;
const SEED = 'eslint-plugin-serverless-security/bench/v1';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(benchDir, '..');
export const CORPUS_DIR = path.join(benchDir, 'corpus');

export const SERVICE_COUNT = 42;
export const HANDLERS_PER_SERVICE = 26;
export const SCALING_SIZES = [1000, 10000, 50000];

const TRIGGER_WEIGHTS = [
  ['apigw-v1', 18],
  ['apigw-v2', 11],
  ['alb', 5],
  ['s3', 12],
  ['sqs', 14],
  ['sns', 6],
  ['dynamodb', 7],
  ['kinesis', 6],
  ['eventbridge', 8],
  ['cognito', 5],
  ['direct', 8],
];
const SHAPE_WEIGHTS = [
  ['plain', 52],
  ['callback', 7],
  ['middy', 11],
  ['wrapper', 7],
  ['class', 7],
  ['batch', 12],
  ['express', 12],
  ['router', 12],
];
const VULN_WEIGHTS = [['exec', 3], ['exec-lib', 1.5], ['eval', 1.5], ['function', 1], ['yaml', 1.5], ['xxe', 1.5], ['regexp', 2]];
const SAFE_WEIGHTS = [['exec-file', 2], ['exec-const', 1], ['exec-lib-safe', 1.5], ['yaml-safe', 1.5], ['xxe-safe', 1], ['regexp-escaped', 1.5], ['regex-validate', 3]];
const SUFFIXES = ['service', 'api', 'worker', 'pipeline', 'backend', 'events'];
const TEAMS = ['payments', 'platform', 'growth', 'logistics', 'media', 'identity', 'data'];
const OTHER_NAMES = ['main', 'hello', 'run', 'process', 'save', 'render'];

/** Hash of the generator's own sources: editing a template regenerates the corpus. */
export function generatorHash() {
  const h = crypto.createHash('sha256');
  const files = [path.join(benchDir, 'generate.mjs'), ...fs.readdirSync(path.join(benchDir, 'lib')).sort().map((f) => path.join(benchDir, 'lib', f))];
  for (const f of files) h.update(fs.readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

const countLines = (text) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function planServices(rng) {
  // 23 of 42 services are TypeScript (~55% of handler files); JS services are ESM (.mjs) or CommonJS.
  const langs = rng.shuffle([...Array(23).fill('ts'), ...Array(9).fill('cjs'), ...Array(8).fill('mjs'), ...Array(2).fill('cjsx')]);
  return langs.map((kind, i) => {
    const r = rng.fork(`svc${i}`);
    const ent = entityInfo(ENTITIES[i % ENTITIES.length]);
    const name = `${ent.plural}-${SUFFIXES[Math.floor(i / ENTITIES.length) % SUFFIXES.length]}`;
    const lang = kind === 'ts' ? 'ts' : 'js';
    const style = kind === 'ts' || kind === 'mjs' ? 'esm' : 'cjs';
    const ext = kind === 'ts' ? '.ts' : kind === 'mjs' ? '.mjs' : kind === 'cjsx' ? '.cjs' : '.js';
    const cjsSpecWithExt = r.chance(0.5);
    return {
      index: i,
      dir: `svc-${String(i + 1).padStart(2, '0')}-${name}`,
      name,
      team: r.pick(TEAMS),
      ent,
      lang,
      style,
      ext,
      lib: (m) => (lang === 'ts' ? `./lib/${m}.js` : ext === '.mjs' ? `./lib/${m}.mjs` : ext === '.cjs' ? `./lib/${m}.cjs` : cjsSpecWithExt ? `./lib/${m}.js` : `./lib/${m}`),
      logger: r.weighted([['powertools', 4], ['lib', 4], ['console', 2]]),
      db: r.chance(0.55) ? 'lib' : 'direct',
      http: r.chance(0.5) ? 'lib' : 'inline',
      validate: r.chance(0.5) ? 'lib' : 'inline',
      s3: r.chance(0.5) ? 'lib' : 'direct',
      hasShell: r.chance(0.35),
      hasEvents: r.chance(0.3),
      yamlMajor: r.chance(0.6) ? 3 : 4,
      cjsExport: r.weighted([['exports', 3], ['module', 3], ['object', 2]]),
      strictMode: r.chance(0.5),
    };
  });
}

function packageJson(svc) {
  const deps = {
    '@aws-lambda-powertools/batch': '^2.30.0',
    '@aws-lambda-powertools/event-handler': '^2.30.0',
    '@aws-lambda-powertools/logger': '^2.30.0',
    '@aws-lambda-powertools/tracer': '^2.30.0',
    '@aws-sdk/client-dynamodb': '^3.700.0',
    '@aws-sdk/client-s3': '^3.700.0',
    '@aws-sdk/lib-dynamodb': '^3.700.0',
    '@middy/core': '^6.0.0',
    express: '^4.21.0',
    'js-yaml': svc.yamlMajor === 3 ? '^3.14.1' : '^4.1.0',
    libxmljs: '^1.0.11',
    'serverless-http': '^3.2.0',
    sharp: '^0.33.5',
  };
  const manifest = { name: svc.name, version: '1.0.0', private: true, ...(svc.ext === '.mjs' ? { type: 'module' } : {}), dependencies: deps };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function generateHandlers(outDir, rng, stats) {
  const services = planServices(rng.fork('services'));
  for (const svc of services) {
    const r = rng.fork(svc.dir);
    const svcDir = path.join(outDir, svc.dir);
    write(path.join(svcDir, 'package.json'), packageJson(svc));
    const libs = buildLibs(svc, r.fork('libs'));
    const libExt = svc.lang === 'ts' ? '.ts' : svc.ext;
    for (const [name, text] of Object.entries(libs)) {
      write(path.join(svcDir, 'lib', `${name}${libExt}`), text);
      stats.libs.files += 1;
      stats.libs.lines += countLines(text);
    }
    const used = new Set();
    for (let h = 0; h < HANDLERS_PER_SERVICE; h++) {
      const hr = r.fork(`h${h}`);
      const trigger = hr.weighted(TRIGGER_WEIGHTS);
      const shape = hr.weighted(SHAPE_WEIGHTS.filter(([s]) => shapeAllowed(s, trigger, svc.lang)));
      const info = TRIGGER_INFO[trigger];
      const scenario = hr.int(0, info.scenarios.length - 1);
      let sink = null;
      const roll = hr.next();
      if (roll < 0.09) sink = hr.weighted(VULN_WEIGHTS.filter(([k]) => k !== 'exec-lib' || svc.hasShell));
      else if (roll < 0.29) sink = hr.weighted(SAFE_WEIGHTS.filter(([k]) => k !== 'exec-lib-safe' || svc.hasShell));
      // The scheduled-cleanup scenario reads no attacker data: no sink there.
      if (trigger === 'eventbridge' && scenario === 2 && shape !== 'express' && shape !== 'router') sink = null;
      const base = (shape === 'express' ? 'app-{plural}' : shape === 'router' ? 'routes-{plural}' : info.files[scenario]).replace('{name}', svc.ent.name).replace('{plural}', svc.ent.plural);
      let file = base;
      for (let n = 2; used.has(file); n++) file = `${base}-${n}`;
      used.add(file);
      const name = shape === 'wrapper' ? hr.pick(['main', 'handler']) : hr.chance(0.18) ? hr.pick(OTHER_NAMES) : 'handler';
      const loop = hr.weighted([['inline', 4], ['fn-loop', 2], ['fn-failures', 2], ['fn-all', 1]]);
      const text = buildHandlerFile(svc, { trigger, shape, scenario, sink, name, file, loop, rng: hr });
      const rel = path.join('handlers', svc.dir, `${file}${svc.ext}`);
      write(path.join(outDir, '..', rel), text);
      const lines = countLines(text);
      stats.handlers.files += 1;
      stats.handlers.lines += lines;
      stats.byLang[svc.lang] = (stats.byLang[svc.lang] ?? 0) + 1;
      stats.byExt[svc.ext] = (stats.byExt[svc.ext] ?? 0) + 1;
      stats.byTrigger[trigger] = (stats.byTrigger[trigger] ?? 0) + 1;
      stats.byShape[shape] = (stats.byShape[shape] ?? 0) + 1;
      if (sink) stats.sinks.push({ file: rel.split(path.sep).join('/'), kind: sink, vulnerable: VULN_KINDS.includes(sink) });
    }
  }
  if (!SAFE_KINDS.length) throw new Error('unreachable');
}

/** JavaScript shipped in npm packages, copied from node_modules (CommonJS and ESM kept apart). */
export const PACKAGE_SOURCES = [
  { pkg: '@aws-sdk/client-s3', dir: 'dist-cjs', kind: 'cjs' },
  { pkg: '@middy/core', dir: '.', kind: 'esm' },
  { pkg: '@aws-lambda-powertools/batch', dir: 'lib/cjs', kind: 'cjs' },
  { pkg: '@aws-lambda-powertools/commons', dir: 'lib/cjs', kind: 'cjs' },
  { pkg: '@aws-lambda-powertools/logger', dir: 'lib/cjs', kind: 'cjs' },
];

function packageRoot(pkg) {
  // Not require.resolve(`${pkg}/package.json`): some packages do not export it.
  const root = path.join(rootDir, 'node_modules', pkg);
  if (!fs.existsSync(path.join(root, 'package.json'))) throw new Error(`${pkg} is not installed (run npm ci)`);
  return root;
}

export function packageVersions() {
  return Object.fromEntries(PACKAGE_SOURCES.map(({ pkg }) => [pkg, JSON.parse(fs.readFileSync(path.join(packageRoot(pkg), 'package.json'), 'utf8')).version]));
}

function copyPackages(outDir, stats) {
  for (const { pkg, dir, kind } of PACKAGE_SOURCES) {
    const from = path.join(packageRoot(pkg), dir);
    const walk = (d) => {
      for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(d, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'node_modules') walk(full);
        } else if (/\.(c|m)?js$/.test(entry.name)) {
          const text = fs.readFileSync(full, 'utf8');
          write(path.join(outDir, kind, pkg, dir, path.relative(from, full)), text);
          stats.packages.files += 1;
          stats.packages.lines += countLines(text);
          stats.packages.byPackage[pkg] = (stats.packages.byPackage[pkg] ?? 0) + countLines(text);
        }
      }
    };
    walk(from);
  }
}

function generateScaling(outDir, stats) {
  for (const size of SCALING_SIZES) {
    const { text, lines, units } = buildScalingFile(size, `${SEED}/scale/${size}`);
    const file = `scale-${size / 1000}k.ts`;
    write(path.join(outDir, file), text);
    stats.scaling.push({ file, target: size, lines, units });
  }
  const warm = buildScalingFile(1500, `${SEED}/scale/warmup`);
  write(path.join(outDir, 'warmup', 'warmup.ts'), warm.text.replace(/handler(\d+)/g, 'warmHandler$1'));
}

export function generateCorpus(dir = CORPUS_DIR) {
  fs.rmSync(dir, { recursive: true, force: true });
  const rng = new Rng(SEED);
  const stats = {
    handlers: { files: 0, lines: 0 },
    libs: { files: 0, lines: 0 },
    packages: { files: 0, lines: 0, byPackage: {} },
    scaling: [],
    byLang: {},
    byExt: {},
    byTrigger: {},
    byShape: {},
    sinks: [],
  };
  generateHandlers(path.join(dir, 'handlers'), rng, stats);
  copyPackages(path.join(dir, 'packages'), stats);
  generateScaling(path.join(dir, 'scaling'), stats);
  const manifest = { generatorVersion: GENERATOR_VERSION, generatorHash: generatorHash(), packageVersions: packageVersions(), services: SERVICE_COUNT, ...stats };
  write(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The manifest of an up-to-date corpus, generating it first when missing or stale. */
export function ensureCorpus(dir = CORPUS_DIR, { log = () => {} } = {}) {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    if (
      manifest.generatorVersion === GENERATOR_VERSION &&
      manifest.generatorHash === generatorHash() &&
      JSON.stringify(manifest.packageVersions) === JSON.stringify(packageVersions())
    ) {
      return manifest;
    }
    log('corpus is stale: regenerating');
  } catch {
    log('no corpus yet: generating');
  }
  return generateCorpus(dir);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const manifest = process.argv.includes('--force') ? generateCorpus() : ensureCorpus(CORPUS_DIR, { log: console.log });
  const { handlers, libs, packages, scaling, byLang, byTrigger, byShape, sinks } = manifest;
  console.log(`handlers: ${handlers.files} files, ${handlers.lines} lines; libs: ${libs.files} files, ${libs.lines} lines`);
  console.log(`packages: ${packages.files} files, ${packages.lines} lines`);
  console.log(`scaling: ${scaling.map((s) => `${s.file} ${s.lines} lines`).join(', ')}`);
  console.log('by language', byLang);
  console.log('by trigger', byTrigger);
  console.log('by shape', byShape);
  console.log(`sinks: ${sinks.filter((s) => s.vulnerable).length} vulnerable, ${sinks.filter((s) => !s.vulnerable).length} safe look-alikes`);
  console.log(`done in ${Date.now() - started} ms`);
}
