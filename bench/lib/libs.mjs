// Local library modules of a service (`lib/*.{ts,mjs,js}`), imported relatively by its handlers:
// logger, DynamoDB access, HTTP responses, validation, S3 access, handler wrappers, and in some
// services a shell helper (a command sink behind a function boundary) and an events publisher.
import { code, Source } from './source.mjs';

/** `export ` in ESM; CommonJS modules list their exports at the end. */
function lib(svc, rng) {
  const c = new Source({ lang: svc.lang, style: svc.style, rng, svc, ent: svc.ent, loggerKind: 'console', strict: svc.strictMode });
  c.exported = [];
  c.X = (name) => {
    c.exported.push(name);
    return c.style === 'esm' ? 'export ' : '';
  };
  c.finish = (header) => {
    if (c.style === 'cjs') c.footer.push(`module.exports = {\n  ${c.exported.join(',\n  ')},\n};`);
    return c.render(header);
  };
  return c;
}

function loggerLib(svc, rng) {
  const c = lib(svc, rng);
  c.named('@aws-lambda-powertools/logger', 'Logger');
  c.main.push(code`
    ${c.X('logger')}const logger = new Logger({
      serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? '${svc.name}',
      logLevel: ${c.ts ? "(process.env.LOG_LEVEL as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | undefined)" : 'process.env.LOG_LEVEL'} ?? 'INFO',
      persistentLogAttributes: { team: '${svc.team}' },
    });

    ${c.X('logError')}function logError(message${c.T(': string')}, err${c.T(': unknown')}, extra${c.T(': Record<string, unknown>')} = {}) {
      const error = err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { message: String(err) };
      logger.error(message, { ...extra, error });
    }

    ${c.X('timed')}async function timed${c.T('<T>')}(label${c.T(': string')}, fn${c.T(': () => Promise<T>')})${c.T(': Promise<T>')} {
      const started = Date.now();
      try {
        return await fn();
      } finally {
        logger.debug('timing', { label, ms: Date.now() - started });
      }
    }`);
  return c.finish(`// Shared Powertools logger for the ${svc.name} functions.`);
}

function dbLib(svc, rng) {
  const c = lib(svc, rng);
  const T = (t) => c.T(t);
  c.named('@aws-sdk/client-dynamodb', 'DynamoDBClient');
  c.named('@aws-sdk/lib-dynamodb', 'DynamoDBDocumentClient', 'GetCommand', 'PutCommand', 'QueryCommand', 'UpdateCommand', 'DeleteCommand', 'BatchWriteCommand');
  c.decl('client', code`
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 5 }), {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
    });`);
  if (c.ts) {
    c.iface('Key', 'type Key = Record<string, string | number>;');
    c.iface('Item', 'type Item = Record<string, unknown>;');
  }
  c.main.push(code`
    ${c.X('getItem')}async function getItem(tableName${T(': string')}, key${T(': Key')})${T(': Promise<Item | undefined>')} {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      return Item;
    }

    ${c.X('putItem')}async function putItem(tableName${T(': string')}, item${T(': Item')}, options${T(': { ifNotExists?: boolean }')} = {})${T(': Promise<void>')} {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...item, updatedAt: new Date().toISOString() },
          ...(options.ifNotExists ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
        }),
      );
    }

    ${c.X('queryByPk')}async function queryByPk(tableName${T(': string')}, pk${T(': string')}, limit = 1000)${T(': Promise<Item[]>')} {
      const items${T(': Item[]')} = [];
      let startKey${T(': Record<string, unknown> | undefined')};
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey && items.length < limit);
      return items.slice(0, limit);
    }

    ${c.X('updateFields')}async function updateFields(tableName${T(': string')}, key${T(': Key')}, fields${T(': Item')})${T(': Promise<void>')} {
      const names${T(': Record<string, string>')} = {};
      const values${T(': Record<string, unknown>')} = {};
      const sets${T(': string[]')} = [];
      Object.entries(fields).forEach(([field, value], i) => {
        if (value === undefined) return;
        names[\`#f#{i}\`] = field;
        values[\`:v#{i}\`] = value;
        sets.push(\`#f#{i} = :v#{i}\`);
      });
      if (sets.length === 0) return;
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: \`SET #{sets.join(', ')}\`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    }

    ${c.X('deleteItem')}async function deleteItem(tableName${T(': string')}, key${T(': Key')})${T(': Promise<void>')} {
      await client.send(new DeleteCommand({ TableName: tableName, Key: key }));
    }

    ${c.X('batchWriteAll')}async function batchWriteAll(tableName${T(': string')}, items${T(': Item[]')})${T(': Promise<number>')} {
      let written = 0;
      for (let i = 0; i < items.length; i += 25) {
        let requests${T(': any[]')} = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: item } }));
        for (let attempt = 0; requests.length > 0 && attempt < 5; attempt++) {
          const res = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
          const unprocessed = res.UnprocessedItems?.[tableName] ?? [];
          written += requests.length - unprocessed.length;
          requests = unprocessed;
          if (requests.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        }
      }
      return written;
    }`);
  return c.finish('// DynamoDB access for the service (document client).');
}

