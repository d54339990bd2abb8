import { cjs, esm, ts } from './_setup.js';
import { describe } from 'vitest';
import rule from '../../src/rules/no-xxe.js';
import { dedent } from './_code.js';
import { finding } from './_message.js';

describe('JavaScript, ES modules', () => {
  esm.run('no-xxe', rule, {
    valid: [
      {
        name: 'options written after their declaration, with entities left off',
        filename: 'handler.mjs',
        code: dedent`
          import libxmljs from 'libxmljs';
          export const handler = async (event) => {
            const opts = { nonet: true };
            opts.noent = false;
            opts.noblanks = true;
            Object.assign(opts, { recover: true, noent: 0 });
            return { statusCode: 200, body: libxmljs.parseXml(event.body, opts).toString() };
          };
        `,
      },
      {
        name: 'libxmljs without options (entities are not substituted, no DTD loading)',
        filename: 'handler.mjs',
        code: dedent`
          import libxmljs from 'libxmljs';
          export const handler = async (event) => {
            const doc = libxmljs.parseXml(event.body);
            return { statusCode: 200, body: doc.get('//order/id').text() };
          };
        `,
      },
      {
        name: 'libxmljs with noent: false and nonet: true',
        filename: 'handler.mjs',
        code: dedent`
          import { parseXmlString } from 'libxmljs2';
          export const handler = async (event) => {
            const doc = parseXmlString(event.body, { noent: false, nonet: true, noblanks: true });
            return { statusCode: 200, body: doc.root().name() };
          };
        `,
      },
      {
        name: 'xml2js parseStringPromise',
        filename: 'handler.mjs',
        code: dedent`
          import { parseStringPromise } from 'xml2js';
          export const handler = async (event) => {
            const invoice = await parseStringPromise(event.body, { explicitArray: false });
            return { statusCode: 200, body: JSON.stringify(invoice) };
          };
        `,
      },
      {
        name: 'fast-xml-parser XMLParser',
        filename: 'handler.mjs',
        code: dedent`
          import { XMLParser } from 'fast-xml-parser';
          const parser = new XMLParser({ ignoreAttributes: false });
          export const handler = async (event) => {
            for (const record of event.Records) {
              const feed = parser.parse(record.body);
              console.log(feed.rss.channel.title);
            }
          };
        `,
      },
      {
        name: '@xmldom/xmldom DOMParser',
        filename: 'handler.mjs',
        code: dedent`
          import { DOMParser } from '@xmldom/xmldom';
          export const handler = async (event) => {
            const doc = new DOMParser().parseFromString(event.body, 'text/xml');
            return { statusCode: 200, body: doc.documentElement.tagName };
          };
        `,
      },
      {
        name: 'sax streaming parser',
        filename: 'handler.mjs',
        code: dedent`
          import sax from 'sax';
          export const handler = async (event) => {
            const names = [];
            const parser = sax.parser(true);
            parser.onopentag = (node) => names.push(node.name);
            parser.write(event.body).close();
            return { statusCode: 200, body: JSON.stringify(names) };
          };
        `,
      },
      {
        name: 'noent on a file bundled with the function',
        filename: 'handler.mjs',
        code: dedent`
          import { readFileSync } from 'fs';
          import libxmljs from 'libxmljs';
          const catalog = libxmljs.parseXml(readFileSync('/opt/catalog.xml', 'utf8'), { noent: true, dtdvalid: true });
          export const handler = async (event) => {
            const doc = libxmljs.parseXml(readFileSync(new URL('./template.xml', import.meta.url), 'utf8'), { noent: true });
            return { id: event.requestContext.requestId, doc: doc.toString(), catalog: catalog.toString() };
          };
        `,
      },
      {
        name: 'non-handler: CLI converting a local file',
        filename: 'convert.mjs',
        code: dedent`
          import { readFileSync } from 'fs';
          import libxmljs from 'libxmljs';
          const [, , file] = process.argv;
          console.log(libxmljs.parseXml(readFileSync(file, 'utf8'), { noent: true }).toString());
        `,
      },
    ],
    invalid: [
      {
        name: 'API Gateway body, named import, noent',
        filename: 'handler.mjs',
        code: dedent`
          import { parseXml } from 'libxmljs';
          export const handler = async (event) => {
            const doc = parseXml(event.body, { noent: true });
            return { statusCode: 200, body: doc.get('//name').text() };
          };
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 3,
            column: 15,
            data: finding('Request body (`event.body`, line 3)', 'libxmljs.parseXml()', '', 'with `noent: true`'),
          },
        ],
      },
      {
        name: 'second-order: S3 object content (SDK v3), options spread from a constant',
        filename: 'handler.mjs',
        code: dedent`
          import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
          import * as libxml from 'libxmljs2';
          const s3 = new S3Client({});
          const BASE = { nonet: true };
          export const handler = async (event) => {
            for (const record of event.Records) {
              const obj = await s3.send(new GetObjectCommand({ Bucket: record.s3.bucket.name, Key: record.s3.object.key }));
              const xml = await obj.Body.transformToString();
              const doc = libxml.parseXml(xml, { ...BASE, xinclude: true, huge: true });
              console.log(doc.root().name());
            }
          };
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 9,
            column: 17,
            data: finding(
              'S3 object content (GetObject) (`new GetObjectCommand()`, line 7)',
              'libxmljs.parseXml()',
              ' through `obj` → `xml` (line 8)',
              'with `xinclude: true`, `huge: true`',
            ),
          },
        ],
      },
      {
        name: 'Document.fromXml with dtdload, export default arrow',
        filename: 'handler.mjs',
        code: dedent`
          import libxmljs from 'libxmljs';
          export default async (event) => ({
            statusCode: 200,
            body: libxmljs.Document.fromXml(event.body, { dtdload: true }).toString(),
          });
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 4,
            column: 9,
            data: finding('Request body (`event.body`, line 4)', 'libxmljs.Document.fromXml()', '', 'with `dtdload: true`'),
          },
        ],
      },
      {
        name: 'middy(fn), aliased named import, EventBridge detail',
        filename: 'handler.mjs',
        code: dedent`
          import middy from '@middy/core';
          import { parseXmlString as parse } from 'libxmljs2';
          const lambdaHandler = async (event) => {
            const { payload } = event.detail;
            const doc = parse(payload, { noent: true, nonet: true });
            return doc.get('//status')?.text();
          };
          export const handler = middy(lambdaHandler);
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 5,
            column: 15,
            data: finding(
              'EventBridge event detail (`event.detail.payload`, line 4)',
              'libxmljs.parseXmlString()',
              ' through `payload` (line 4)',
              'with `noent: true`',
            ),
          },
        ],
      },
      {
        name: 'helper in the same file with constant options',
        filename: 'handler.mjs',
        code: dedent`
          import libxmljs from 'libxmljs';
          const OPTIONS = { noent: true, dtdvalid: true };
          function parseInvoice(xml) {
            return libxmljs.parseXml(xml, OPTIONS).get('//total').text();
          }
          export async function handler(event) {
            const total = parseInvoice(decodeURIComponent(event.queryStringParameters.xml));
            return { statusCode: 200, body: total };
          }
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 4,
            column: 10,
            data: finding(
              'Query string parameter (`event.queryStringParameters.xml`, line 7)',
              'libxmljs.parseXml()',
              ' through `xml` (line 3)',
              'with `noent: true`, `dtdvalid: true`',
            ),
          },
        ],
      },
      {
        name: 'noent options passed through a local wrapper are read at its call sites',
        filename: 'handler.mjs',
        code: dedent`
          import libxmljs from 'libxmljs';
          function parse(xml, opts) {
            return libxmljs.parseXml(xml, opts);
          }
          export const handler = async (event) => ({ statusCode: 200, body: parse(event.body, { noent: true }).toString() });
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 3,
            column: 10,
            data: finding('Request body (`event.body`, line 5)', 'libxmljs.parseXml()', ' through `xml` (line 2)', 'with `noent: true`'),
          },
        ],
      },
      {
        name: 'options that are not statically known anywhere: lower confidence (checkLowConfidence)',
        filename: 'handler.mjs',
        options: [{ checkLowConfidence: true }],
        code: dedent`
          import libxmljs from 'libxmljs';
          export const handler = async (event) => {
            const opts = JSON.parse(process.env.XML_OPTIONS ?? '{}');
            return { statusCode: 200, body: libxmljs.parseXml(event.body, opts).toString() };
          };
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 4,
            column: 35,
            data: finding('Request body (`event.body`, line 4)', 'libxmljs.parseXml()', '', 'with options that are not statically known'),
          },
        ],
      },
      {
        name: 'noent set on the options object after its declaration, by a request header',
        filename: 'handler.mjs',
        code: dedent`
          import libxmljs from 'libxmljs';
          export const handler = async (event) => {
            const opts = { nonet: true };
            if (event.headers['x-legacy-client']) opts.noent = true;
            return { statusCode: 200, body: libxmljs.parseXml(event.body, opts).toString() };
          };
        `,
        errors: [{ messageId: 'xxe', line: 5, column: 35, data: finding('Request body (`event.body`, line 5)', 'libxmljs.parseXml()', '', 'with `noent: true`') }],
      },
      {
        name: 'Object.assign turns on noent and dtdload in an options constant',
        filename: 'handler.mjs',
        code: dedent`
          import libxmljs from 'libxmljs';
          const XML_OPTIONS = { nonet: true };
          Object.assign(XML_OPTIONS, { noent: true, dtdload: true });
          export const handler = async (event) => ({ statusCode: 200, body: libxmljs.parseXml(event.body, XML_OPTIONS).toString() });
        `,
        errors: [{ messageId: 'xxe', line: 4, column: 67, data: finding('Request body (`event.body`, line 4)', 'libxmljs.parseXml()', '', 'with `noent: true`, `dtdload: true`') }],
      },
      {
        name: 'noent set through a constant computed key',
        filename: 'handler.mjs',
        code: dedent`
          import libxmljs from 'libxmljs';
          const ENTITIES = 'noent';
          export const handler = async (event) => {
            const opts = {};
            opts[ENTITIES] = true;
            return { statusCode: 200, body: libxmljs.parseXml(event.body, opts).toString() };
          };
        `,
        errors: [{ messageId: 'xxe', line: 6, column: 35, data: finding('Request body (`event.body`, line 6)', 'libxmljs.parseXml()', '', 'with `noent: true`') }],
      },
    ],
  });
});

describe('JavaScript, CommonJS', () => {
  cjs.run('no-xxe', rule, {
    valid: [
      {
        name: 'expat parser on a constant document',
        filename: 'handler.js',
        code: dedent`
          const expat = require('node-expat');
          const DEFAULTS = '<config><retries>3</retries></config>';
          exports.handler = async (event) => {
            const parser = new expat.Parser('UTF-8');
            parser.parse(DEFAULTS);
            return event.Records.length;
          };
        `,
      },
      {
        name: 'noent on an XML envelope built from trusted SQS metadata',
        filename: 'handler.js',
        code: dedent`
          const libxmljs = require('libxmljs');
          exports.handler = async (event) => {
            for (const { messageId, eventSourceARN } of event.Records) {
              const xml = \`<ack><id>\${messageId}</id><queue>\${eventSourceARN}</queue></ack>\`;
              console.log(libxmljs.parseXml(xml, { noent: true }).toString());
            }
          };
        `,
      },
      {
        name: 'non-handler: Express route (req, res)',
        filename: 'routes.js',
        code: dedent`
          const libxmljs = require('libxmljs');
          module.exports = (req, res) => {
            res.send(libxmljs.parseXml(req.body, { noent: true }).toString());
          };
        `,
      },
    ],
    invalid: [
      {
        name: 'base64 body, libxmljs2 parseXmlString, options in a constant',
        filename: 'handler.js',
        code: dedent`
          const libxmljs = require('libxmljs2');
          const PARSE_OPTIONS = { noent: true, dtdload: true, nonet: true };
          exports.handler = async (event) => {
            const xml = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8').toString();
            const doc = libxmljs.parseXmlString(xml, PARSE_OPTIONS);
            return { statusCode: 200, body: doc.root().name() };
          };
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 5,
            column: 15,
            data: finding(
              'Request body (`event.body`, line 4)',
              'libxmljs.parseXmlString()',
              ' through `xml` (line 4)',
              'with `noent: true`, `dtdload: true`',
            ),
          },
        ],
      },
      {
        name: 'SQS body written to an expat parser (billion laughs)',
        filename: 'handler.js',
        code: dedent`
          const expat = require('node-expat');
          exports.handler = async (event) => {
            for (const record of event.Records) {
              const parser = new expat.Parser('UTF-8');
              parser.on('startElement', (name) => console.log(name));
              parser.write(record.body);
            }
          };
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 6,
            column: 5,
            data: finding('SQS message body (`event.Records[].body`, line 6)', 'node-expat Parser#parse()/#write()', ' through `record` (line 3)'),
          },
        ],
      },
      {
        name: 'SNS message in xml2json, callback style, module.exports.hello',
        filename: 'handler.js',
        code: dedent`
          const xml2json = require('xml2json');
          module.exports.hello = (event, context, callback) => {
            const msg = event.Records[0].Sns.Message;
            callback(null, JSON.parse(xml2json.toJson(msg)));
          };
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 4,
            column: 29,
            data: finding('SNS message (`event.Records[].Sns.Message`, line 3)', 'xml2json.toJson()', ' through `msg` (line 3)'),
          },
        ],
      },
      {
        name: 'second-order: S3 object content (SDK v2) in .then(), module.exports = { handler }',
        filename: 'handler.js',
        code: dedent`
          const AWS = require('aws-sdk');
          const libxmljs = require('libxmljs');
          const s3 = new AWS.S3();
          function handler(event) {
            const key = decodeURIComponent(event.Records[0].s3.object.key.replace(/\\+/g, ' '));
            return s3.getObject({ Bucket: process.env.BUCKET, Key: key }).promise()
              .then((data) => libxmljs.parseXml(data.Body.toString(), { noent: true }))
              .then((doc) => doc.root().name());
          }
          module.exports = { handler };
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 7,
            column: 21,
            data: finding(
              'S3 object content (GetObject) (`s3.getObject()`, line 6)',
              'libxmljs.parseXml()',
              ' through `data` (line 7)',
              'with `noent: true`',
            ),
          },
        ],
      },
    ],
  });
});

