import { cjs, esm, ts } from './_setup.js';
import { describe } from 'vitest';
import rule from '../../src/rules/no-redos.js';
import { dedent } from './_code.js';
import { finding } from './_message.js';

/** What the `escapeValue` suggestion appends to `String(value)`. */
const ESCAPE = ".replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')";

describe('JavaScript, ES modules', () => {
  esm.run('no-redos', rule, {
    valid: [
      {
        name: 'escape-string-regexp before new RegExp',
        filename: 'handler.mjs',
        code: dedent`
          import escapeStringRegexp from 'escape-string-regexp';
          export const handler = async (event) => {
            const q = event.queryStringParameters.q;
            const re = new RegExp(escapeStringRegexp(q), 'i');
            return { statusCode: 200, body: JSON.stringify(['alpha', 'beta'].filter((s) => re.test(s))) };
          };
        `,
      },
      {
        name: 'lodash escapeRegExp inside a template',
        filename: 'handler.mjs',
        code: dedent`
          import _ from 'lodash';
          export const handler = async (event) => {
            const prefix = event.Records[0].s3.object.key;
            const re = new RegExp(\`^\${_.escapeRegExp(prefix)}/\`);
            return re.source;
          };
        `,
      },
      {
        name: 'hand-written metacharacter escaper',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const { term } = JSON.parse(event.body);
            const re = new RegExp(term.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&'), 'gi');
            return { statusCode: 200, body: 'some text'.replace(re, '<b>$&</b>') };
          };
        `,
      },
      {
        name: 're2 is a linear-time engine',
        filename: 'handler.mjs',
        code: dedent`
          import RE2 from 're2';
          export const handler = async (event) => {
            const re = new RE2(event.queryStringParameters.pattern);
            return { statusCode: 200, body: String(re.test('haystack')) };
          };
        `,
      },
      {
        name: 'safe regex applied to event data',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const { email } = JSON.parse(event.body);
            if (!/^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$/.test(email)) return { statusCode: 400 };
            return { statusCode: 200 };
          };
        `,
      },
      {
        name: 'catastrophic regex applied to a constant',
        filename: 'handler.mjs',
        code: dedent`
          const SAMPLE = 'aaaaaaaa';
          export const handler = async (event) => {
            const warm = /^(a+)+$/.test(SAMPLE);
            return { warm, id: event.requestContext.requestId };
          };
        `,
      },
      {
        name: 'string arguments of split/replace/replaceAll are literal, not regexes',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const { text, sep, word } = JSON.parse(event.body);
            return { parts: text.split(sep), clean: text.replaceAll(word, '***'), key: text.replace('+', ' ') };
          };
        `,
      },
      {
        name: 'RegExp from deployment configuration',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const allowed = new RegExp(process.env.ALLOWED_ORIGINS);
            const stage = new RegExp(event.stageVariables.pathPattern);
            return allowed.test(event.headers.origin) && stage.test('/x');
          };
        `,
      },
      {
        name: 'regex chosen from a constant table by the event',
        filename: 'handler.mjs',
        code: dedent`
          const PATTERNS = { digits: /^\\d+$/, slug: /^[a-z0-9-]+$/ };
          export const handler = async (event) => {
            const body = JSON.parse(event.body);
            return { statusCode: 200, body: String(PATTERNS[body.kind].test(body.value)) };
          };
        `,
      },
      {
        name: 'polynomial regex on an S3 key (at most 1024 bytes) is lower-confidence',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const key = event.Records[0].s3.object.key;
            return key.replace(/^\\s+|\\s+$/g, '');
          };
        `,
      },
      {
        name: 'look-alike: the catastrophic regex on a trusted field',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            for (const record of event.Records) {
              if (/^(\\w+\\s?)*$/.test(record.s3.bucket.name)) console.log('plain bucket name');
            }
          };
        `,
      },
      {
        name: 'non-handler: CLI grep with a pattern from argv',
        filename: 'grep.mjs',
        code: dedent`
          import { readFileSync } from 'fs';
          const [, , pattern, file] = process.argv;
          const re = new RegExp(pattern);
          for (const line of readFileSync(file, 'utf8').split('\\n')) if (re.test(line)) console.log(line);
        `,
      },
      {
        name: 'RegExp.escape() (Node 24) before new RegExp',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const q = event.queryStringParameters.q;
            const re = new RegExp(RegExp.escape(q), 'i');
            return { statusCode: 200, body: String(re.test('alpha')) };
          };
        `,
      },
      {
        name: 'polynomial regex after a 1000-character length guard',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const body = event.body;
            if (body.length > 1000) return { statusCode: 413 };
            return { statusCode: 200, body: body.replace(/^\\s+|\\s+$/g, '') };
          };
        `,
      },
    ],
    invalid: [
      {
        name: 'query parameter in new RegExp, export const handler',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const q = event.queryStringParameters.q;
            const re = new RegExp(q, 'i');
            return { statusCode: 200, body: JSON.stringify(['alpha', 'beta'].filter((s) => re.test(s))) };
          };
        `,
        errors: [
          {
            messageId: 'regexInjection',
            line: 3,
            column: 14,
            data: finding('Query string parameter (`event.queryStringParameters.q`, line 2)', 'RegExp()', ' through `q` (line 2)'),
            suggestions: [
              {
                messageId: 'escapeValue',
                output: dedent`
                  export const handler = async (event) => {
                    const q = event.queryStringParameters.q;
                    const re = new RegExp(String(q)${ESCAPE}, 'i');
                    return { statusCode: 200, body: JSON.stringify(['alpha', 'beta'].filter((s) => re.test(s))) };
                  };
                `,
              },
            ],
          },
        ],
      },
      {
        name: 'request header compiled by String#search',
        filename: 'handler.mjs',
        code: dedent`
          export async function handler(event) {
            const text = 'Lorem ipsum dolor sit amet';
            return { statusCode: 200, body: String(text.search(event.headers['x-filter'])) };
          }
        `,
        errors: [
          {
            messageId: 'regexInjection',
            line: 3,
            column: 42,
            data: finding("Request header (`event.headers['x-filter']`, line 3)", 'a string used as a regular expression'),
            suggestions: [
              {
                messageId: 'escapeValue',
                output: dedent`
                  export async function handler(event) {
                    const text = 'Lorem ipsum dolor sit amet';
                    return { statusCode: 200, body: String(text.search(String(event.headers['x-filter'])${ESCAPE})) };
                  }
                `,
              },
            ],
          },
        ],
      },
      {
        name: 'exponential regex on a JSON body field',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const body = JSON.parse(event.body);
            if (!/^(a+)+$/.test(body.name)) return { statusCode: 400 };
            return { statusCode: 200 };
          };
        `,
        errors: [
          {
            messageId: 'catastrophicRegex',
            line: 3,
            column: 8,
            data: finding(
              'Request body (`JSON.parse(event.body).name`, line 3)',
              'the catastrophic regular expression',
              ' through `body` (line 2)',
              '`/^(a+)+$/` in .test() (exponential backtracking: nested quantifier `(a+)+` can backtrack exponentially)',
            ),
          },
        ],
      },
      {
        name: 'exponential regex on an S3 key (short input is enough)',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const key = event.Records[0].s3.object.key;
            const words = /^(\\w+\\s?)*$/.test(key);
            return { words };
          };
        `,
        errors: [
          {
            messageId: 'catastrophicRegex',
            line: 3,
            column: 17,
            data: finding(
              'S3 object key (`event.Records[].s3.object.key`, line 2)',
              'the catastrophic regular expression',
              ' through `key` (line 2)',
              '`/^(\\w+\\s?)*$/` in .test() (exponential backtracking: nested quantifier `(\\w+\\s?)*` can backtrack exponentially)',
            ),
          },
        ],
      },
      {
        name: 'polynomial regex in split() on an unbounded body',
        filename: 'handler.mjs',
        code: dedent`
          export default async (event) => {
            const { csv } = JSON.parse(event.body);
            const tags = csv.split(/\\s*,\\s*/);
            return { statusCode: 200, body: JSON.stringify(tags) };
          };
        `,
        errors: [
          {
            messageId: 'catastrophicRegex',
            line: 3,
            column: 16,
            data: finding(
              'Request body (`JSON.parse(event.body).csv`, line 2)',
              'the catastrophic regular expression',
              ' through `csv` (line 2)',
              '`/\\s*,\\s*/` in .split() (polynomial backtracking: unanchored `\\s*` is retried at every offset (quadratic on long input))',
            ),
          },
        ],
      },
      {
        name: 'second-order: S3 object content (SDK v3) lines tested with an exponential regex',
        filename: 'handler.mjs',
        code: dedent`
          import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
          const s3 = new S3Client({});
          export const handler = async (event) => {
            const { bucket, object } = event.Records[0].s3;
            const res = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: object.key }));
            const text = await res.Body.transformToString();
            const rows = text.split('\\n').filter((line) => /^(?:"[^"]*"|[^,]*)*$/.test(line));
            return rows.length;
          };
        `,
        errors: [
          {
            messageId: 'catastrophicRegex',
            line: 7,
            column: 50,
            data: finding(
              'S3 object content (GetObject) (`new GetObjectCommand()`, line 5)',
              'the catastrophic regular expression',
              ' through `res` → `text` → `line` (line 7)',
              '`/^(?:"[^"]*"|[^,]*)*$/` in .test() (exponential backtracking: nested quantifier `(?:"[^"]*"|[^,]*)*` can backtrack exponentially)',
            ),
          },
        ],
      },
      {
        name: 'helper in the same file builds the regex',
        filename: 'handler.mjs',
        code: dedent`
          function matches(pattern, value) {
            return new RegExp(pattern).test(value);
          }
          export const handler = async (event) => {
            const body = JSON.parse(event.body);
            return { statusCode: 200, body: String(matches(body.pattern, body.value)) };
          };
        `,
        errors: [
          {
            messageId: 'regexInjection',
            line: 2,
            column: 10,
            data: finding('Request body (`JSON.parse(event.body).pattern`, line 6)', 'RegExp()', ' through `body` → `pattern` (line 1)'),
            suggestions: [
              {
                messageId: 'escapeValue',
                output: dedent`
                  function matches(pattern, value) {
                    return new RegExp(String(pattern)${ESCAPE}).test(value);
                  }
                  export const handler = async (event) => {
                    const body = JSON.parse(event.body);
                    return { statusCode: 200, body: String(matches(body.pattern, body.value)) };
                  };
                `,
              },
            ],
          },
        ],
      },
      {
        name: 'exponential regex in a helper arrow, path parameter (bounded input does not help)',
        filename: 'handler.mjs',
        code: dedent`
          const isSlug = (s) => /^([a-z0-9]+-?)*$/.test(s);
          export const handler = async (event) => ({ statusCode: isSlug(event.pathParameters.slug) ? 200 : 400 });
        `,
        errors: [
          {
            messageId: 'catastrophicRegex',
            line: 1,
            column: 23,
            data: finding(
              'Path parameter (`event.pathParameters.slug`, line 2)',
              'the catastrophic regular expression',
              ' through `s` (line 1)',
              '`/^([a-z0-9]+-?)*$/` in .test() (exponential backtracking: nested quantifier `([a-z0-9]+-?)*` can backtrack exponentially)',
            ),
          },
        ],
      },
    ],
  });
});

describe('JavaScript, CommonJS', () => {
  cjs.run('no-redos', rule, {
    valid: [
      {
        name: 'non-handler: Express route (req, res)',
        filename: 'routes.js',
        code: dedent`
          module.exports = (req, res) => {
            res.json({ hit: new RegExp(req.query.q).test('abc') });
          };
        `,
      },
      {
        name: 'safe regex on an SQS body, forEach',
        filename: 'handler.js',
        code: dedent`
          exports.handler = async (event) => {
            event.Records.forEach((record) => {
              const ids = record.body.match(/\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b/g);
              console.log(ids);
            });
          };
        `,
      },
    ],
    invalid: [
      {
        name: 'SQS body pattern in RegExp() without new, destructuring with a default',
        filename: 'handler.js',
        code: dedent`
          exports.handler = async (event) => {
            for (const record of event.Records) {
              const { pattern = '.*', text } = JSON.parse(record.body);
              console.log(RegExp(pattern).test(text));
            }
          };
        `,
        errors: [
          {
            messageId: 'regexInjection',
            line: 4,
            column: 17,
            data: finding(
              'SQS message body (`JSON.parse(event.Records[].body).pattern`, line 3)',
              'RegExp()',
              ' through `record` → `pattern` (line 3)',
            ),
            suggestions: [
              {
                messageId: 'escapeValue',
                output: dedent`
                  exports.handler = async (event) => {
                    for (const record of event.Records) {
                      const { pattern = '.*', text } = JSON.parse(record.body);
                      console.log(RegExp(String(pattern)${ESCAPE}).test(text));
                    }
                  };
                `,
              },
            ],
          },
        ],
      },
      {
        name: 'Kinesis base64 data, module.exports.hello, polynomial trim',
        filename: 'handler.js',
        code: dedent`
          module.exports.hello = async (event) => {
            const lines = event.Records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString('utf8'));
            return lines.map((line) => line.replace(/^\\s+|\\s+$/g, ''));
          };
        `,
        errors: [
          {
            messageId: 'catastrophicRegex',
            line: 3,
            column: 30,
            data: finding(
              'Kinesis record data (`event.Records[].kinesis.data`, line 2)',
              'the catastrophic regular expression',
              ' through `r` → `lines` → `line` (line 3)',
              '`/^\\s+|\\s+$/g` in .replace() (polynomial backtracking: unanchored `\\s+` is retried at every offset (quadratic on long input))',
            ),
          },
        ],
      },
      {
        name: 'SNS message pattern in String#match, callback style',
        filename: 'handler.js',
        code: dedent`
          const LOG = 'GET /index.html 200\\nPOST /login 401';
          exports.handler = (event, context, callback) => {
            const { filter } = JSON.parse(event.Records[0].Sns.Message);
            callback(null, LOG.match(filter));
          };
        `,
        errors: [
          {
            messageId: 'regexInjection',
            line: 4,
            column: 18,
            data: finding(
              'SNS message (`JSON.parse(event.Records[].Sns.Message).filter`, line 3)',
              'a string used as a regular expression',
              ' through `filter` (line 3)',
            ),
            suggestions: [
              {
                messageId: 'escapeValue',
                output: dedent`
                  const LOG = 'GET /index.html 200\\nPOST /login 401';
                  exports.handler = (event, context, callback) => {
                    const { filter } = JSON.parse(event.Records[0].Sns.Message);
                    callback(null, LOG.match(String(filter)${ESCAPE}));
                  };
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
  ts.run('no-redos', rule, {
    valid: [
      {
        name: 'typed API handler: includes() instead of a regex',
        filename: 'handler.ts',
        code: dedent`
          import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
          const NAMES = ['alpha', 'beta', 'gamma'];
          export const handler: APIGatewayProxyHandlerV2 = async (event) => {
            const q = (event.queryStringParameters?.q ?? '').toLowerCase();
            return { statusCode: 200, body: JSON.stringify(NAMES.filter((n) => n.includes(q))) };
          };
        `,
      },
      {
        name: 'polynomial regex on a request header is lower-confidence (default options)',
        filename: 'handler.ts',
        code: dedent`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          export async function handler(event: APIGatewayProxyEvent) {
            const ua = event.headers['User-Agent'] ?? '';
            return { statusCode: 200, body: String(/\\s+$/.test(ua)) };
          }
        `,
      },
    ],
    invalid: [
      {
        name: 'Cognito email attribute checked with the classic email ReDoS regex',
        filename: 'handler.ts',
        code: dedent`
          import type { PreSignUpTriggerHandler } from 'aws-lambda';
          const EMAIL = /^([a-zA-Z0-9_\\.\\-])+\\@(([a-zA-Z0-9\\-])+\\.)+([a-zA-Z0-9]{2,4})+$/;
          export const handler: PreSignUpTriggerHandler = async (event) => {
            const email = event.request.userAttributes.email;
            if (!EMAIL.test(email)) throw new Error('invalid email');
            return event;
          };
        `,
        errors: [
          {
            messageId: 'catastrophicRegex',
            line: 5,
            column: 8,
            data: finding(
              'Cognito user attribute (`event.request.userAttributes.email`, line 4)',
              'the catastrophic regular expression',
              ' through `email` (line 4)',
              '`/^([a-zA-Z0-9_\\.\\-])+\\@(([a-zA-Z0-9\\-])+\\.)+([a-zA-Z0-9]{2…/` in .test() (exponential backtracking: loop `([a-zA-Z0-9]{2,4})+` can match the same text in exponentially many ways)',
            ),
          },
        ],
      },
      {
        name: 'catastrophic RegExp built from a constant string, Cognito user name',
        filename: 'handler.ts',
        code: dedent`
          import type { PostConfirmationTriggerEvent } from 'aws-lambda';
          const DIGITS = new RegExp('^(\\\\d+)*$');
          export const handler = async (event: PostConfirmationTriggerEvent) => {
            if (DIGITS.test(event.userName)) console.log('numeric user name');
            return event;
          };
        `,
        errors: [
          {
            messageId: 'catastrophicRegex',
            line: 4,
            column: 7,
            data: finding(
              'Cognito user name (`event.userName`, line 4)',
              'the catastrophic regular expression',
              '',
              '`/^(\\d+)*$/` in .test() (exponential backtracking: nested quantifier `(\\d+)*` can backtrack exponentially)',
            ),
          },
        ],
      },
      {
        name: 'polynomial regex on a request header reported with checkLowConfidence',
        filename: 'handler.ts',
        options: [{ checkLowConfidence: true }],
        code: dedent`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          export async function handler(event: APIGatewayProxyEvent) {
            const ua = event.headers['User-Agent'] ?? '';
            return { statusCode: 200, body: String(/\\s+$/.test(ua)) };
          }
        `,
        errors: [
          {
            messageId: 'catastrophicRegex',
            line: 4,
            column: 42,
            data: finding(
              "Request header (`event.headers['User-Agent']`, line 3)",
              'the catastrophic regular expression',
              ' through `ua` (line 3)',
              '`/\\s+$/` in .test() (polynomial backtracking: unanchored `\\s+` is retried at every offset (quadratic on long input))',
            ),
          },
        ],
      },
      {
        name: 'Powertools class handler: SQS body search term in new RegExp',
        filename: 'handler.ts',
        code: dedent`
          import type { LambdaInterface } from '@aws-lambda-powertools/commons/types';
          import type { SQSEvent, Context } from 'aws-lambda';
          class Indexer implements LambdaInterface {
            public async handler(event: SQSEvent, _context: Context): Promise<void> {
              for (const record of event.Records) {
                const { term } = JSON.parse(record.body) as { term: string };
                console.log(new RegExp(term, 'g').test('document text'));
              }
            }
          }
          const indexer = new Indexer();
          export const handler = indexer.handler.bind(indexer);
        `,
        errors: [
          {
            messageId: 'regexInjection',
            line: 7,
            column: 19,
            data: finding(
              'SQS message body (`JSON.parse(event.Records[].body).term`, line 6)',
              'RegExp()',
              ' through `record` → `term` (line 6)',
            ),
            suggestions: [
              {
                messageId: 'escapeValue',
                output: dedent`
                  import type { LambdaInterface } from '@aws-lambda-powertools/commons/types';
                  import type { SQSEvent, Context } from 'aws-lambda';
                  class Indexer implements LambdaInterface {
                    public async handler(event: SQSEvent, _context: Context): Promise<void> {
                      for (const record of event.Records) {
                        const { term } = JSON.parse(record.body) as { term: string };
                        console.log(new RegExp(String(term)${ESCAPE}, 'g').test('document text'));
                      }
                    }
                  }
                  const indexer = new Indexer();
                  export const handler = indexer.handler.bind(indexer);
                `,
              },
            ],
          },
        ],
      },
      {
        name: 'DynamoDB NewImage via unmarshall through middy().handler()',
        filename: 'handler.ts',
        code: dedent`
          import middy from '@middy/core';
          import { unmarshall } from '@aws-sdk/util-dynamodb';
          import type { DynamoDBStreamEvent } from 'aws-lambda';
          export const handler = middy().handler(async (event: DynamoDBStreamEvent) => {
            for (const record of event.Records) {
              const rule = unmarshall(record.dynamodb!.NewImage as any);
              console.log(new RegExp(rule.match).test(rule.sample));
            }
          });
        `,
        errors: [
          {
            messageId: 'regexInjection',
            line: 7,
            column: 17,
            data: finding(
              'DynamoDB stream new image (`event.Records[].dynamodb.NewImage.match`, line 7)',
              'RegExp()',
              ' through `record` → `rule` (line 6)',
            ),
            suggestions: [
              {
                messageId: 'escapeValue',
                output: dedent`
                  import middy from '@middy/core';
                  import { unmarshall } from '@aws-sdk/util-dynamodb';
                  import type { DynamoDBStreamEvent } from 'aws-lambda';
                  export const handler = middy().handler(async (event: DynamoDBStreamEvent) => {
                    for (const record of event.Records) {
                      const rule = unmarshall(record.dynamodb!.NewImage as any);
                      console.log(new RegExp(String(rule.match)${ESCAPE}).test(rule.sample));
                    }
                  });
                `,
              },
            ],
          },
        ],
      },
    ],
  });
});

