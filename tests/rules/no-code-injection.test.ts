import { cjs, esm, ts } from './_setup.js';
import { describe } from 'vitest';
import rule from '../../src/rules/no-code-injection.js';
import { dedent } from './_code.js';
import { finding } from './_message.js';

describe('JavaScript, ES modules', () => {
  esm.run('no-code-injection', rule, {
    valid: [
      {
        name: 'JSON.parse of the body is the safe alternative',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const input = JSON.parse(event.body);
            return { statusCode: 200, body: JSON.stringify({ total: input.a + input.b }) };
          };
        `,
      },
      {
        name: 'eval of a constant',
        filename: 'handler.mjs',
        code: dedent`
          const DEFAULTS = "({ retries: 3, timeout: 1000 })";
          export const handler = async (event) => {
            const config = eval(DEFAULTS);
            return { ...config, requestId: event.requestContext.requestId };
          };
        `,
      },
      {
        name: 'setTimeout with a function and a delay from the event',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const { delayMs, message } = JSON.parse(event.Records[0].body);
            await new Promise((resolve) => setTimeout(() => resolve(message), Number(delayMs)));
          };
        `,
      },
      {
        name: 'new Function with constant parameter names and body',
        filename: 'handler.mjs',
        code: dedent`
          const add = new Function('a', 'b', 'return a + b');
          export const handler = async (event) => {
            const { a, b } = JSON.parse(event.body);
            return { statusCode: 200, body: String(add(Number(a), Number(b))) };
          };
        `,
      },
      {
        name: 'vm: constant code, event data only in the sandbox context',
        filename: 'handler.mjs',
        code: dedent`
          import vm from 'vm';
          export const handler = async (event) => {
            const body = JSON.parse(event.body);
            return vm.runInNewContext('price * quantity', { price: body.price, quantity: body.quantity });
          };
        `,
      },
      {
        name: 'dynamic import through a constant lookup table',
        filename: 'handler.mjs',
        code: dedent`
          const PLUGINS = { resize: './plugins/resize.mjs', crop: './plugins/crop.mjs' };
          export const handler = async (event) => {
            const name = event.detail.plugin;
            const { default: plugin } = await import(PLUGINS[name]);
            return plugin(event.detail);
          };
        `,
      },
      {
        name: 'dynamic import of a constant specifier',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const { default: sharp } = await import('sharp');
            return sharp(Buffer.from(event.body, 'base64')).resize(200).toBuffer();
          };
        `,
      },
      {
        name: 'dynamic import guarded by an allow-list',
        filename: 'handler.mjs',
        code: dedent`
          const LOCALES = ['en', 'de', 'fr'];
          export const handler = async (event) => {
            const locale = event.headers['accept-language']?.slice(0, 2);
            if (!LOCALES.includes(locale)) return { statusCode: 406 };
            const messages = await import(\`./locales/\${locale}.mjs\`);
            return { statusCode: 200, body: JSON.stringify(messages.default) };
          };
        `,
      },
      {
        name: 'look-alike: ioredis eval runs a constant Lua script',
        filename: 'handler.mjs',
        code: dedent`
          import Redis from 'ioredis';
          const redis = new Redis(process.env.REDIS_URL);
          const SCRIPT = "return redis.call('INCRBY', KEYS[1], ARGV[1])";
          export const handler = async (event) => {
            const { counter, by } = JSON.parse(event.body);
            return redis.eval(SCRIPT, 1, counter, by);
          };
        `,
      },
      {
        name: 'EventBridge trusted field (account) in eval',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const account = event.account;
            return eval(\`'\${account}'\`) === process.env.ACCOUNT_ID && event.detail;
          };
        `,
      },
      {
        name: 'non-handler: CLI evaluating process.argv',
        filename: 'calc.mjs',
        code: dedent`
          function main() {
            const expr = process.argv[2];
            console.log(eval(expr));
          }
          main();
        `,
      },
      {
        name: 'setTimeout with a string does not evaluate it on Node (it throws ERR_INVALID_ARG_TYPE)',
        filename: 'handler.mjs',
        code: dedent`
          export async function handler(event) {
            const msg = event.Records[0].Sns.Message;
            setTimeout(\`notify("\${msg}")\`, 10);
          }
        `,
      },
    ],
    invalid: [
      {
        name: 'API Gateway query parameter in eval, export const handler',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const expr = event.queryStringParameters.expr;
            const result = eval(expr);
            return { statusCode: 200, body: String(result) };
          };
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 3,
            column: 18,
            data: finding(
              'Query string parameter (`event.queryStringParameters.expr`, line 2)',
              'eval()',
              ' through `expr` (line 2)',
            ),
            suggestions: [
              {
                messageId: 'useJsonParse',
                output: dedent`
                  export const handler = async (event) => {
                    const expr = event.queryStringParameters.expr;
                    const result = JSON.parse(expr);
                    return { statusCode: 200, body: String(result) };
                  };
                `,
              },
            ],
          },
        ],
      },
      {
        name: 'second-order: S3 object content (SDK v3) in vm.runInNewContext',
        filename: 'handler.mjs',
        code: dedent`
          import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
          import vm from 'node:vm';
          const s3 = new S3Client({});
          export const handler = async (event) => {
            const { bucket, object } = event.Records[0].s3;
            const res = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: object.key }));
            const rules = await res.Body.transformToString();
            return vm.runInNewContext(rules, { input: event });
          };
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 8,
            column: 10,
            data: finding(
              'S3 object content (GetObject) (`new GetObjectCommand()`, line 6)',
              'vm.runInNewContext()',
              ' through `res` → `rules` (line 7)',
            ),
          },
        ],
      },
      {
        name: 'dynamic import() of a module named in the body',
        filename: 'handler.mjs',
        code: dedent`
          export default async (event) => {
            const { transform } = JSON.parse(event.body);
            const mod = await import(\`./transforms/\${transform}.mjs\`);
            return mod.default(event);
          };
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 3,
            column: 21,
            data: finding(
              'Request body (`JSON.parse(event.body).transform`, line 2)',
              'import() with a dynamic specifier',
              ' through `transform` (line 2)',
            ),
          },
        ],
      },
      {
        name: 'Kinesis base64 data in vm2 VM#run and NodeVM#run',
        filename: 'handler.mjs',
        code: dedent`
          import { VM, NodeVM } from 'vm2';
          export const handler = async (event) => {
            const code = Buffer.from(event.Records[0].kinesis.data, 'base64').toString();
            new VM({ timeout: 100 }).run(code);
            const sandbox = new NodeVM();
            sandbox.run(code);
          };
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 4,
            column: 3,
            data: finding(
              'Kinesis record data (`event.Records[].kinesis.data`, line 3)',
              'vm2 VM#run()',
              ' through `code` (line 3)',
            ),
          },
          {
            messageId: 'codeInjection',
            line: 6,
            column: 3,
            data: finding(
              'Kinesis record data (`event.Records[].kinesis.data`, line 3)',
              'vm2 NodeVM#run()',
              ' through `code` (line 3)',
            ),
          },
        ],
      },
      {
        name: 'safe-eval default import with a path parameter',
        filename: 'handler.mjs',
        code: dedent`
          import safeEval from 'safe-eval';
          export const handler = async (event) => ({
            statusCode: 200,
            body: String(safeEval(event.pathParameters.formula, { Math })),
          });
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 4,
            column: 16,
            data: finding('Path parameter (`event.pathParameters.formula`, line 4)', 'safe-eval()'),
          },
        ],
      },
      {
        name: 'indirect eval: (0, eval)(x) and globalThis.eval(x)',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const code = event.body;
            const a = (0, eval)(code);
            const b = globalThis.eval(code);
            return { statusCode: 200, body: String(a ?? b) };
          };
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 3,
            column: 13,
            data: finding('Request body (`event.body`, line 2)', 'eval()', ' through `code` (line 2)'),
          },
          {
            messageId: 'codeInjection',
            line: 4,
            column: 13,
            data: finding('Request body (`event.body`, line 2)', 'eval()', ' through `code` (line 2)'),
          },
        ],
      },
      {
        name: 'helper in the same file called from middy().handler()',
        filename: 'handler.mjs',
        code: dedent`
          import middy from '@middy/core';
          function evaluate(formula, scope) {
            return new Function(...Object.keys(scope), \`return (\${formula});\`)(...Object.values(scope));
          }
          export const handler = middy().handler(async (event) => {
            const { formula, scope } = JSON.parse(event.body);
            return { statusCode: 200, body: String(evaluate(formula, scope)) };
          });
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 3,
            column: 10,
            // The first argument reported: the parameter names, which are the keys of the
            // attacker's `scope` object (`{"a){return process}//": 1}` is code too).
            data: finding(
              'Request body (`JSON.parse(event.body).scope`, line 6)',
              'Function()',
              ' through `scope` (line 2)',
            ),
          },
        ],
      },
    ],
  });
});

describe('JavaScript, CommonJS', () => {
  cjs.run('no-code-injection', rule, {
    valid: [
      {
        name: 'look-alike: a parameter named eval shadows the global (sloppy-mode script)',
        filename: 'handler.js',
        languageOptions: { parserOptions: { sourceType: 'script' } },
        code: dedent`
          function runRule(rule, eval) {
            return eval(rule.expr);
          }
          exports.handler = async (event) => {
            const rule = JSON.parse(event.body);
            return runRule(rule, (expr) => expr.length);
          };
        `,
      },
      {
        name: 'require of a constant path',
        filename: 'handler.js',
        code: dedent`
          module.exports.handler = async (event) => {
            const plugin = require('./plugins/default');
            return plugin.run(event.detail);
          };
        `,
      },
      {
        name: 'non-handler: Express route (req, res)',
        filename: 'routes.js',
        code: dedent`
          module.exports = function calculate(req, res) {
            res.json({ result: eval(req.body.expr) });
          };
        `,
      },
      {
        name: 'SQS receipt handle and messageId are set by AWS',
        filename: 'handler.js',
        code: dedent`
          exports.handler = async (event) => {
            for (const { messageId, receiptHandle } of event.Records) {
              new Function(\`return "\${messageId}:\${receiptHandle}";\`)();
            }
          };
        `,
      },
    ],
    invalid: [
      {
        name: 'SQS body filter compiled with new Function, for-of + destructuring',
        filename: 'handler.js',
        code: dedent`
          exports.handler = async (event) => {
            const results = [];
            for (const record of event.Records) {
              const { filter, rows } = JSON.parse(record.body);
              const predicate = new Function('row', \`return \${filter};\`);
              results.push(rows.filter(predicate));
            }
            return results;
          };
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 5,
            column: 23,
            data: finding(
              'SQS message body (`JSON.parse(event.Records[].body).filter`, line 4)',
              'Function()',
              ' through `record` → `filter` (line 4)',
            ),
          },
        ],
      },
      {
        name: 'EventBridge detail in a dynamic require, module.exports.route',
        filename: 'handler.js',
        code: dedent`
          module.exports.route = async (event) => {
            const plugin = require(\`./plugins/\${event.detail.plugin}\`);
            return plugin.run(event.detail);
          };
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 2,
            column: 18,
            data: finding('EventBridge event detail (`event.detail.plugin`, line 2)', 'require() with a dynamic specifier'),
          },
        ],
      },
      {
        name: 'second-order: S3 object content (SDK v2 callback) in new Function',
        filename: 'handler.js',
        code: dedent`
          const AWS = require('aws-sdk');
          const s3 = new AWS.S3();
          exports.handler = (event, context, callback) => {
            const params = { Bucket: event.Records[0].s3.bucket.name, Key: event.Records[0].s3.object.key };
            s3.getObject(params, (err, data) => {
              if (err) return callback(err);
              const fn = new Function('input', data.Body.toString('utf8'));
              callback(null, fn(event));
            });
          };
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 7,
            column: 16,
            data: finding('S3 object content (GetObject) (`s3.getObject()`, line 5)', 'Function()', ' through `data` (line 5)'),
          },
        ],
      },
      {
        name: 'API Gateway body, callback style, module.exports = { handler }',
        filename: 'handler.js',
        code: dedent`
          const vm = require('vm');
          function handler(event, context, callback) {
            const { template } = JSON.parse(event.body);
            const script = new vm.Script('\`' + template + '\`');
            callback(null, { statusCode: 200, body: script.runInNewContext({ user: 'guest' }) });
          }
          module.exports = { handler };
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 4,
            column: 18,
            data: finding(
              'Request body (`JSON.parse(event.body).template`, line 3)',
              'new vm.Script()',
              ' through `template` (line 3)',
            ),
          },
        ],
      },
      {
        name: 'decoded S3 key in eval through .then()',
        filename: 'handler.js',
        code: dedent`
          exports.handler = (event) =>
            Promise.resolve(event.Records[0].s3.object.key)
              .then((key) => decodeURIComponent(key.replace(/\\+/g, ' ')))
              .then((name) => eval(\`render("\${name}")\`));
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 4,
            column: 21,
            data: finding('S3 object key (`event.Records[].s3.object.key`, line 2)', 'eval()', ' through `key` → `name` (line 4)'),
            suggestions: [
              {
                messageId: 'useJsonParse',
                output: dedent`
                  exports.handler = (event) =>
                    Promise.resolve(event.Records[0].s3.object.key)
                      .then((key) => decodeURIComponent(key.replace(/\\+/g, ' ')))
                      .then((name) => JSON.parse(\`render("\${name}")\`));
                `,
              },
            ],
          },
        ],
      },
    ],
  });
});

describe('TypeScript', () => {
  ts.run('no-code-injection', rule, {
    valid: [
      {
        name: 'typed handler: Function built from trusted Cognito fields',
        filename: 'handler.ts',
        code: dedent`
          import type { PreSignUpTriggerHandler } from 'aws-lambda';
          export const handler: PreSignUpTriggerHandler = async (event) => {
            const check = new Function(\`return "\${event.userPoolId}" === "\${process.env.POOL_ID}";\`);
            event.response.autoConfirmUser = check() as boolean;
            return event;
          };
        `,
      },
      {
        name: 'vm script from a file bundled with the function',
        filename: 'handler.ts',
        code: dedent`
          import { readFileSync } from 'node:fs';
          import { Script } from 'node:vm';
          import type { APIGatewayProxyEventV2 } from 'aws-lambda';
          const rules = new Script(readFileSync(new URL('./rules.js', import.meta.url), 'utf8'));
          export async function handler(event: APIGatewayProxyEventV2) {
            return rules.runInNewContext({ path: event.rawPath });
          }
        `,
      },
      {
        name: 'switch maps the operation to local functions',
        filename: 'handler.ts',
        code: dedent`
          import type { APIGatewayProxyHandler } from 'aws-lambda';
          const OPS = { add: (a: number, b: number) => a + b, mul: (a: number, b: number) => a * b };
          export const handler: APIGatewayProxyHandler = async (event) => {
            const { op, a, b } = JSON.parse(event.body ?? '{}');
            let fn: (a: number, b: number) => number;
            switch (op) {
              case 'add': fn = OPS.add; break;
              case 'mul': fn = OPS.mul; break;
              default: return { statusCode: 400, body: 'bad op' };
            }
            return { statusCode: 200, body: String(fn(Number(a), Number(b))) };
          };
        `,
      },
    ],
    invalid: [
      {
        name: 'DynamoDB stream NewImage (unmarshall) in new vm.Script, typed handler',
        filename: 'handler.ts',
        code: dedent`
          import { unmarshall } from '@aws-sdk/util-dynamodb';
          import { Script, createContext } from 'vm';
          import type { DynamoDBStreamHandler } from 'aws-lambda';
          export const handler: DynamoDBStreamHandler = async (event) => {
            for (const record of event.Records) {
              const item = unmarshall(record.dynamodb!.NewImage as any);
              const script = new Script(item.formula);
              script.runInContext(createContext({ price: item.price }));
            }
          };
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 7,
            column: 20,
            data: finding(
              'DynamoDB stream new image (`event.Records[].dynamodb.NewImage.formula`, line 7)',
              'new vm.Script()',
              ' through `record` → `item` (line 6)',
            ),
          },
        ],
      },
      {
        name: 'Cognito user attribute in vm.compileFunction',
        filename: 'handler.ts',
        code: dedent`
          import { compileFunction } from 'vm';
          import type { CustomMessageTriggerEvent } from 'aws-lambda';
          export const handler = async (event: CustomMessageTriggerEvent) => {
            const name = event.request.userAttributes.name;
            const render = compileFunction(\`return "Hello \${name}"\`);
            event.response.emailMessage = render() as string;
            return event;
          };
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 5,
            column: 18,
            data: finding(
              'Cognito user attribute (`event.request.userAttributes.name`, line 4)',
              'vm.compileFunction()',
              ' through `name` (line 4)',
            ),
          },
        ],
      },
      {
        name: 'Powertools class handler: SQS body in eval',
        filename: 'handler.ts',
        code: dedent`
          import type { LambdaInterface } from '@aws-lambda-powertools/commons/types';
          import type { SQSEvent, Context } from 'aws-lambda';
          class RulesEngine implements LambdaInterface {
            public async handler(event: SQSEvent, _context: Context): Promise<unknown[]> {
              return event.Records.map((record) => eval(record.body));
            }
          }
          const engine = new RulesEngine();
          export const handler = engine.handler.bind(engine);
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 5,
            column: 42,
            data: finding('SQS message body (`event.Records[].body`, line 5)', 'eval()', ' through `record` (line 5)'),
            suggestions: [
              {
                messageId: 'useJsonParse',
                output: dedent`
                  import type { LambdaInterface } from '@aws-lambda-powertools/commons/types';
                  import type { SQSEvent, Context } from 'aws-lambda';
                  class RulesEngine implements LambdaInterface {
                    public async handler(event: SQSEvent, _context: Context): Promise<unknown[]> {
                      return event.Records.map((record) => JSON.parse(record.body));
                    }
                  }
                  const engine = new RulesEngine();
                  export const handler = engine.handler.bind(engine);
                `,
              },
            ],
          },
        ],
      },
      {
        name: 'HTTP API v2 query string through a custom wrapper, vm.runInThisContext',
        filename: 'handler.ts',
        code: dedent`
          import { runInThisContext } from 'node:vm';
          import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
          import { withErrors } from './lib/with-errors';
          export const main = withErrors(async (event: APIGatewayProxyEventV2, context: Context) => {
            const { calc = '0' } = event.queryStringParameters ?? {};
            return { statusCode: 200, body: String(runInThisContext(calc)) };
          });
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 6,
            column: 42,
            data: finding(
              'Query string parameter (`event.queryStringParameters.calc`, line 5)',
              'vm.runInThisContext()',
              ' through `calc` (line 5)',
            ),
          },
        ],
      },
      {
        name: 'processPartialResponse record handler: SQS body in dynamic import()',
        filename: 'handler.ts',
        code: dedent`
          import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
          import type { SQSEvent, SQSRecord, Context } from 'aws-lambda';
          const processor = new BatchProcessor(EventType.SQS);
          const recordHandler = async (record: SQSRecord) => {
            const { task } = JSON.parse(record.body) as { task: string };
            const mod = await import(\`./tasks/\${task}.js\`);
            await mod.run();
          };
          export const handler = async (event: SQSEvent, context: Context) =>
            processPartialResponse(event, recordHandler, processor, { context });
        `,
        errors: [
          {
            messageId: 'codeInjection',
            line: 6,
            column: 21,
            data: finding(
              'SQS message body (`JSON.parse(event.Records[].body).task`, line 5)',
              'import() with a dynamic specifier',
              ' through `record` → `task` (line 5)',
            ),
          },
        ],
      },
    ],
  });
});

/**
 * Each case asserts what the engine does TODAY where that is wrong, so that closing the gap turns
 * the case red on purpose: move it to the main blocks above (with the right expectation) then.
 */
describe('known gaps', () => {
  esm.run('no-code-injection (known gaps, ESM)', rule, {
    valid: [
      {
        // KNOWN GAP: JSONPath script filter expressions (`$..[?(@.x)]`) are evaluated by
        // jsonpath-plus (CVE-2024-21534, RCE) and `jsonpath`; not modelled (CATALOGUE §5.2).
        name: 'missed: JSONPath expression from the request body',
        filename: 'handler.mjs',
        code: dedent`
          import { JSONPath } from 'jsonpath-plus';
          export const handler = async (event) => {
            const { path, json } = JSON.parse(event.body);
            return { statusCode: 200, body: JSON.stringify(JSONPath({ path, json })) };
          };
        `,
      },
      {
        // KNOWN GAP: `Module.prototype._compile` is not modelled (CATALOGUE §5.2).
        name: 'missed: Module#_compile of the request body',
        filename: 'handler.mjs',
        code: dedent`
          import Module from 'node:module';
          export const handler = async (event) => {
            const m = new Module('plugin.js');
            m._compile(event.body, 'plugin.js');
            return m.exports.run(event.queryStringParameters);
          };
        `,
      },
    ],
    invalid: [],
  });
});