describe('TypeScript', () => {
  ts.run('no-xxe', rule, {
    valid: [
      {
        name: 'typed S3 handler: fast-xml-parser on the object content',
        filename: 'handler.ts',
        code: dedent`
          import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
          import { XMLParser } from 'fast-xml-parser';
          import type { S3Handler } from 'aws-lambda';
          const s3 = new S3Client({});
          export const handler: S3Handler = async (event) => {
            const { bucket, object } = event.Records[0].s3;
            const res = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: object.key }));
            const feed = new XMLParser().parse(await res.Body!.transformToString());
            console.log(feed);
          };
        `,
      },
      {
        name: 'typed API handler: libxmljs with nonet only',
        filename: 'handler.ts',
        code: dedent`
          import { parseXml } from 'libxmljs2';
          import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
          export const handler: APIGatewayProxyHandlerV2 = async (event) => {
            const doc = parseXml(event.body ?? '<empty/>', { nonet: true });
            return { statusCode: 200, body: doc.root()?.name() ?? '' };
          };
        `,
      },
    ],
    invalid: [
      {
        name: 'typed options object with noent written through a type assertion',
        filename: 'handler.ts',
        code: dedent`
          import * as libxmljs from 'libxmljs2';
          import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
          type XmlOptions = Record<string, boolean>;
          const options = { nonet: true } satisfies XmlOptions;
          (options as XmlOptions).noent = true;
          export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
            const doc = libxmljs.parseXmlString(event.body ?? '', options);
            return { statusCode: 200, body: doc.root()?.name() ?? '' };
          };
        `,
        errors: [{ messageId: 'xxe', line: 7, column: 15, data: finding('Request body (`event.body`, line 7)', 'libxmljs.parseXmlString()', '', 'with `noent: true`') }],
      },
      {
        name: 'processPartialResponse record handler, Kinesis base64 data',
        filename: 'handler.ts',
        code: dedent`
          import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
          import type { KinesisStreamEvent, KinesisStreamRecord, Context } from 'aws-lambda';
          import { parseXmlString } from 'libxmljs2';
          const processor = new BatchProcessor(EventType.KinesisDataStreams);
          const recordHandler = async (record: KinesisStreamRecord): Promise<void> => {
            const xml = Buffer.from(record.kinesis.data, 'base64').toString('utf8');
            const doc = parseXmlString(xml, { noent: true });
            console.log(doc.root()?.name());
          };
          export const handler = async (event: KinesisStreamEvent, context: Context) =>
            processPartialResponse(event, recordHandler, processor, { context });
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 7,
            column: 15,
            data: finding(
              'Kinesis record data (`event.Records[].kinesis.data`, line 6)',
              'libxmljs.parseXmlString()',
              ' through `record` → `xml` (line 6)',
              'with `noent: true`',
            ),
          },
        ],
      },
      {
        name: 'Powertools class handler, SQS body',
        filename: 'handler.ts',
        code: dedent`
          import type { LambdaInterface } from '@aws-lambda-powertools/commons/types';
          import type { SQSEvent, Context } from 'aws-lambda';
          import * as libxmljs from 'libxmljs';
          class OrderImport implements LambdaInterface {
            public async handler(event: SQSEvent, _context: Context): Promise<void> {
              for (const { body } of event.Records) {
                const doc = libxmljs.parseXml(body, { noent: true, dtdload: true });
                console.log(doc.get('//order')?.text());
              }
            }
          }
          const importer = new OrderImport();
          export const handler = importer.handler.bind(importer);
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 7,
            column: 19,
            data: finding(
              'SQS message body (`event.Records[].body`, line 6)',
              'libxmljs.parseXml()',
              ' through `body` (line 6)',
              'with `noent: true`, `dtdload: true`',
            ),
          },
        ],
      },
      {
        name: 'DynamoDB NewImage via unmarshall, custom wrapper',
        filename: 'handler.ts',
        code: dedent`
          import { unmarshall } from '@aws-sdk/util-dynamodb';
          import { parseXml } from 'libxmljs';
          import { withTracing } from './lib/tracing';
          export const main = withTracing(async (event, context) => {
            const records = event.Records.map((r) => unmarshall(r.dynamodb.NewImage));
            await Promise.all(records.map(async (item) => parseXml(item.manifest, { huge: true })));
          });
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 6,
            column: 49,
            data: finding(
              'DynamoDB stream new image (`event.Records[].dynamodb.NewImage.manifest`, line 6)',
              'libxmljs.parseXml()',
              ' through `r` → `records` → `item` (line 6)',
              'with `huge: true`',
            ),
          },
        ],
      },
    ],
  });
});

/** Gaps closed since the known-gaps block was written: regular cases now. */
describe('closed gaps', () => {
  esm.run('no-xxe (closed gaps, ESM)', rule, {
    valid: [
      {
        // Rejecting any DOCTYPE before parsing means no entity can be declared: `noent` has
        // nothing to substitute.
        name: 'DOCTYPE rejected before a noent parse',
        filename: 'handler.mjs',
        code: dedent`
          import libxmljs from 'libxmljs';
          export const handler = async (event) => {
            const xml = event.body;
            if (/<!DOCTYPE/i.test(xml)) return { statusCode: 400, body: 'DTDs are not allowed' };
            return { statusCode: 200, body: libxmljs.parseXml(xml, { noent: true }).toString() };
          };
        `,
      },
      {
        name: 'DOCTYPE check with includes() before a dtdload parse',
        filename: 'handler.mjs',
        code: dedent`
          import libxmljs from 'libxmljs2';
          export const handler = async (event) => {
            if (event.body.includes('<!DOCTYPE') || event.body.includes('<!ENTITY')) throw new Error('no DTDs');
            return libxmljs.parseXmlString(event.body, { dtdload: true }).root().name();
          };
        `,
      },
    ],
    invalid: [
      {
        // A DOCTYPE check that only logs does not stop the parse.
        name: 'DOCTYPE detected but only logged',
        filename: 'handler.mjs',
        code: dedent`
          import libxmljs from 'libxmljs';
          export const handler = async (event) => {
            if (/<!DOCTYPE/i.test(event.body)) console.warn('DTD in request');
            return libxmljs.parseXml(event.body, { noent: true }).root().name();
          };
        `,
        errors: [
          {
            messageId: 'xxe',
            line: 4,
            column: 10,
            data: finding('Request body (`event.body`, line 4)', 'libxmljs.parseXml()', '', 'with `noent: true`'),
          },
        ],
      },
    ],
  });
});