/** Gaps closed since the known-gaps block was written: regular cases now. */
describe('closed gaps', () => {
  esm.run('no-redos (closed gaps, ESM)', rule, {
    valid: [],
    invalid: [
      {
        // Regexes kept in an array and applied in a callback keep their values.
        name: 'catastrophic regexes in a block list applied with Array#some',
        filename: 'handler.mjs',
        code: dedent`
          const BLOCKED = [/^(a+)+$/, /^(\\w+\\s?)*$/];
          export const handler = async (event) => {
            const text = event.Records[0].body;
            if (BLOCKED.some((re) => re.test(text))) throw new Error('blocked');
          };
        `,
        errors: [
          {
            messageId: 'catastrophicRegex',
            line: 4,
            column: 28,
            data: finding(
              'SQS message body (`event.Records[].body`, line 3)',
              'the catastrophic regular expression',
              ' through `text` (line 3)',
              '`/^(a+)+$/` in .test() (exponential backtracking: nested quantifier `(a+)+` can backtrack exponentially)',
            ),
          },
        ],
      },
    ],
  });

  ts.run('no-redos (closed gaps, TypeScript)', rule, {
    valid: [],
    invalid: [
      {
        // A regex in a static class field is resolved through the class.
        name: 'catastrophic regex in a static class field',
        filename: 'handler.ts',
        code: dedent`
          import type { PreSignUpTriggerHandler } from 'aws-lambda';
          class Validator {
            static readonly EMAIL = /^([a-zA-Z0-9_\\.\\-])+\\@(([a-zA-Z0-9\\-])+\\.)+([a-zA-Z0-9]{2,4})+$/;
          }
          export const handler: PreSignUpTriggerHandler = async (event) => {
            if (!Validator.EMAIL.test(event.request.userAttributes.email)) throw new Error('invalid email');
            return event;
          };
        `,
        errors: [
          {
            messageId: 'catastrophicRegex',
            line: 6,
            column: 8,
            data: finding(
              'Cognito user attribute (`event.request.userAttributes.email`, line 6)',
              'the catastrophic regular expression',
              '',
              '`/^([a-zA-Z0-9_\\.\\-])+\\@(([a-zA-Z0-9\\-])+\\.)+([a-zA-Z0-9]{2…/` in .test() (exponential backtracking: loop `([a-zA-Z0-9]{2,4})+` can match the same text in exponentially many ways)',
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
  esm.run('no-redos (known gaps, ESM)', rule, {
    valid: [
      {
        // KNOWN GAP: user-supplied glob patterns compile to regexes inside minimatch (its README
        // warns about ReDoS from user patterns); minimatch/picomatch are not modelled.
        name: 'missed: minimatch with a glob from the request body',
        filename: 'handler.mjs',
        code: dedent`
          import { minimatch } from 'minimatch';
          export const handler = async (event) => {
            const { glob } = JSON.parse(event.body);
            return { statusCode: 200, body: JSON.stringify(['a.js', 'b.ts'].filter((f) => minimatch(f, glob))) };
          };
        `,
      },
    ],
    invalid: [],
  });

});
