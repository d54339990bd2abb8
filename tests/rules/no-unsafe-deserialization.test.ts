import { cjs, esm, ts } from './_setup.js';
import { describe } from 'vitest';
import rule from '../../src/rules/no-unsafe-deserialization.js';
import { dedent } from './_code.js';
import { finding } from './_message.js';

describe('JavaScript, ES modules', () => {
  esm.run('no-unsafe-deserialization', rule, {
    valid: [
      {
        name: 'JSON.parse of the body',
        filename: 'handler.mjs',
        code: dedent`
          export const handler = async (event) => {
            const profile = JSON.parse(event.body);
            return { statusCode: 200, body: \`Hello \${profile.username}\` };
          };
        `,
      },
      {
        name: 'js-yaml load() without a schema (safe in v4; with an unknown version only a lower-confidence finding)',
        filename: 'handler.mjs',
        code: dedent`
          import yaml from 'js-yaml';
          export const handler = async (event) => {
            for (const record of event.Records) {
              const doc = yaml.load(record.body);
              console.log(doc.name);
            }
          };
        `,
      },
      {
        name: 'js-yaml with JSON_SCHEMA and FAILSAFE_SCHEMA',
        filename: 'handler.mjs',
        code: dedent`
          import { load, JSON_SCHEMA, FAILSAFE_SCHEMA } from 'js-yaml';
          export const handler = async (event) => {
            const spec = load(event.body, { schema: JSON_SCHEMA });
            const labels = load(event.queryStringParameters.labels, { schema: FAILSAFE_SCHEMA });
            return { statusCode: 200, body: JSON.stringify({ spec, labels }) };
          };
        `,
      },
      {
        name: 'DEFAULT_FULL_SCHEMA on a config file bundled with the function',
        filename: 'handler.mjs',
        code: dedent`
          import yaml from 'js-yaml';
          import { readFileSync } from 'fs';
          const config = yaml.load(readFileSync('/opt/config.yml', 'utf8'), { schema: yaml.DEFAULT_FULL_SCHEMA });
          export const handler = async (event) => ({ config, id: event.requestContext.requestId });
        `,
      },
      {
        name: 'the yaml package (eemeli) parse()',
        filename: 'handler.mjs',
        code: dedent`
          import YAML from 'yaml';
          export const handler = async (event) => {
            const manifest = YAML.parse(event.detail.manifest);
            return manifest.services;
          };
        `,
      },
      {
        name: 'bson deserialize without evalFunctions',
        filename: 'handler.mjs',
        code: dedent`
          import { deserialize } from 'bson';
          export const handler = async (event) => {
            for (const record of event.Records) {
              const doc = deserialize(Buffer.from(record.kinesis.data, 'base64'));
              console.log(doc._id);
            }
          };
        `,
      },
      {
        name: 'node-serialize serialize() of event data (writing, not reviving)',
        filename: 'handler.mjs',
        code: dedent`
          import serialize from 'node-serialize';
          export const handler = async (event) => {
            const cookie = Buffer.from(serialize.serialize({ username: event.queryStringParameters.name })).toString('base64');
            return { statusCode: 200, headers: { 'Set-Cookie': \`profile=\${cookie}\` }, body: '' };
          };
        `,
      },
      {
        name: 'state stored by the function itself, looked up by the SQS messageId',
        filename: 'handler.mjs',
        code: dedent`
          import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
          import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
          import serialize from 'node-serialize';
          const ddb = DynamoDBDocument.from(new DynamoDBClient({}));
          export const handler = async (event) => {
            for (const record of event.Records) {
              const { Item } = await ddb.get({ TableName: process.env.TABLE, Key: { id: record.messageId } });
              console.log(serialize.unserialize(Item.state));
            }
          };
        `,
      },
      {
        name: 'look-alike: a local unserialize() that parses JSON',
        filename: 'handler.mjs',
        code: dedent`
          const unserialize = (text) => JSON.parse(text, (key, value) => (key === '__proto__' ? undefined : value));
          export const handler = async (event) => {
            const prefs = unserialize(event.body);
            return { statusCode: 200, body: JSON.stringify(prefs) };
          };
        `,
      },
      {
        name: 'non-handler: CLI reading a local state file',
        filename: 'restore.mjs',
        code: dedent`
          import { readFileSync } from 'fs';
          import serialize from 'node-serialize';
          const state = serialize.unserialize(readFileSync(process.argv[2], 'utf8'));
          console.log(state);
        `,
      },
    ],
    invalid: [
      {
        name: 'node-serialize on a base64 cookie header (default import)',
        filename: 'handler.mjs',
        code: dedent`
          import serialize from 'node-serialize';
          export const handler = async (event) => {
            const cookie = event.headers.Cookie.split('profile=')[1];
            const profile = serialize.unserialize(Buffer.from(cookie, 'base64').toString());
            return { statusCode: 200, body: \`Hello \${profile.username}\` };
          };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 4,
            column: 19,
            data: finding(
              'Request header (`event.headers.Cookie`, line 3)',
              'node-serialize.unserialize()',
              ' through `cookie` (line 3)',
            ),
          },
        ],
      },
      {
        name: 'js-yaml schema extended with js-yaml-js-types',
        filename: 'handler.mjs',
        code: dedent`
          import yaml from 'js-yaml';
          import jsTypes from 'js-yaml-js-types';
          const schema = yaml.DEFAULT_SCHEMA.extend(jsTypes.all);
          export const handler = async (event) => {
            const pipeline = yaml.load(event.body, { schema });
            return { statusCode: 200, body: JSON.stringify(pipeline) };
          };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 5,
            column: 20,
            data: finding('Request body (`event.body`, line 5)', 'js-yaml load()', '', 'with a schema that revives functions'),
          },
        ],
      },
      {
        name: 'bson evalFunctions on Kinesis data',
        filename: 'handler.mjs',
        code: dedent`
          import { deserialize } from 'bson';
          export const handler = async (event) => {
            for (const record of event.Records) {
              const doc = deserialize(Buffer.from(record.kinesis.data, 'base64'), { evalFunctions: true });
              console.log(doc._id);
            }
          };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 4,
            column: 17,
            data: finding(
              'Kinesis record data (`event.Records[].kinesis.data`, line 4)',
              'bson.deserialize() with evalFunctions',
              ' through `record` (line 3)',
            ),
          },
        ],
      },
      {
        name: 'serialize-to-js through middy(fn)',
        filename: 'handler.mjs',
        code: dedent`
          import middy from '@middy/core';
          import jsonBodyParser from '@middy/http-json-body-parser';
          import { deserialize } from 'serialize-to-js';
          const saveDraft = async (event) => {
            const draft = deserialize(event.body.draft);
            return { statusCode: 200, body: JSON.stringify({ title: draft.title }) };
          };
          export const handler = middy(saveDraft).use(jsonBodyParser());
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 5,
            column: 17,
            data: finding('Request body (`event.body.draft`, line 5)', 'serialize-to-js.deserialize()'),
          },
        ],
      },
      {
        name: 'funcster on the EventBridge detail, export default',
        filename: 'handler.mjs',
        code: dedent`
          import funcster from 'funcster';
          export default async function (event) {
            const hooks = funcster.deepDeserialize(event.detail.hooks);
            return hooks.onEvent(event.detail);
          }
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 3,
            column: 17,
            data: finding('EventBridge event detail (`event.detail.hooks`, line 3)', 'funcster.deepDeserialize()'),
          },
        ],
      },
      {
        name: 'second-order: S3 object content (SDK v3) through a helper',
        filename: 'handler.mjs',
        code: dedent`
          import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
          import { unserialize } from 'node-serialize';
          const s3 = new S3Client({});
          async function loadSession(bucket, key) {
            const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
            return unserialize(await res.Body.transformToString());
          }
          export const handler = async (event) => {
            const { bucket, object } = event.Records[0].s3;
            return loadSession(bucket.name, decodeURIComponent(object.key));
          };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 6,
            column: 10,
            data: finding(
              'S3 object content (GetObject) (`new GetObjectCommand()`, line 5)',
              'node-serialize.unserialize()',
              ' through `res` (line 5)',
            ),
          },
        ],
      },
      {
        name: 'js-yaml options in a module constant',
        filename: 'handler.mjs',
        code: dedent`
          import yaml from 'js-yaml';
          const OPTS = { schema: yaml.DEFAULT_FULL_SCHEMA, json: true };
          export const handler = async (event) => {
            return yaml.load(event.body, OPTS);
          };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 4,
            column: 10,
            data: finding('Request body (`event.body`, line 4)', 'js-yaml load()', '', 'with a schema that revives functions'),
          },
        ],
      },
      {
        name: 'js-yaml load without a schema in a file that also calls safeLoad (js-yaml 3)',
        filename: 'handler.mjs',
        code: dedent`
          import yaml from 'js-yaml';
          import { readFileSync } from 'node:fs';
          const DEFAULTS = yaml.safeLoad(readFileSync('/opt/defaults.yml', 'utf8'));
          export const handler = async (event) => {
            const spec = { ...DEFAULTS, ...yaml.load(event.body) };
            return { statusCode: 200, body: JSON.stringify(spec) };
          };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 5,
            column: 34,
            data: finding(
              'Request body (`event.body`, line 5)',
              'js-yaml load()',
              '',
              'without a schema (the file also calls safeLoad, which js-yaml 4 removed: js-yaml 3.x revives !!js/function)',
            ),
          },
        ],
      },
      {
        name: 'js-yaml schema set on the options object after its declaration',
        filename: 'handler.mjs',
        code: dedent`
          import yaml from 'js-yaml';
          const OPTS = { json: true };
          if (process.env.ALLOW_TAGS) OPTS.schema = yaml.DEFAULT_FULL_SCHEMA;
          export const handler = async (event) => yaml.load(event.body, OPTS);
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 4,
            column: 41,
            data: finding('Request body (`event.body`, line 4)', 'js-yaml load()', '', 'with a schema that revives functions'),
          },
        ],
      },
      {
        name: 'HTTP API v2 cookie found with Array#find',
        filename: 'handler.mjs',
        code: dedent`
          import serialize from 'node-serialize';
          export const handler = async (event) => {
            const raw = event.cookies.find((c) => c.startsWith('session='));
            const session = serialize.unserialize(Buffer.from(raw.slice(8), 'base64').toString());
            return { statusCode: 200, body: session.user };
          };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 4,
            column: 19,
            data: finding('Request cookie (`event.cookies[]`, line 3)', 'node-serialize.unserialize()', ' through `raw` (line 3)'),
          },
        ],
      },
    ],
  });
});

