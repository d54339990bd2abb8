/**
 * The shortcuts that keep the analysis cheap must never change what it finds: a file whose sinks
 * can only receive constants skips the engine, a local module whose text shows no sink is not
 * parsed for calls that pass it no attacker data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { analyse, getFileAnalysis, resolveSettings, type FileAnalysis } from '../../src/analysis/index.js';
import { moduleMayReachSink, type ModuleSummary } from '../../src/analysis/crossfile.js';
import { findModuleRefs } from '../../src/analysis/modules/index.js';
import { analyseCode, handlerSummary, summarise, withRuleContext } from './_analyse.js';

/** Runs `fn` on the parsed snippet (a JavaScript module named handler.js). */
function withSourceCode<T>(code: string, fn: (sc: TSESLint.SourceCode) => T): T {
  return withRuleContext(code, {}, (context) => fn(context.sourceCode as never));
}

const settings = resolveSettings({});

/** Writes `files` into a fresh temporary directory, removed after the suite; returns its path. */
function moduleDir(prefix: string, files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const hasSinks = (code: string): boolean => withSourceCode(code, (sc) => findModuleRefs(sc, settings.models).hasSinks);

describe('sink references that can only receive constants', () => {
  it.each([
    ["const db = require('./db');"],
    ["import { exec } from 'node:child_process';\nexec('df -h');"],
    ["import { execSync } from 'child_process';\nexecSync(`uptime`);"],
    ["const cp = require('child_process');\ncp.exec('ls /tmp', () => {});"],
    ["eval('1 + 1');"],
    ["import { exec } from 'node:child_process';\nimport { promisify } from 'node:util';\nconst run = promisify(exec);\nrun('uptime');"],
    // Programs run without a shell: only the program name (constant) could carry a command.
    ["import { execFile } from 'node:child_process';\nexport const probe = (f) => execFile('file', ['--mime-type', '-b', f]);"],
    ["import { spawn } from 'node:child_process';\nexport const probe = (f) => spawn('convert', [f, 'out.png'], { stdio: 'inherit', shell: false });"],
    ["import { execFile } from 'node:child_process';\nimport { promisify } from 'node:util';\nconst run = promisify(execFile);\nexport const probe = (f) => run('file', ['-b', f]);"],
    ["const cp = require('child_process');\nconst util = require('util');\nconst run = util.promisify(cp.execFile);\nexports.probe = (f) => run('file', ['-b', f], { timeout: 5000 });"],
    // Options that cannot enable the dangerous behaviour.
    ["import yaml from 'js-yaml';\nexport const parse = (s) => yaml.safeLoad(s);"],
    ["import yaml from 'js-yaml';\nexport const parse = (s) => yaml.load(s, { schema: yaml.JSON_SCHEMA });"],
    ["import libxmljs from 'libxmljs';\nexport const parse = (s) => libxmljs.parseXml(s);"],
    ["import libxmljs from 'libxmljs';\nexport const parse = (s) => libxmljs.parseXml(s, { noent: false, noblanks: true });"],
    ["import { deserialize } from 'bson';\nexport const parse = (b) => deserialize(b, { promoteValues: true });"],
  ])('%s: no live sink', (code) => {
    expect(hasSinks(code)).toBe(false);
  });

  it.each([
    ["import { exec } from 'node:child_process';\nexport const run = (cmd) => exec(cmd);"],
    ["import { exec } from 'node:child_process';\nconst run = exec;"],
    ["import { exec } from 'node:child_process';\nimport { promisify } from 'node:util';\nconst run = promisify(exec);\nexport const go = (cmd) => run(cmd);"],
    ["const cp = require('child_process');\ncp.exec(`ls ${process.argv[2]}`);"],
    ["const mod = require(process.argv[2]);"],
    ["const re = new RegExp('(a+)+$');"],
    ["import { VM } from 'vm2';\nconst vm = new VM({ timeout: 100 });"],
    ["import { exec } from 'node:child_process';\nexec('ls', { cwd: process.argv[2] });\nexec(...process.argv);"],
    ["import { execFile } from 'node:child_process';\nexport const run = (f) => execFile(f, ['-b']);"],
    ["import { execFile } from 'node:child_process';\nexport const run = (f) => execFile('file', [f], { shell: true });"],
    ["import { execFile } from 'node:child_process';\nexport const run = (f, opts) => execFile('file', [f], opts);"],
    ["import { execFile } from 'node:child_process';\nexport const run = (args) => execFile('file', args);"],
    ["import { spawn } from 'node:child_process';\nexport const run = (script) => spawn('bash', ['-c', script]);"],
    ["import { spawn } from 'node:child_process';\nexport const run = (code) => spawn('/usr/bin/node', ['-e', code]);"],
    ["import { execFile } from 'node:child_process';\nimport { promisify } from 'node:util';\nconst run = promisify(execFile);\nexport const probe = (f) => run(f, ['-b']);"],
    ["import { execFile } from 'node:child_process';\nimport { promisify } from 'node:util';\nconst run = promisify(execFile);\nexport const runner = run;"],
    ["import yaml from 'js-yaml';\nexport const parse = (s) => yaml.load(s);"],
    ["import yaml from 'js-yaml';\nexport const parse = (s, schema) => yaml.safeLoad(s, { schema });"],
    ["import yaml from 'js-yaml';\nexport const parse = (s, options) => yaml.load(s, options);"],
    ["import libxmljs from 'libxmljs';\nexport const parse = (s) => libxmljs.parseXml(s, { noent: true });"],
    ["import libxmljs from 'libxmljs';\nexport const parse = (s, o) => libxmljs.parseXml(s, { ...o, noblanks: true });"],
    ["import { deserialize } from 'bson';\nexport const parse = (b) => deserialize(b, { evalFunctions: process.env.EVAL === '1' });"],
  ])('%s: live sink', (code) => {
    expect(hasSinks(code)).toBe(true);
  });
});

describe('local modules judged by their text', () => {
  const files: Record<string, string> = {
    'exec.ts': "import { execFile } from 'node:child_process';\nexport const run = (f: string) => execFile('file', [f]);\n",
    'pure.js': [
      '/**',
      ' * Keys and URLs: https://example.com/a/b — nothing here runs or parses anything.',
      ' */',
      "const config = require('./config');",
      "export function toKey(s) { return s.trim().toLowerCase() + '/' + config.prefix; }",
      'export const half = (a, b) => a / b;',
      "export const url = (id) => `https://api.example.com/items/${id}`; // ok",
      '',
    ].join('\n'),
    'validate.js': 'export const isSlug = (s) => /^[a-z0-9-]+$/.test(s);\nexport const words = (s) => s.split(/[\\s,/]+/);\n',
    'email.js': 'export const isEmail = (s) => /^([a-z0-9]+)+@example\\.com$/.test(s);\n',
    'after-paren.js': 'export function check(s) {\n  if (s) /^([a-z0-9]+)+@example\\.com$/.test(s);\n}\n',
    'division.js': 'export const mean = (a, b) => (a + b) / 2;\nexport const ratio = (x) => (x.done) / (x.total || 1);\n',
    'odd.js': 'export const f = (s) => s.split(/unterminated\n);\n',
    'matcher.js': 'export const has = (s, word) => s.search(word) >= 0;\n',
    'loader.js': 'export const load = (name) => require(name);\n',
    'barrel.js': "export * from './exec';\n",
    'named-barrel.ts': "export { run } from './exec';\n",
    'reader.js': "export async function read(s3, Key) { return (await s3.getObject({ Bucket: 'b', Key })).Body; }\n",
    'evaluator.js': 'export const calc = (expr) => Function(`return ${expr}`)();\n',
    'yaml.js': "import yaml from 'js-yaml';\nexport const parse = (s) => yaml.load(s);\n",
  };
  const dir = moduleDir('sls-cheap-', files);
  const from = path.join(dir, 'handler.js');

  it.each([
    ['./exec.js', true],
    ['./exec', true],
    ['./pure.js', false],
    ['./validate.js', false],
    ['./email.js', true],
    ['./after-paren.js', true],
    ['./division.js', false],
    ['./odd.js', true],
    ['./matcher.js', true],
    ['./loader.js', true],
    ['./barrel.js', true],
    ['./named-barrel.js', true],
    ['./reader.js', true],
    ['./evaluator.js', true],
    ['./yaml.js', true],
    ['./missing.js', false],
  ])('%s → %s', (specifier, expected) => {
    expect(moduleMayReachSink(from, specifier, settings)).toBe(expected);
  });

  it('a changed module is judged again once its cached size and time expire (5 s)', () => {
    const file = path.join(dir, 'later.js');
    fs.writeFileSync(file, 'export const id = (s) => s;\n');
    expect(moduleMayReachSink(from, './later.js', settings)).toBe(false);
    fs.writeFileSync(file, "import { exec } from 'child_process';\nexport const id = (s) => exec(s);\n");
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(now + 1_000);
      expect(moduleMayReachSink(from, './later.js', settings)).toBe(false);
      clock.mockReturnValue(now + 6_000);
      expect(moduleMayReachSink(from, './later.js', settings)).toBe(true);
    } finally {
      clock.mockRestore();
    }
  });
});

