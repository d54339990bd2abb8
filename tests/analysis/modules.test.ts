import { describe, expect, it } from 'vitest';
import { analyseCode, summarise } from './_analyse.js';

/** The import-style matrix: every way of reaching child_process.exec must resolve to the sink. */
const HANDLER = "export const handler = async (event) => { SINK('convert ' + event.body); };";

const cases: [string, string, string, { ts?: boolean; sourceType?: 'module' | 'commonjs' }?][] = [
  ['named import', "import { exec } from 'child_process';", 'exec'],
  ['node: named import', "import { exec } from 'node:child_process';", 'exec'],
  ['aliased named import', "import { exec as run } from 'child_process';", 'run'],
  ['namespace import', "import * as cp from 'child_process';", 'cp.exec'],
  ['default import', "import cp from 'node:child_process';", 'cp.exec'],
  ['require', "const cp = require('child_process');", 'cp.exec', { sourceType: 'commonjs' }],
  ['destructured require', "const { exec } = require('node:child_process');", 'exec', { sourceType: 'commonjs' }],
  ['renamed destructured require', "const { exec: sh } = require('child_process');", 'sh', { sourceType: 'commonjs' }],
  ['inline require', '', "require('child_process').exec", { sourceType: 'commonjs' }],
  ['alias variable', "import cp from 'child_process';\nconst run = cp.exec;", 'run'],
  ['util.promisify', "import { exec } from 'child_process';\nimport util from 'util';\nconst run = util.promisify(exec);", 'run'],
  ['promisify named import', "import { exec } from 'child_process';\nimport { promisify } from 'node:util';\nconst run = promisify(exec);", 'run'],
  ['promisify of inline require', "const run = require('util').promisify(require('child_process').exec);", 'run', { sourceType: 'commonjs' }],
  ['bind', "import { exec } from 'child_process';\nconst run = exec.bind(null);", 'run'],
  ['TypeScript import-equals', "import cp = require('child_process');", 'cp.exec', { ts: true }],
  ['createRequire', "import { createRequire } from 'node:module';\nconst req = createRequire(import.meta.url);\nconst cp = req('child_process');", 'cp.exec'],
  ['dynamic import', "const { exec } = await import('node:child_process');", 'exec'],
];

describe('import-style matrix', () => {
  for (const [name, imports, callee, opts] of cases) {
    it(name, () => {
      const handler = opts?.sourceType === 'commonjs' ? HANDLER.replace('export const handler', 'exports.handler') : HANDLER;
      const code = `${imports}\n${handler.replace('SINK', callee)}`;
      const [finding, ...rest] = summarise(analyseCode(code, opts ?? {}));
      expect(rest).toEqual([]);
      expect(finding).toMatch(/^command@\d+ request body event\.body → child_process\.exec\(\)$/);
    });
  }

  it('fn.call and fn.apply shift the arguments', () => {
    const code = "import { exec } from 'child_process';\nexport const handler = async (event) => { exec.call(null, 'x ' + event.body); exec.apply(null, ['y ' + event.body]); };";
    expect(summarise(analyseCode(code))).toEqual(['command@2 request body event.body → child_process.exec()', 'command@2 request body event.body → child_process.exec()']);
  });

  it('a shadowed or look-alike exec is not the sink', () => {
    const code = `import Database from 'better-sqlite3';
const db = new Database(':memory:');
function exec(s) { return s; }
export const handler = async (event) => {
  db.exec(event.body);
  exec(event.body);
  /re/.exec(event.body);
  const eval2 = (x) => x; eval2(event.body);
};`;
    expect(summarise(analyseCode(code))).toEqual([]);
  });

  it('a local eval parameter shadows the global', () => {
    const code = 'exports.handler = async (event, eval) => { eval(event.body); };';
    expect(summarise(analyseCode(code, { sourceType: 'commonjs' }))).toEqual([]);
  });
});