describe('JavaScript, CommonJS', () => {
  cjs.run('no-unsafe-deserialization', rule, {
    valid: [
      {
        name: 'non-handler: Express route (req, res)',
        filename: 'routes.js',
        code: dedent`
          const serialize = require('node-serialize');
          module.exports = (req, res) => {
            res.json(serialize.unserialize(req.cookies.profile));
          };
        `,
      },
      {
        name: 'node-serialize on a constant default',
        filename: 'handler.js',
        code: dedent`
          const serialize = require('node-serialize');
          const DEFAULT_PREFS = '{"theme":"dark"}';
          exports.handler = async (event) => {
            const prefs = serialize.unserialize(DEFAULT_PREFS);
            return { statusCode: 200, body: JSON.stringify({ ...prefs, path: event.path }) };
          };
        `,
      },
      {
        name: 'cryo on the SNS TopicArn (trusted)',
        filename: 'handler.js',
        code: dedent`
          const Cryo = require('cryo');
          exports.handler = async (event) => {
            const topic = Cryo.parse(JSON.stringify(event.Records[0].Sns.TopicArn));
            return topic;
          };
        `,
      },
      {
        name: 'js-yaml CORE_SCHEMA on an SNS message',
        filename: 'handler.js',
        code: dedent`
          const yaml = require('js-yaml');
          exports.handler = async (event) => {
            const doc = yaml.load(event.Records[0].Sns.Message, { schema: yaml.CORE_SCHEMA });
            return doc;
          };
        `,
      },
    ],
    invalid: [
      {
        name: 'SQS body, destructured require, for-of',
        filename: 'handler.js',
        code: dedent`
          const { unserialize } = require('node-serialize');
          exports.handler = async (event) => {
            for (const record of event.Records) {
              const job = unserialize(record.body);
              await job.run();
            }
          };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 4,
            column: 17,
            data: finding('SQS message body (`event.Records[].body`, line 4)', 'node-serialize.unserialize()', ' through `record` (line 3)'),
          },
        ],
      },
      {
        name: 'cryo on a DynamoDB NewImage (unmarshall), module.exports = { handler }',
        filename: 'handler.js',
        code: dedent`
          const Cryo = require('cryo');
          const { unmarshall } = require('@aws-sdk/util-dynamodb');
          async function handler(event) {
            for (const record of event.Records) {
              const { session } = unmarshall(record.dynamodb.NewImage);
              console.log(Cryo.parse(session));
            }
          }
          module.exports = { handler };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 6,
            column: 17,
            data: finding(
              'DynamoDB stream new image (`event.Records[].dynamodb.NewImage.session`, line 5)',
              'cryo.parse()',
              ' through `record` → `session` (line 5)',
            ),
          },
        ],
      },
      {
        name: 'second-order: S3 object content (SDK v2 callback), js-yaml v3 safeLoad with DEFAULT_FULL_SCHEMA',
        filename: 'handler.js',
        code: dedent`
          const AWS = require('aws-sdk');
          const yaml = require('js-yaml');
          const s3 = new AWS.S3();
          exports.handler = (event, context, callback) => {
            const record = event.Records[0];
            s3.getObject({ Bucket: record.s3.bucket.name, Key: record.s3.object.key }, (err, data) => {
              if (err) return callback(err);
              const doc = yaml.safeLoad(data.Body.toString(), { schema: yaml.DEFAULT_FULL_SCHEMA });
              callback(null, doc);
            });
          };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 8,
            column: 17,
            data: finding(
              'S3 object content (GetObject) (`s3.getObject()`, line 6)',
              'js-yaml safeLoad()',
              ' through `data` (line 6)',
              'with a schema that revives functions',
            ),
          },
        ],
      },
      {
        name: 'decoded query parameter, module.exports.hello, namespace require',
        filename: 'handler.js',
        code: dedent`
          const serialize = require('node-serialize');
          module.exports.hello = async (event) => {
            const raw = decodeURIComponent(event.queryStringParameters.state);
            const state = serialize.unserialize(raw);
            return { statusCode: 200, body: JSON.stringify(state) };
          };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 4,
            column: 17,
            data: finding(
              'Query string parameter (`event.queryStringParameters.state`, line 3)',
              'node-serialize.unserialize()',
              ' through `raw` (line 3)',
            ),
          },
        ],
      },
    ],
  });
});

