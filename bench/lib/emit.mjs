// Shared emitters for generated handler files: logging, DynamoDB, S3, HTTP responses, the pool of
// everyday helper functions, and the sink snippets (vulnerable flows and safe look-alikes).
import { cap, code, constCase } from './source.mjs';

// ---------------------------------------------------------------------------------------------
// Entities (what a service is about) and their fields.

export const ENTITIES = [
  { name: 'order', plural: 'orders', fields: [['customerId', 'string'], ['total', 'number'], ['currency', 'string'], ['status', 'string'], ['note', 'string']] },
  { name: 'invoice', plural: 'invoices', fields: [['accountId', 'string'], ['amount', 'number'], ['dueDate', 'string'], ['status', 'string'], ['reference', 'string']] },
  { name: 'shipment', plural: 'shipments', fields: [['orderId', 'string'], ['carrier', 'string'], ['trackingNumber', 'string'], ['weightKg', 'number'], ['destination', 'string']] },
  { name: 'ticket', plural: 'tickets', fields: [['subject', 'string'], ['priority', 'string'], ['requesterEmail', 'string'], ['status', 'string'], ['description', 'string']] },
  { name: 'document', plural: 'documents', fields: [['title', 'string'], ['ownerId', 'string'], ['sizeBytes', 'number'], ['contentType', 'string'], ['fileName', 'string']] },
  { name: 'subscription', plural: 'subscriptions', fields: [['planId', 'string'], ['customerId', 'string'], ['renewsAt', 'string'], ['seats', 'number'], ['couponCode', 'string']] },
  { name: 'device', plural: 'devices', fields: [['serialNumber', 'string'], ['firmware', 'string'], ['lastSeen', 'string'], ['batteryLevel', 'number'], ['label', 'string']] },
  { name: 'booking', plural: 'bookings', fields: [['roomId', 'string'], ['guestName', 'string'], ['checkIn', 'string'], ['nights', 'number'], ['comment', 'string']] },
  { name: 'payment', plural: 'payments', fields: [['invoiceId', 'string'], ['amount', 'number'], ['method', 'string'], ['status', 'string'], ['payerName', 'string']] },
  { name: 'product', plural: 'products', fields: [['sku', 'string'], ['title', 'string'], ['price', 'number'], ['stock', 'number'], ['category', 'string']] },
  { name: 'review', plural: 'reviews', fields: [['productId', 'string'], ['rating', 'number'], ['comment', 'string'], ['authorId', 'string'], ['headline', 'string']] },
  { name: 'claim', plural: 'claims', fields: [['policyId', 'string'], ['amount', 'number'], ['incidentDate', 'string'], ['status', 'string'], ['summary', 'string']] },
  { name: 'listing', plural: 'listings', fields: [['sellerId', 'string'], ['price', 'number'], ['title', 'string'], ['city', 'string'], ['tags', 'string']] },
  { name: 'report', plural: 'reports', fields: [['tenantId', 'string'], ['period', 'string'], ['rowCount', 'number'], ['format', 'string'], ['title', 'string']] },
];

export const entityInfo = (ent) => ({
  ...ent,
  Name: cap(ent.name),
  Plural: cap(ent.plural),
  ENT: ent.name.toUpperCase(),
  TABLE: `${constCase(ent.plural)}_TABLE`,
  strFields: ent.fields.filter(([, t]) => t === 'string').map(([f]) => f),
  numFields: ent.fields.filter(([, t]) => t === 'number').map(([f]) => f),
});

// ---------------------------------------------------------------------------------------------
// Logging, configuration, AWS clients.

export function useLogger(c) {
  if (c.loggerKind === 'powertools') {
    c.named('@aws-lambda-powertools/logger', 'Logger');
    c.decl('logger', `const logger = new Logger({ serviceName: '${c.svc.name}' });`);
    return 'logger';
  }
  if (c.loggerKind === 'lib') {
    c.named(c.svc.lib('logger'), 'logger');
    return 'logger';
  }
  return 'console';
}

export function log(c, level, msg, fields) {
  const l = useLogger(c);
  const lvl = l === 'console' && level === 'debug' ? 'log' : level;
  return `${l}.${lvl}('${msg}'${fields ? `, ${fields}` : ''});`;
}