describe('summaries are loaded only when they can matter', () => {
  it('a file whose only regexes are linear has no regex sink; a catastrophic one makes it analysed', () => {
    const code = (regex: string): string => `import { render } from './templates';
export const handler = async (event) => {
  if (!${regex}.test(render(event.body))) return 'invalid';
  return 'ok';
};`;
    const load = (regex: string): string[] => {
      const loaded: string[] = [];
      withSourceCode(code(regex), (sc) => analyse(sc, settings, { foreign: (spec) => (loaded.push(spec), null), mayReachSink: () => false }));
      return loaded;
    };
    expect(load('/^[a-z0-9-]{1,64}$/')).toEqual([]);
    expect(load('/^([a-z0-9]+)+$/')).toEqual(['./templates']);
  });

  it('finds a catastrophic regex literal wherever it starts (after a closing parenthesis too)', () => {
    const code = `import { render } from './templates';
export const handler = async (event) => {
  const text = render(event.body); // https://example.com/docs a/b
  if (text) /^([a-z0-9]+)+$/.test(text);
  return 'ok';
};`;
    const loaded: string[] = [];
    withSourceCode(code, (sc) => analyse(sc, settings, { foreign: (spec) => (loaded.push(spec), null), mayReachSink: () => false }));
    expect(loaded).toEqual(['./templates']);
  });

  const HANDLER = `import { render } from './templates';
import { exec } from 'node:child_process';
export const handler = async (event) => {
  exec('uptime');
  ARGS
  render('static banner');
};`;

  function run(body: string, mayReachSink: boolean): { loaded: string[]; analysis: FileAnalysis } {
    const loaded: string[] = [];
    const analysis = withSourceCode(HANDLER.replace('ARGS', body), (sc) =>
      analyse(sc, settings, {
        foreign: (specifier): ModuleSummary | null => {
          loaded.push(specifier);
          return null;
        },
        mayReachSink: () => mayReachSink,
      }),
    );
    return { loaded, analysis };
  }

  // The cheap exit returns before triggers are detected; a full analysis names one per handler.
  it('a file whose only sinks receive constants, calling a sink-free module with constants, is not analysed', () => {
    const { loaded, analysis } = run('', false);
    expect(loaded).toEqual([]);
    expect(analysis.triggers.size).toBe(0);
    expect(run('exec(event.body);', false).analysis.triggers.size).toBe(1);
  });

  it('constant arguments to a sink-free module do not load it', () => {
    expect(run("exec(event.body); render('x');", false).loaded).toEqual([]);
  });

  it('attacker data passed to a sink-free module, in a file with no live sink: nothing to find, nothing loaded', () => {
    const { loaded, analysis } = run('render(event.body);', false);
    expect(loaded).toEqual([]);
    expect(analysis.findings).toEqual([]);
    expect(analysis.triggers.size).toBe(0);
    // A module whose text shows a sink is judged by its summary instead (see below).
    expect(run('render(event.body);', true).loaded).toEqual(['./templates']);
  });

  it('attacker data passed to the module loads it when the file has a live sink', () => {
    expect(run('exec(render(event.body));', false).loaded).toEqual(['./templates']);
  });

  it('a discarded result needs no summary from a sink-free module, even with attacker data', () => {
    expect(run('exec(event.headers.cmd); render(event.body); await render(event.body); void render(event.body);', false).loaded).toEqual([]);
  });

  it('a used result that reaches no sink needs no summary from a sink-free module', () => {
    expect(run('const html = render(event.body); console.log(html); exec(event.headers.cmd);', false).loaded).toEqual([]);
  });

  it('a module whose text shows a sink or source is loaded even for constant arguments', () => {
    expect(run('exec(event.body);', true).loaded).toEqual(['./templates']);
  });
});