function httpLib(svc, rng) {
  const c = lib(svc, rng);
  const T = (t) => c.T(t);
  if (c.ts) c.type('aws-lambda', 'APIGatewayProxyResult', 'APIGatewayProxyEvent');
  c.decl('HEADERS', code`
    const DEFAULT_HEADERS = {
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': process.env.ALLOWED_ORIGIN ?? '*',
      'Cache-Control': 'no-store',
    };`);
  c.main.push(code`
    ${c.X('json')}function json(statusCode${T(': number')}, body${T(': unknown')}, headers${T(': Record<string, string>')} = {})${T(': APIGatewayProxyResult')} {
      return { statusCode, headers: { ...DEFAULT_HEADERS, ...headers }, body: JSON.stringify(body) };
    }

    ${c.X('ok')}const ok = (body${T(': unknown')}) => json(200, body);
    ${c.X('created')}const created = (body${T(': unknown')}) => json(201, body);
    ${c.X('badRequest')}const badRequest = (body${T(': unknown')}) => json(400, body);
    ${c.X('forbidden')}const forbidden = (body${T(': unknown')}) => json(403, body);
    ${c.X('notFound')}const notFound = (body${T(': unknown')}) => json(404, body);
    ${c.X('unprocessable')}const unprocessable = (body${T(': unknown')}) => json(422, body);

    ${c.X('serverError')}function serverError(requestId${T(': string')})${T(': APIGatewayProxyResult')} {
      return json(500, { message: 'Internal server error', requestId });
    }

    ${c.X('parseJsonBody')}function parseJsonBody${T('<T = Record<string, unknown>>')}(event${T(': Pick<APIGatewayProxyEvent, \'body\' | \'isBase64Encoded\'>')})${T(': T')} {
      if (!event.body) return {}${T(' as T')};
      const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
      return JSON.parse(text);
    }

    ${c.X('getHeader')}function getHeader(headers${T(': Record<string, string | undefined> | null | undefined')}, name${T(': string')})${T(': string | undefined')} {
      if (!headers) return undefined;
      const wanted = name.toLowerCase();
      for (const [key, value] of Object.entries(headers)) {
        if (key.toLowerCase() === wanted) return value;
      }
      return undefined;
    }`);
  return c.finish('// HTTP helpers for API Gateway handlers.');
}