export function envConst(c, name, fallback) {
  const value = fallback !== undefined ? `process.env.${name} ?? '${fallback}'` : `process.env.${name}${c.T('!')}`;
  c.decl(`env:${name}`, `const ${name} = ${value};`);
  return name;
}

export const table = (c, name = c.ent.TABLE) => envConst(c, name);

function useDdb(c) {
  c.named('@aws-sdk/client-dynamodb', 'DynamoDBClient');
  c.named('@aws-sdk/lib-dynamodb', 'DynamoDBDocumentClient');
  c.decl('ddb', 'const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });');
}

/** Promise expressions (callers add `await`). */
export function ddbPut(c, tableName, item) {
  if (c.svc.db === 'lib') {
    c.named(c.svc.lib('db'), 'putItem');
    return `putItem(${tableName}, ${item})`;
  }
  useDdb(c);
  c.named('@aws-sdk/lib-dynamodb', 'PutCommand');
  return `ddb.send(new PutCommand({ TableName: ${tableName}, Item: ${item} }))`;
}

/** Evaluates to the item or undefined (includes `await`). */
export function ddbGet(c, tableName, key) {
  if (c.svc.db === 'lib') {
    c.named(c.svc.lib('db'), 'getItem');
    return `await getItem(${tableName}, ${key})`;
  }
  useDdb(c);
  c.named('@aws-sdk/lib-dynamodb', 'GetCommand');
  return `(await ddb.send(new GetCommand({ TableName: ${tableName}, Key: ${key} }))).Item`;
}

/** Evaluates to an array of items (includes `await`). */
export function ddbQuery(c, tableName, pk) {
  if (c.svc.db === 'lib') {
    c.named(c.svc.lib('db'), 'queryByPk');
    return `await queryByPk(${tableName}, ${pk})`;
  }
  useDdb(c);
  c.named('@aws-sdk/lib-dynamodb', 'QueryCommand');
  return `((await ddb.send(new QueryCommand({ TableName: ${tableName}, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': ${pk} } }))).Items ?? [])`;
}

/** Promise expression updating fields of an item. */
export function ddbUpdate(c, tableName, key, fields) {
  if (c.svc.db === 'lib') {
    c.named(c.svc.lib('db'), 'updateFields');
    return `updateFields(${tableName}, ${key}, ${fields})`;
  }
  useDdb(c);
  c.named('@aws-sdk/lib-dynamodb', 'UpdateCommand');
  const build = helper(c, 'buildUpdate');
  return `ddb.send(new UpdateCommand({ TableName: ${tableName}, Key: ${key}, ...${build}(${fields}) }))`;
}

export function ddbDelete(c, tableName, key) {
  if (c.svc.db === 'lib') {
    c.named(c.svc.lib('db'), 'deleteItem');
    return `deleteItem(${tableName}, ${key})`;
  }
  useDdb(c);
  c.named('@aws-sdk/lib-dynamodb', 'DeleteCommand');
  return `ddb.send(new DeleteCommand({ TableName: ${tableName}, Key: ${key} }))`;
}

function useS3(c) {
  c.named('@aws-sdk/client-s3', 'S3Client');
  c.decl('s3', 'const s3 = new S3Client({});');
}

/** Statements reading an object into `target` as text. */
export function s3ReadText(c, target, bucket, key) {
  if (c.svc.s3 === 'lib') {
    c.named(c.svc.lib('s3'), 'readObjectText');
    return `const ${target} = await readObjectText(${bucket}, ${key});`;
  }
  useS3(c);
  c.named('@aws-sdk/client-s3', 'GetObjectCommand');
  return code`
    const ${target}Object = await s3.send(new GetObjectCommand({ Bucket: ${bucket}, Key: ${key} }));
    const ${target} = await ${target}Object.Body${c.T('!')}.transformToString('utf-8');`;
}

