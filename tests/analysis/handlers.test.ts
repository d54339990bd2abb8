import { describe, expect, it } from 'vitest';
import { analyseCode } from './_analyse.js';

/** Names and reasons of the functions judged to be handlers. */
function handlers(code: string, opts: Parameters<typeof analyseCode>[1] = {}): string[] {
  return analyseCode(code, opts).handlers.map((h) => `${h.name}:${h.reason}`);
}

describe('handler detection: export styles', () => {
  it('ESM const arrow', () => {
    expect(handlers('export const handler = async (event) => event.body;')).toEqual(['handler:params']);
  });
  it('ESM function declaration with any name', () => {
    expect(handlers('export async function render(event, context) { return event; }')).toEqual(['render:params']);
  });
  it('ESM default export', () => {
    expect(handlers('export default async (event) => event;')).toEqual(['default:params']);
  });
  it('ESM export list with alias', () => {
    expect(handlers('const main = async (evt) => evt; export { main as hello };')).toEqual(['hello:params']);
  });
  it('CommonJS exports.x and module.exports.x', () => {
    expect(handlers('exports.save = async (event) => 1; module.exports.mkgif = function (event, context, callback) {};', { sourceType: 'commonjs' })).toEqual([
      'save:params',
      'mkgif:params',
    ]);
  });
  it('module.exports = { handler, main: fn }', () => {
    const code = 'const handler = async (event) => 1;\nmodule.exports = { handler, main: async (event) => 2 };';
    expect(handlers(code, { sourceType: 'commonjs' })).toEqual(['handler:params', 'main:params']);
  });
  it('module.exports = fn', () => {
    expect(handlers('module.exports = async function (event) {};', { sourceType: 'commonjs' })).toEqual(['default:params']);
  });
  it('chained module.exports.handler = exports.handler = fn', () => {
    expect(handlers('module.exports.handler = exports.handler = async (event) => 1;', { sourceType: 'commonjs' })).toEqual(['handler:params']);
  });
});

describe('handler detection: wrappers and classes', () => {
  it('middy(fn).use(...)', () => {
    const code = "import middy from '@middy/core';\nconst base = async (e) => e;\nexport const handler = middy(base).use(json());";
    expect(handlers(code)).toEqual(['handler:wrapper']);
  });
  it('middy().handler(fn)', () => {
    expect(handlers("import middy from '@middy/core';\nexport const handler = middy().use(x()).handler(async (req) => req);")).toEqual(['handler:wrapper']);
  });
  it('home-grown wrapper with (event, context)', () => {
    expect(handlers("import handler from '@libs/handler';\nexport const main = handler(async (event, context) => 1);")).toEqual(['main:params']);
  });
  it('Powertools class exported through bind', () => {
    const code = [
      'class Lambda {',
      '  async handler(event, _context) { return event; }',
      '}',
      'const handlerClass = new Lambda();',
      'export const handler = handlerClass.handler.bind(handlerClass);',
    ].join('\n');
    expect(handlers(code)).toEqual(['handler:params']);
  });
  it('TypeScript types identify handlers without conventional names', () => {
    const code = "import type { S3Event } from 'aws-lambda';\nexport const go = async (e2: S3Event) => e2;";
    const analysis = analyseCode(code, { ts: true });
    expect(analysis.handlers.map((h) => [h.name, h.reason, h.typedTrigger])).toEqual([['go', 'type', 's3']]);
  });
  it('Handler<SNSEvent> on the declaration', () => {
    const code = "import type { Handler, SNSEvent } from 'aws-lambda';\nexport const fn: Handler<SNSEvent> = async (x) => x;";
    const analysis = analyseCode(code, { ts: true });
    expect(analysis.handlers.map((h) => h.typedTrigger)).toEqual(['sns']);
  });
  it('destructured event parameter reading event shapes', () => {
    expect(handlers('export const get = async ({ pathParameters, body }) => pathParameters;')).toEqual(['get:shape']);
  });
  it('settings.handlers names extra functions', () => {
    expect(handlers('export function work(job) { return job; }', { settings: { 'serverless-security': { handlers: ['work'] } } })).toEqual(['work:settings']);
  });
});

describe('handler detection: not handlers', () => {
  it('CLI script with no exports', () => {
    expect(handlers("const { execSync } = require('child_process');\nfunction main() { execSync(process.argv[2]); }\nmain();", { sourceType: 'commonjs' })).toEqual([]);
  });
  it('library utility with a non-event parameter', () => {
    expect(handlers('export function runCommand(cmd) { return cmd; }')).toEqual([]);
  });
  it('yargs command module', () => {
    const code = "exports.command = 'deploy';\nexports.builder = {};\nexports.handler = (argv) => argv;";
    expect(handlers(code, { sourceType: 'commonjs' })).toEqual([]);
  });
  it('Express/Next style (req, res)', () => {
    expect(handlers('export default function handler(req, res) { res.send(req.query); }')).toEqual([]);
  });
  it('exported function without parameters', () => {
    expect(handlers('export const handler = async () => 42;')).toEqual([]);
  });
  it('library functions whose first parameter is an error, DOM event or parser input', () => {
    const code = [
      'export function parseStack(e) { return e.stack; }',
      'export function filter(input) { return new RegExp(input.source); }',
      'export const onClick = (E) => E.target;',
      'export function transform(payload) { return payload.body; }',
    ].join('\n');
    expect(handlers(code)).toEqual(['transform:shape']);
  });
  it('helpers shaped (node, context) are not handlers', () => {
    expect(handlers('export function getParsedRegex(node, context) { return new RegExp(node.regex.pattern); }')).toEqual([]);
  });
  it('a parameter named like an event type counts', () => {
    expect(handlers('export const process = async (sqsEvent) => sqsEvent;')).toEqual(['process:params']);
  });
  it('non-exported function named handler', () => {
    expect(handlers('const handler = async (event) => event;')).toEqual([]);
  });
});

describe('route handlers', () => {
  it('Powertools event-handler routes get the request context', () => {
    const code = `import { Router } from '@aws-lambda-powertools/event-handler/http';
import { execSync } from 'node:child_process';
const app = new Router();
app.get('/todos/:id', async ({ params: { id } }) => execSync('cat ' + id));
export const handler = async (event, context) => app.resolve(event, context);`;
    const analysis = analyseCode(code);
    expect(analysis.handlers.map((h) => `${h.name}:${h.reason}:${h.typedTrigger}`)).toEqual(['handler:params:null', 'app.get:route:router']);
    expect(analysis.findings.map((f) => `${f.source.label} ${f.source.path}`)).toEqual(['path parameter reqCtx.params.id']);
  });

  it('Express routes count only when a Lambda adapter serves the app', () => {
    const routes = "const express = require('express');\nconst { exec } = require('child_process');\nconst app = express();\napp.get('/f/:file', (req, res) => exec('cat ' + req.params.file));\napp.use((err, req, res, next) => res.send(err.message));\n";
    const lambda = analyseCode(`${routes}const serverless = require('serverless-http');\nmodule.exports.handler = serverless(app);`, { sourceType: 'commonjs' });
    expect(lambda.handlers.map((h) => `${h.name}:${h.reason}`)).toEqual(['app.get:route']);
    expect(lambda.findings.map((f) => `${f.source.label} ${f.source.path}`)).toEqual(['path parameter req.params.file']);
    const container = analyseCode(`${routes}app.listen(3000);\nmodule.exports = app;`, { sourceType: 'commonjs' });
    expect(container.handlers).toEqual([]);
  });
});