function validateLib(svc, rng) {
  const c = lib(svc, rng);
  const T = (t) => c.T(t);
  const e = svc.ent;
  const checks = e.fields.map(([f, t]) => `if (record.${f} !== undefined && typeof record.${f} !== '${t}') errors.push('${f} must be a ${t}');`);
  c.main.push(code`
    ${c.X('ValidationError')}class ValidationError extends Error {
      ${c.T('readonly details: string[];\n')}
      constructor(details${T(': string[]')}) {
        super(\`validation failed: #{details.join('; ')}\`);
        this.name = 'ValidationError';
        this.details = details;
      }
    }

    const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
    const EMAIL_PATTERN = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]{2,}$/;

    ${c.X('isUuid')}function isUuid(value${T(': unknown')})${T(': value is string')} {
      return typeof value === 'string' && UUID_PATTERN.test(value);
    }

    ${c.X('normalizeEmail')}function normalizeEmail(value${T(': unknown')})${T(': string')} {
      return String(value ?? '').trim().toLowerCase();
    }

    ${c.X('isEmail')}function isEmail(value${T(': string')})${T(': boolean')} {
      return value.length <= 254 && EMAIL_PATTERN.test(value);
    }

    ${c.X('assertOneOf')}function assertOneOf${T('<T extends string>')}(value${T(': unknown')}, allowed${T(': readonly T[]')}, field${T(': string')})${T(': T')} {
      if (typeof value !== 'string' || !(allowed${T(' as readonly string[]')}).includes(value)) {
        throw new ValidationError([\`#{field} must be one of #{allowed.join(', ')}\`]);
      }
      return value${T(' as T')};
    }

    ${c.X(`validate${e.Name}`)}function validate${e.Name}(input${T(': unknown')})${T(': string[]')} {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return ['body must be an object'];
      const record = input${T(' as Record<string, unknown>')};
      const errors${T(': string[]')} = [];
      for (const field of [${e.fields.slice(0, 3).map(([f]) => `'${f}'`).join(', ')}]) {
        if (record[field] === undefined || record[field] === null || record[field] === '') errors.push(\`#{field} is required\`);
      }
      ${checks.join('\n')}
      return errors;
    }`);
  return c.finish(`// Input validation for ${e.plural}.`);
}

function s3Lib(svc, rng) {
  const c = lib(svc, rng);
  const T = (t) => c.T(t);
  c.named('@aws-sdk/client-s3', 'S3Client', 'GetObjectCommand', 'PutObjectCommand', 'HeadObjectCommand', 'ListObjectsV2Command');
  c.decl('s3', 'const s3 = new S3Client({});');
  c.main.push(code`
    ${c.X('readObjectText')}async function readObjectText(bucket${T(': string')}, key${T(': string')})${T(': Promise<string>')} {
      const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!res.Body) throw new Error(\`empty object s3://#{bucket}/#{key}\`);
      return res.Body.transformToString('utf-8');
    }

    ${c.X('readObjectJson')}async function readObjectJson${T('<T>')}(bucket${T(': string')}, key${T(': string')})${T(': Promise<T>')} {
      return JSON.parse(await readObjectText(bucket, key));
    }

    ${c.X('writeObject')}async function writeObject(bucket${T(': string')}, key${T(': string')}, body${T(': string | Uint8Array')}, contentType = 'application/octet-stream')${T(': Promise<void>')} {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, ServerSideEncryption: 'AES256' }));
    }

    ${c.X('objectExists')}async function objectExists(bucket${T(': string')}, key${T(': string')})${T(': Promise<boolean>')} {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (err) {
        if ((err${T(' as { name?: string }')}).name === 'NotFound') return false;
        throw err;
      }
    }

    ${c.X('listKeys')}async function listKeys(bucket${T(': string')}, prefix${T(': string')})${T(': Promise<string[]>')} {
      const keys${T(': string[]')} = [];
      let token${T(': string | undefined')};
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
          if (object.Key) keys.push(object.Key);
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    }`);
  return c.finish('// S3 helpers.');
}

function wrapLib(svc, rng) {
  const c = lib(svc, rng);
  const T = (t) => c.T(t);
  c.named(svc.lib('logger'), 'logger');
  if (c.ts) c.type('aws-lambda', 'Context');
  c.main.push(code`
    ${c.ts ? 'type AsyncHandler<E, R> = (event: E, context: Context) => Promise<R>;\n' : ''}
    /** Logs and converts unexpected errors; API-style results get a 500 response. */
    ${c.X('withErrors')}function withErrors${T('<E, R>')}(fn${T(': AsyncHandler<E, R>')})${T(': AsyncHandler<E, R>')} {
      return async (event, context) => {
        const started = Date.now();
        try {
          const result = await fn(event, context);
          logger.debug('handler finished', { ms: Date.now() - started });
          return result;
        } catch (err) {
          logger.error('handler failed', { error: err instanceof Error ? err.message : String(err), requestId: context.awsRequestId });
          if (event && typeof event === 'object' && ('httpMethod' in event || 'routeKey' in event)) {
            return { statusCode: 500, body: JSON.stringify({ message: 'Internal server error' }) }${T(' as unknown as R')};
          }
          throw err;
        }
      };
    }

    /** Adds the cold-start flag and duration to the log context. */
    ${c.X('withTiming')}function withTiming${T('<E, R>')}(fn${T(': AsyncHandler<E, R>')})${T(': AsyncHandler<E, R>')} {
      let cold = true;
      return async (event, context) => {
        logger.appendKeys({ coldStart: cold, functionName: context.functionName });
        cold = false;
        return fn(event, context);
      };
    }`);
  return c.finish('// Home-grown handler wrappers.');
}