/** Promise expression writing an object. */
export function s3Write(c, bucket, key, body, contentType) {
  if (c.svc.s3 === 'lib') {
    c.named(c.svc.lib('s3'), 'writeObject');
    return `writeObject(${bucket}, ${key}, ${body}, '${contentType}')`;
  }
  useS3(c);
  c.named('@aws-sdk/client-s3', 'PutObjectCommand');
  return `s3.send(new PutObjectCommand({ Bucket: ${bucket}, Key: ${key}, Body: ${body}, ContentType: '${contentType}' }))`;
}

export function useClient(c, pkg, cls, varName) {
  c.named(pkg, cls);
  c.decl(varName, `const ${varName} = new ${cls}({});`);
  return varName;
}

// ---------------------------------------------------------------------------------------------
// HTTP responses (API Gateway v1/v2, ALB).

/** `return <response>;` for an API-style handler. */
export function respond(c, status, body) {
  if (c.svc.http === 'lib' && c.trigger !== 'alb') {
    const fn = { 200: 'ok', 201: 'created', 400: 'badRequest', 403: 'forbidden', 404: 'notFound', 422: 'unprocessable' }[status] ?? null;
    if (fn) {
      c.named(c.svc.lib('http'), fn);
      return `return ${fn}(${body});`;
    }
    c.named(c.svc.lib('http'), 'json');
    return `return json(${status}, ${body});`;
  }
  const resultType = c.trigger === 'alb' ? 'ALBResult' : c.trigger === 'apigw-v2' ? 'APIGatewayProxyStructuredResultV2' : 'APIGatewayProxyResult';
  c.type('aws-lambda', resultType);
  if (c.trigger === 'alb') {
    c.decl(
      'STATUS_TEXT',
      `const STATUS_TEXT${c.T(': Record<number, string>')} = { 200: 'OK', 201: 'Created', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 422: 'Unprocessable Entity', 500: 'Internal Server Error' };`,
    );
    c.helper(
      'response',
      code`
        function response(statusCode${c.T(': number')}, body${c.T(': unknown')})${c.T(`: ${resultType}`)} {
          return {
            statusCode,
            statusDescription: \`#{statusCode} #{STATUS_TEXT[statusCode] ?? 'Unknown'}\`,
            isBase64Encoded: false,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          };
        }`,
    );
  } else {
    c.helper(
      'response',
      code`
        const CORS_HEADERS = {
          'Access-Control-Allow-Origin': process.env.ALLOWED_ORIGIN ?? '*',
          'Access-Control-Allow-Credentials': true,
        };

        function response(statusCode${c.T(': number')}, body${c.T(': unknown')})${c.T(`: ${resultType}`)} {
          return {
            statusCode,
            headers: { 'Content-Type': 'application/json', ...CORS_HEADERS },
            body: JSON.stringify(body),
          };
        }`,
    );
  }
  return `return response(${status}, ${body});`;
}

// ---------------------------------------------------------------------------------------------
// Everyday helpers. `helper(c, name)` registers the helper in the file (or imports it from the
// service's lib/validate module) and returns the name to call.

const LIB_VALIDATE = new Set(['isEmail', 'normalizeEmail', 'validateEntity']);