describe('a module whose text shows a sink is judged by what the file imports from it', () => {
  const files: Record<string, string> = {
    // One export reaches a catastrophic regex with its parameter; the other never does.
    'validate.js': 'export const isEmail = (s) => /^([a-z0-9]+)+@example\\.com$/.test(s);\nexport const validateOrder = (o) => (o && o.id ? [] : [\'id is required\']);\n',
    'validate.cjs': 'exports.isEmail = (s) => /^([a-z0-9]+)+@example\\.com$/.test(s);\nexports.validateOrder = (o) => (o && o.id ? [] : [\'id is required\']);\n',
    'patterns.js': 'export const emailPattern = () => /^([a-z0-9]+)+@example\\.com$/;\nexport const slugPattern = () => /^[a-z0-9-]+$/;\n',
    'shell.js': "import { exec } from 'node:child_process';\nexport const run = (cmd) => exec(cmd);\nexport const label = (s) => s.trim();\n",
    'runner.js': "import { exec } from 'node:child_process';\nexport const runner = () => exec;\n",
    'Runner.js': "import { exec } from 'node:child_process';\nexport class Runner {\n  run(cmd) { return exec(cmd); }\n}\n",
  };
  const dir = moduleDir('sls-imports-', files);

  const lint = (code: string, sourceType: 'module' | 'commonjs' = 'module'): { analysed: boolean; findings: string[] } =>
    withRuleContext(code, { filename: path.join(dir, sourceType === 'module' ? 'handler.mjs' : 'handler.cjs'), sourceType }, (context) => {
      const analysis = getFileAnalysis(context as never);
      return { analysed: analysis.triggers.size > 0, findings: analysis.findings.map((f) => `${f.family}@${f.node.loc.start.line}`) };
    });

  it.each([
    ["import { validateOrder } from './validate.js';\nexport const handler = async (event) => validateOrder(JSON.parse(event.body));", 'module'],
    ["import { label } from './shell.js';\nexport const handler = async (event) => label(event.body);", 'module'],
    ["import { slugPattern } from './patterns.js';\nexport const handler = async (event) => slugPattern().test(event.body);", 'module'],
    ["const { validateOrder } = require('./validate.cjs');\nexports.handler = async (event) => validateOrder(JSON.parse(event.body));", 'commonjs'],
  ] as const)('%s: not analysed (nothing imported can reach a sink)', (code, sourceType) => {
    expect(lint(code, sourceType)).toEqual({ analysed: false, findings: [] });
  });

  it.each([
    ["import { isEmail } from './validate.js';\nexport const handler = async (event) => isEmail(event.body);", 'module', ['redos@2']],
    ["import * as v from './validate.js';\nexport const handler = async (event) => v.isEmail(event.body);", 'module', ['redos@2']],
    ["import { validateOrder as check, isEmail } from './validate.js';\nexport const handler = async (event) => check(event.body) && isEmail(event.body);", 'module', ['redos@2']],
    ["const v = require('./validate.cjs');\nexports.handler = async (event) => v.isEmail(event.body);", 'commonjs', ['redos@2']],
    ["const { isEmail } = require('./validate.cjs');\nexports.handler = async (event) => isEmail(event.body);", 'commonjs', ['redos@2']],
    ["import { run } from './shell.js';\nexport const handler = async (event) => run(event.body);", 'module', ['command@2']],
    ["import { Runner } from './Runner.js';\nexport const handler = async (event) => new Runner().run(event.body);", 'module', ['command@2']],
    ["import { runner } from './runner.js';\nexport const handler = async (event) => runner()(event.body);", 'module', ['command@2']],
    ["import { emailPattern } from './patterns.js';\nexport const handler = async (event) => emailPattern().test(event.body);", 'module', ['redos@2']],
  ] as const)('%s: analysed and found', (code, sourceType, findings) => {
    expect(lint(code, sourceType)).toEqual({ analysed: true, findings });
  });

  it('a safe use of an import that could reach a sink is still analysed (and stays quiet)', () => {
    expect(lint("import { isEmail } from './validate.js';\nexport const handler = async (event) => isEmail('ops@example.com');")).toEqual({ analysed: true, findings: [] });
  });
});