function shellLib(svc, rng) {
  const c = lib(svc, rng);
  const T = (t) => c.T(t);
  c.named('node:child_process', 'exec', 'execFile');
  c.named('node:util', 'promisify');
  c.decl('promisified', 'const execAsync = promisify(exec);\nconst execFileAsync = promisify(execFile);');
  c.main.push(code`
    /** Runs a shell command line (used by the media tooling). */
    ${c.X('runCommand')}async function runCommand(commandLine${T(': string')}, timeoutMs = 60000)${T(': Promise<string>')} {
      const { stdout } = await execAsync(commandLine, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
      return stdout;
    }

    /** Converts a file with ImageMagick, arguments passed without a shell. */
    ${c.X('convertFile')}async function convertFile(input${T(': string')}, output${T(': string')}, width = 1024)${T(': Promise<void>')} {
      await execFileAsync('convert', [input, '-resize', \`#{width}x>\`, '-strip', output]);
    }

    ${c.X('tmpUsage')}async function tmpUsage()${T(': Promise<number>')} {
      const { stdout } = await execAsync('df -k /tmp | tail -1');
      return Number(stdout.trim().split(/\\s+/)[2] ?? 0);
    }`);
  return c.finish('// Process helpers for the conversion functions.');
}

function eventsLib(svc, rng) {
  const c = lib(svc, rng);
  const T = (t) => c.T(t);
  c.named('@aws-sdk/client-eventbridge', 'EventBridgeClient', 'PutEventsCommand');
  c.named('@aws-sdk/client-sqs', 'SQSClient', 'SendMessageBatchCommand');
  c.decl('clients', 'const eventBridge = new EventBridgeClient({});\nconst sqs = new SQSClient({});');
  c.main.push(code`
    ${c.X('publishEvent')}async function publishEvent(detailType${T(': string')}, detail${T(': Record<string, unknown>')})${T(': Promise<void>')} {
      const res = await eventBridge.send(
        new PutEventsCommand({
          Entries: [{ EventBusName: process.env.EVENT_BUS_NAME ?? 'default', Source: '${svc.name}', DetailType: detailType, Detail: JSON.stringify(detail) }],
        }),
      );
      if (res.FailedEntryCount) throw new Error(\`failed to publish #{detailType}\`);
    }

    ${c.X('enqueueAll')}async function enqueueAll(queueUrl${T(': string')}, messages${T(': Record<string, unknown>[]')})${T(': Promise<void>')} {
      for (let i = 0; i < messages.length; i += 10) {
        const entries = messages.slice(i, i + 10).map((message, j) => ({ Id: String(i + j), MessageBody: JSON.stringify(message) }));
        const res = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
        if (res.Failed && res.Failed.length > 0) throw new Error(\`#{res.Failed.length} messages were not sent\`);
      }
    }`);
  return c.finish('// Event publishing.');
}

/** All lib modules of a service: `{ name: source }`. */
export function buildLibs(svc, rng) {
  const out = {
    logger: loggerLib(svc, rng.fork('logger')),
    db: dbLib(svc, rng.fork('db')),
    http: httpLib(svc, rng.fork('http')),
    validate: validateLib(svc, rng.fork('validate')),
    s3: s3Lib(svc, rng.fork('s3')),
    wrap: wrapLib(svc, rng.fork('wrap')),
  };
  if (svc.hasShell) out.shell = shellLib(svc, rng.fork('shell'));
  if (svc.hasEvents) out.events = eventsLib(svc, rng.fork('events'));
  return out;
}