export function helper(c, name) {
  const T = (t) => c.T(t);
  const e = c.ent;
  if (c.svc.validate === 'lib' && LIB_VALIDATE.has(name)) {
    const exported = name === 'validateEntity' ? `validate${e.Name}` : name;
    c.named(c.svc.lib('validate'), exported);
    return exported;
  }
  switch (name) {
    case 'chunk':
      c.helper(
        name,
        code`
          function chunk${T('<T>')}(items${T(': T[]')}, size${T(': number')})${T(': T[][]')} {
            const out${T(': T[][]')} = [];
            for (let i = 0; i < items.length; i += size) {
              out.push(items.slice(i, i + size));
            }
            return out;
          }`,
      );
      return name;
    case 'parseCsv':
      c.helper(
        name,
        code`
          function parseCsv(text${T(': string')})${T(': Record<string, string>[]')} {
            const [headerLine, ...lines] = text.split(/\\r?\\n/).filter((line) => line.trim() !== '');
            if (!headerLine) return [];
            const headers = headerLine.split(',').map((h) => h.trim());
            return lines.map((line) => {
              const cells = line.split(',');
              const row${T(': Record<string, string>')} = {};
              headers.forEach((header, i) => {
                row[header] = (cells[i] ?? '').trim();
              });
              return row;
            });
          }`,
      );
      return name;
    case 'toItem': {
      c.named('node:crypto', 'randomUUID');
      const fields = e.fields.map(([f, t]) => (t === 'number' ? `${f}: Number(row.${f} ?? 0),` : `${f}: String(row.${f} ?? '').trim(),`));
      c.helper(
        name,
        code`
          function toItem(row${T(': Record<string, unknown>')}, source${T(': string')}) {
            const id = typeof row.id === 'string' && row.id ? row.id : randomUUID();
            return {
              pk: \`${e.ENT}##{id}\`,
              sk: 'META',
              id,
              ${fields.join('\n')}
              source,
              importedAt: new Date().toISOString(),
            };
          }`,
      );
      return name;
    }
    case 'escapeHtml':
      c.helper(
        name,
        code`
          const HTML_ESCAPES${T(': Record<string, string>')} = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

          function escapeHtml(value${T(': string')})${T(': string')} {
            return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]${T(' ?? ch')});
          }`,
      );
      return name;
    case 'normalizeEmail':
      c.helper(
        name,
        code`
          function normalizeEmail(value${T(': unknown')})${T(': string')} {
            return String(value ?? '').trim().toLowerCase();
          }`,
      );
      return name;
    case 'isEmail':
      c.helper(
        name,
        code`
          const EMAIL_PATTERN = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/;

          function isEmail(value${T(': string')})${T(': boolean')} {
            return value.length <= 254 && EMAIL_PATTERN.test(value);
          }`,
      );
      return name;
    case 'pickFields':
      c.helper(
        name,
        code`
          function pickFields(source${T(': Record<string, unknown>')}, fields${T(': readonly string[]')})${T(': Record<string, unknown>')} {
            const out${T(': Record<string, unknown>')} = {};
            for (const field of fields) {
              if (source[field] !== undefined) out[field] = source[field];
            }
            return out;
          }`,
      );
      return name;
    case 'diffImages':
      c.helper(
        name,
        code`
          const IGNORED_FIELDS = new Set(['updatedAt', 'version', 'ttl']);

          function diffImages(oldImage${T(': Record<string, unknown> | undefined')}, newImage${T(': Record<string, unknown> | undefined')}) {
            const changes${T(': { field: string; from: unknown; to: unknown }[]')} = [];
            const fields = new Set([...Object.keys(oldImage ?? {}), ...Object.keys(newImage ?? {})]);
            for (const field of fields) {
              if (IGNORED_FIELDS.has(field)) continue;
              const before = oldImage?.[field];
              const after = newImage?.[field];
              if (JSON.stringify(before) !== JSON.stringify(after)) {
                changes.push({ field, from: before, to: after });
              }
            }
            return changes;
          }`,
      );
      return name;
    case 'buildUpdate':
      c.helper(
        name,
        code`
          function buildUpdate(fields${T(': Record<string, unknown>')}) {
            const names${T(': Record<string, string>')} = {};
            const values${T(': Record<string, unknown>')} = {};
            const sets${T(': string[]')} = [];
            let i = 0;
            for (const [field, value] of Object.entries(fields)) {
              if (value === undefined || field === 'pk' || field === 'sk') continue;
              names[\`#f#{i}\`] = field;
              values[\`:v#{i}\`] = value;
              sets.push(\`#f#{i} = :v#{i}\`);
              i += 1;
            }
            return {
              UpdateExpression: \`SET #{sets.join(', ')}\`,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            };
          }`,
      );
      return name;
    case 'csvCell':
      c.helper(
        name,
        code`
          function csvCell(value${T(': unknown')})${T(': string')} {
            const text = value === null || value === undefined ? '' : String(value);
            return /[",\\n]/.test(text) ? \`"#{text.replace(/"/g, '""')}"\` : text;
          }`,
      );
      return name;
    case 'validateEntity': {
      const fn = `validate${e.Name}`;
      const checks = e.fields
        .slice(0, 4)
        .map(([f, t]) => `if (record.${f} !== undefined && typeof record.${f} !== '${t}') errors.push('${f} must be a ${t}');`);
      c.decl('REQUIRED_FIELDS', `const REQUIRED_FIELDS = [${e.fields.slice(0, 3).map(([f]) => `'${f}'`).join(', ')}]${T(' as const')};`);
      c.helper(
        name,
        code`
          function ${fn}(input${T(': unknown')})${T(': string[]')} {
            if (typeof input !== 'object' || input === null || Array.isArray(input)) return ['body must be an object'];
            const record = input${T(' as Record<string, unknown>')};
            const errors${T(': string[]')} = [];
            for (const field of REQUIRED_FIELDS) {
              if (record[field] === undefined || record[field] === '') errors.push(\`#{field} is required\`);
            }
            ${checks.join('\n')}
            return errors;
          }`,
      );
      return fn;
    }
    case 'withRetry':
      c.helper(
        name,
        code`
          const sleep = (ms${T(': number')}) => new Promise((resolve) => setTimeout(resolve, ms));

          async function withRetry${T('<T>')}(fn${T(': () => Promise<T>')}, attempts = 3)${T(': Promise<T>')} {
            let lastError${T(': unknown')};
            for (let attempt = 1; attempt <= attempts; attempt++) {
              try {
                return await fn();
              } catch (err) {
                lastError = err;
                await sleep(100 * 2 ** attempt);
              }
            }
            throw lastError;
          }`,
      );
      return name;
    case 'summarize': {
      const fields = e.fields.slice(0, 3).map(([f]) => `${f}: item.${f},`);
      c.helper(
        name,
        code`
          function summarize(item${T(': Record<string, unknown>')}) {
            return {
              id: item.id,
              ${fields.join('\n')}
              updatedAt: item.updatedAt ?? item.createdAt,
            };
          }`,
      );
      return name;
    }
    case 'escapeRegExp':
      c.helper(
        name,
        code`
          function escapeRegExp(value${T(': string')})${T(': string')} {
            return value.replace(/[.*+?^#{}()|[\\]\\\\]/g, '\\\\$&');
          }`,
      );
      return name;
    case 'formatMoney':
      c.helper(
        name,
        code`
          const moneyFormats = new Map${T('<string, Intl.NumberFormat>')}();

          function formatMoney(amount${T(': number')}, currency = 'USD')${T(': string')} {
            let format = moneyFormats.get(currency);
            if (!format) {
              format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
              moneyFormats.set(currency, format);
            }
            return format.format(amount);
          }`,
      );
      return name;
    default:
      throw new Error(`unknown helper ${name}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Sink snippets. `src.str` is an attacker-controlled string expression, `src.doc` an
// attacker-controlled document (body, object content). Each returns statements.

const COMMANDS = ['file --mime-type -b', 'gzip -t', 'ffprobe -v quiet -show_format', 'identify -format %wx%h', 'pdfinfo', 'wc -l', 'sha256sum'];
const LABELS = `['urgent', 'billing', 'shipping', 'returns', 'feedback', 'internal', 'archived', 'priority']`;

function useExecAsync(c) {
  c.named('node:child_process', 'exec');
  c.named('node:util', 'promisify');
  c.decl('execAsync', 'const execAsync = promisify(exec);');
  return 'execAsync';
}

function useExecFileAsync(c) {
  c.named('node:child_process', 'execFile');
  c.named('node:util', 'promisify');
  c.decl('execFileAsync', 'const execFileAsync = promisify(execFile);');
  return 'execFileAsync';
}

export const VULN_KINDS = ['exec', 'exec-lib', 'eval', 'function', 'yaml', 'xxe', 'regexp'];
export const SAFE_KINDS = ['exec-file', 'exec-const', 'exec-lib-safe', 'yaml-safe', 'xxe-safe', 'regexp-escaped', 'regex-validate'];

export function sinkSnippet(c, kind, src) {
  const r = c.rng;
  switch (kind) {
    case 'exec': {
      const fn = useExecAsync(c);
      return code`
        const { stdout: inspected } = await ${fn}(\`${r.pick(COMMANDS)} "/tmp/#{${src.str}}"\`);
        ${log(c, 'debug', 'inspected input', '{ inspected: inspected.trim() }')}`;
    }
    case 'exec-lib': {
      c.named(c.svc.lib('shell'), 'runCommand');
      return code`
        const output = await runCommand(\`${r.pick(COMMANDS)} /tmp/#{${src.str}}\`);
        ${log(c, 'debug', 'command finished', '{ bytes: output.length }')}`;
    }
    case 'eval':
      return code`
        const computed = eval(\`(#{${src.str}})\`);
        ${log(c, 'info', 'evaluated expression', '{ computed }')}`;
    case 'function':
      return code`
        const predicate = new Function('item', \`return (#{${src.str}});\`);
        ${log(c, 'info', 'rule compiled', '{ matches: Boolean(predicate({})) }')}`;
    case 'yaml':
      c.def('js-yaml', 'yaml');
      return code`
        const spec = yaml.load(${src.doc}, { schema: yaml.DEFAULT_FULL_SCHEMA })${c.T(' as Record<string, unknown>')};
        ${log(c, 'info', 'loaded definition', '{ keys: Object.keys(spec ?? {}) }')}`;
    case 'xxe':
      c.def('libxmljs', 'libxmljs');
      return code`
        const xmlDoc = libxmljs.parseXmlString(${src.doc}, { noent: true, noblanks: true });
        ${log(c, 'info', 'parsed xml', "{ root: xmlDoc.root()?.name() }")}`;
    case 'regexp':
      c.decl('KNOWN_LABELS', `const KNOWN_LABELS = ${LABELS};`);
      return code`
        const matcher = new RegExp(${src.str}, 'i');
        const matchedLabels = KNOWN_LABELS.filter((label) => matcher.test(label));
        ${log(c, 'info', 'labels matched', '{ count: matchedLabels.length }')}`;
    case 'exec-file': {
      const fn = useExecFileAsync(c);
      c.def('node:path', 'path');
      return code`
        const { stdout: probe } = await ${fn}('file', ['--mime-type', '-b', path.join('/tmp', path.basename(String(${src.str})))]);
        ${log(c, 'debug', 'probed input', '{ mime: probe.trim() }')}`;
    }
    case 'exec-const': {
      const fn = useExecAsync(c);
      return code`
        const { stdout: disk } = await ${fn}('df -k /tmp | tail -1');
        ${log(c, 'debug', 'tmp usage', '{ disk: disk.trim() }')}`;
    }
    case 'exec-lib-safe': {
      c.named(c.svc.lib('shell'), 'convertFile');
      c.def('node:path', 'path');
      return `await convertFile(path.join('/tmp', path.basename(String(${src.str}))), '/tmp/converted.out');`;
    }
    case 'yaml-safe':
      c.def('js-yaml', 'yaml');
      return code`
        const settings = ${c.svc.yamlMajor === 3 ? `yaml.safeLoad(${src.doc})` : `yaml.load(${src.doc}, { schema: yaml.JSON_SCHEMA })`}${c.T(' as Record<string, unknown>')};
        ${log(c, 'debug', 'settings loaded', '{ keys: Object.keys(settings ?? {}) }')}`;
    case 'xxe-safe':
      c.def('libxmljs', 'libxmljs');
      return code`
        const parsedXml = libxmljs.parseXml(${src.doc});
        ${log(c, 'debug', 'xml root', '{ root: parsedXml.root()?.name() }')}`;
    case 'regexp-escaped': {
      const esc = helper(c, 'escapeRegExp');
      c.decl('KNOWN_LABELS', `const KNOWN_LABELS = ${LABELS};`);
      return code`
        const prefix = new RegExp(\`^#{${esc}(String(${src.str}))}\`, 'i');
        const prefixed = KNOWN_LABELS.filter((label) => prefix.test(label));
        ${log(c, 'debug', 'prefix matches', '{ count: prefixed.length }')}`;
    }
    case 'regex-validate':
      return code`
        if (!/^[\\w./-]{1,512}$/.test(String(${src.str}))) {
          throw new Error('invalid identifier');
        }`;
    default:
      throw new Error(`unknown sink kind ${kind}`);
  }
}

/** Replaces the `/*SINK*\/` line of `text` by `snippet` (indented like the placeholder) or drops it. */
export function fillSink(text, snippet) {
  return text
    .split('\n')
    .flatMap((line) => {
      const at = line.indexOf('/*SINK*/');
      if (at < 0) return [line];
      if (!snippet) return [];
      const pad = line.slice(0, at);
      return snippet.split('\n').map((l) => (l.trim() ? pad + l : l));
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Handler preambles: feature flags (SSM, cached), configuration (SSM, cached), redacted event
// logging. `early` is the statement that leaves the handler when a feature is disabled.

export const PREAMBLES = ['flag', 'config', 'redact'];

function useSsm(c) {
  c.named('@aws-sdk/client-ssm', 'SSMClient', 'GetParameterCommand');
  c.decl('ssm', 'const ssm = new SSMClient({});');
}

export function preamble(c, kind, ev, early) {
  const T = (t) => c.T(t);
  switch (kind) {
    case 'flag': {
      useSsm(c);
      c.helper(
        'isFeatureEnabled',
        code`
          const flagCache = new Map${T('<string, { value: boolean; expires: number }>')}();

          async function isFeatureEnabled(name${T(': string')})${T(': Promise<boolean>')} {
            const cached = flagCache.get(name);
            if (cached && cached.expires > Date.now()) return cached.value;
            try {
              const res = await ssm.send(new GetParameterCommand({ Name: \`/${c.svc.name}/flags/#{name}\` }));
              const value = res.Parameter?.Value === 'true';
              flagCache.set(name, { value, expires: Date.now() + 60_000 });
              return value;
            } catch (err) {
              ${log(c, 'warn', 'feature flag lookup failed', `{ name, error: ${c.errMsg()} }`)}
              return false;
            }
          }`,
      );
      const flag = `${c.ent.name}-${c.rng.pick(['processing', 'sync', 'v2', 'ingest', 'notifications'])}`;
      return code`
        if (!(await isFeatureEnabled('${flag}'))) {
          ${log(c, 'info', 'feature disabled, skipping', `{ flag: '${flag}' }`)}
          ${early}
        }`;
    }
    case 'config': {
      useSsm(c);
      c.iface(
        'ServiceConfig',
        code`
          interface ServiceConfig {
            maxItems: number;
            dryRun: boolean;
            [key: string]: unknown;
          }`,
      );
      c.helper(
        'loadConfig',
        code`
          let configCache${T(': ServiceConfig | undefined')};

          async function loadConfig()${T(': Promise<ServiceConfig>')} {
            if (configCache) return configCache;
            const res = await ssm.send(
              new GetParameterCommand({ Name: process.env.CONFIG_PARAMETER ?? '/${c.svc.name}/config', WithDecryption: true }),
            );
            configCache = { maxItems: 100, dryRun: false, ...JSON.parse(res.Parameter?.Value ?? '{}') };
            return configCache${T('!')};
          }`,
      );
      return code`
        const config = await loadConfig();
        if (config.dryRun) {
          ${log(c, 'info', 'dry run enabled', '{ maxItems: config.maxItems }')}
        }`;
    }
    case 'redact':
      c.helper(
        'redact',
        code`
          const SENSITIVE_KEYS = new Set(['authorization', 'cookie', 'password', 'token', 'secret', 'x-api-key']);

          function redact(value${T(': unknown')}, depth = 0)${T(': unknown')} {
            if (depth > 4 || value === null || typeof value !== 'object') return value;
            if (Array.isArray(value)) return value.slice(0, 20).map((item) => redact(item, depth + 1));
            const out${T(': Record<string, unknown>')} = {};
            for (const [key, item] of Object.entries(value)) {
              out[key] = SENSITIVE_KEYS.has(key.toLowerCase()) ? '[redacted]' : redact(item, depth + 1);
            }
            return out;
          }`,
      );
      return log(c, 'debug', 'incoming event', `{ event: redact(${ev}) }`);
    default:
      throw new Error(`unknown preamble ${kind}`);
  }
}