describe('files whose text names no sink', () => {
  const handler = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { run } from 'acme-shell';
const s3 = new S3Client({});
export const handler = async (event) => {
  const key = event.Records[0].s3.object.key;
  const object = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: key }));
  return run(key, object.Body);
};`;

  it('are not analysed, and their handlers are still found when asked for', () => {
    const analysis = analyseCode(handler);
    expect(analysis.triggers.size).toBe(0);
    expect(handlerSummary(analysis)).toEqual(['handler:params:-']);
  });

  it('are analysed when a sink from the settings is named', () => {
    const settings = { 'serverless-security': { sinks: [{ module: 'acme-shell', path: 'run', family: 'command' }] } };
    expect(summarise(analyseCode(handler, { settings }))).toEqual(['command@7 S3 object key event.Records[].s3.object.key → acme-shell.run() [key]']);
  });

  it.each([
    ["const cp = require('node:child_process');\nexports.handler = async (event) => cp.exec(event.body);", 'command@2 request body event.body → child_process.exec()'],
    ["exports.handler = async (event) => (await import('child_process')).exec(event.body);", 'command@1 request body event.body → child_process.exec()'],
    ["exports.handler = async (event) => process.getBuiltinModule('child_process').exec(event.body);", 'command@1 request body event.body → child_process.exec()'],
    ['exports.handler = async (event) => new Function(event.body)();', 'code@1 request body event.body → Function()'],
    ['exports.handler = async (event) => require(event.body);', 'code@1 request body event.body → require() with a dynamic specifier'],
    ["exports.handler = async (event) => 'abc'.match(event.body);", 'redos@1 request body event.body → a string used as a regular expression'],
  ])('%s: analysed and found', (code, finding) => {
    expect(summarise(analyseCode(code, { sourceType: 'commonjs' }))).toEqual([finding]);
  });
});