describe('TypeScript', () => {
  ts.run('no-unsafe-deserialization', rule, {
    valid: [
      {
        name: 'typed S3 handler: js-yaml v4 load() of the object content',
        filename: 'handler.ts',
        code: dedent`
          import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
          import { load } from 'js-yaml';
          import type { S3Event } from 'aws-lambda';
          const s3 = new S3Client({});
          export async function handler(event: S3Event): Promise<void> {
            const { bucket, object } = event.Records[0].s3;
            const res = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: object.key }));
            const pipeline = load(await res.Body!.transformToString()) as { steps: string[] };
            console.log(pipeline.steps);
          }
        `,
      },
      {
        name: 'typed API handler: JSON.parse with a reviver',
        filename: 'handler.ts',
        code: dedent`
          import type { APIGatewayProxyHandler } from 'aws-lambda';
          export const handler: APIGatewayProxyHandler = async (event) => {
            const data = JSON.parse(event.body ?? '{}', (_k, v) => (typeof v === 'string' && /^\\d{4}-/.test(v) ? new Date(v) : v));
            return { statusCode: 200, body: JSON.stringify(data) };
          };
        `,
      },
      {
        name: 'look-alike: superjson parse (data only, no function revival)',
        filename: 'handler.ts',
        code: dedent`
          import superjson from 'superjson';
          import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
          export const handler: APIGatewayProxyHandlerV2 = async (event) => {
            const input = superjson.parse<{ since: Date }>(event.body ?? '{}');
            return { statusCode: 200, body: superjson.stringify({ since: input.since }) };
          };
        `,
      },
    ],
    invalid: [
      {
        name: 'second-order: S3 object content (SDK v2 .promise()), DEFAULT_FULL_SCHEMA named import',
        filename: 'handler.ts',
        code: dedent`
          import { load, DEFAULT_FULL_SCHEMA } from 'js-yaml';
          import type { S3Handler } from 'aws-lambda';
          import { S3 } from 'aws-sdk';
          const s3 = new S3();
          export const handler: S3Handler = async (event) => {
            const { bucket, object } = event.Records[0].s3;
            const obj = await s3.getObject({ Bucket: bucket.name, Key: object.key }).promise();
            const pipeline = load(obj.Body!.toString(), { schema: DEFAULT_FULL_SCHEMA }) as { steps: string[] };
            console.log(pipeline.steps);
          };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 8,
            column: 20,
            data: finding(
              'S3 object content (GetObject) (`s3.getObject()`, line 7)',
              'js-yaml load()',
              ' through `obj` (line 7)',
              'with a schema that revives functions',
            ),
          },
        ],
      },
      {
        name: 'Cognito client metadata through a custom wrapper',
        filename: 'handler.ts',
        code: dedent`
          import type { PreTokenGenerationTriggerHandler } from 'aws-lambda';
          import serialize from 'node-serialize';
          import { withPowertools } from './lib/powertools';
          export const handler: PreTokenGenerationTriggerHandler = withPowertools(async (event) => {
            const prefs = serialize.unserialize(event.request.clientMetadata?.prefs ?? '{}');
            event.response.claimsOverrideDetails = { claimsToAddOrOverride: { theme: String(prefs.theme) } };
            return event;
          });
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 5,
            column: 17,
            data: finding('Cognito client metadata (`event.request.clientMetadata.prefs`, line 5)', 'node-serialize.unserialize()'),
          },
        ],
      },
      {
        name: 'Powertools class handler, SQS body in node-serialize',
        filename: 'handler.ts',
        code: dedent`
          import type { LambdaInterface } from '@aws-lambda-powertools/commons/types';
          import type { SQSEvent, Context } from 'aws-lambda';
          import * as serialize from 'node-serialize';
          class Worker implements LambdaInterface {
            public async handler(event: SQSEvent, _context: Context): Promise<void> {
              await Promise.all(event.Records.map((record) => serialize.unserialize(record.body).run()));
            }
          }
          const worker = new Worker();
          export const handler = worker.handler.bind(worker);
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 6,
            column: 53,
            data: finding('SQS message body (`event.Records[].body`, line 6)', 'node-serialize.unserialize()', ' through `record` (line 6)'),
          },
        ],
      },
      {
        name: 'processPartialResponse record handler, SNS-in-SQS message in js-yaml loadAll(str, options)',
        filename: 'handler.ts',
        code: dedent`
          import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
          import type { SQSEvent, SQSRecord, Context } from 'aws-lambda';
          import yaml from 'js-yaml';
          const processor = new BatchProcessor(EventType.SQS);
          const recordHandler = async (record: SQSRecord): Promise<void> => {
            const envelope = JSON.parse(record.body) as { Message: string };
            const docs = yaml.loadAll(envelope.Message, { schema: yaml.DEFAULT_FULL_SCHEMA });
            console.log(docs.length);
          };
          export const handler = async (event: SQSEvent, context: Context) =>
            processPartialResponse(event, recordHandler, processor, { context });
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 7,
            column: 16,
            data: finding(
              'SQS message body (`JSON.parse(event.Records[].body).Message`, line 7)',
              'js-yaml loadAll()',
              ' through `record` → `envelope` (line 6)',
              'with a schema that revives functions',
            ),
          },
        ],
      },
      {
        name: 'load() without a schema, js-yaml version unknown: lower-confidence (checkLowConfidence)',
        filename: 'handler.ts',
        options: [{ checkLowConfidence: true }],
        code: dedent`
          import yaml from 'js-yaml';
          import type { APIGatewayProxyHandler } from 'aws-lambda';
          export const handler: APIGatewayProxyHandler = async (event) => {
            const config = yaml.load(event.body ?? '');
            return { statusCode: 200, body: JSON.stringify(config) };
          };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 4,
            column: 18,
            data: finding(
              'Request body (`event.body`, line 4)',
              'js-yaml load()',
              '',
              'without a schema (unsafe in js-yaml < 4; version unknown)',
            ),
          },
        ],
      },
    ],
  });
});

/** Gaps closed since the known-gaps block was written: regular cases now. */
describe('closed gaps', () => {
  ts.run('no-unsafe-deserialization (closed gaps, TypeScript)', rule, {
    valid: [],
    invalid: [
      {
        // js-yaml `loadAll(str, iterator, options)` takes its options third.
        name: 'loadAll with an iterator and DEFAULT_FULL_SCHEMA',
        filename: 'handler.ts',
        code: dedent`
          import yaml from 'js-yaml';
          import type { SQSHandler } from 'aws-lambda';
          export const handler: SQSHandler = async (event) => {
            for (const record of event.Records) {
              yaml.loadAll(record.body, (doc) => console.log(doc), { schema: yaml.DEFAULT_FULL_SCHEMA });
            }
          };
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 5,
            column: 5,
            data: finding('SQS message body (`event.Records[].body`, line 5)', 'js-yaml loadAll()', ' through `record` (line 4)', 'with a schema that revives functions'),
          },
        ],
      },
      {
        // The schema passed into a local wrapper is read at the wrapper's call sites.
        name: 'DEFAULT_FULL_SCHEMA passed through a local wrapper',
        filename: 'handler.ts',
        code: dedent`
          import yaml from 'js-yaml';
          import type { APIGatewayProxyHandler } from 'aws-lambda';
          function parse(text: string, options: yaml.LoadOptions) {
            return yaml.load(text, options);
          }
          export const handler: APIGatewayProxyHandler = async (event) => ({
            statusCode: 200,
            body: JSON.stringify(parse(event.body ?? '', { schema: yaml.DEFAULT_FULL_SCHEMA })),
          });
        `,
        errors: [
          {
            messageId: 'unsafeDeserialization',
            line: 4,
            column: 10,
            data: finding('Request body (`event.body`, line 8)', 'js-yaml load()', ' through `text` (line 3)', 'with a schema that revives functions'),
          },
        ],
      },
    ],
  });
});
