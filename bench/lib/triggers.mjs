// Trigger scenarios: what a handler for each event source typically does. Record-based triggers
// return `perRecord` code (uses `record`; `@SKIP;` and `@RESULT(expr);` are rewritten by the shape
// into `continue`/`return` and `results.push`/`return`), the others return a `body`. Both contain
// one `/*SINK*/` placeholder where a vulnerable flow or a safe look-alike may be inserted, with
// `src` naming the attacker-controlled expressions available there.
import { code } from './source.mjs';
import { ddbDelete, ddbGet, ddbPut, ddbQuery, ddbUpdate, envConst, helper, log, respond, s3ReadText, s3Write, table, useClient } from './emit.mjs';

export const TRIGGERS = ['s3', 'sqs', 'sns', 'apigw-v1', 'apigw-v2', 'alb', 'dynamodb', 'kinesis', 'eventbridge', 'cognito', 'direct'];
export const API_TRIGGERS = new Set(['apigw-v1', 'apigw-v2', 'alb']);

const entityInterface = (c) => {
  const e = c.ent;
  c.iface(
    `entity:${e.Name}`,
    code`
      interface ${e.Name} {
        id: string;
        ${e.fields.map(([f, t]) => `${f}${f === 'note' || f === 'comment' ? '?' : ''}: ${t};`).join('\n')}
        createdAt: string;
        updatedAt?: string;
      }`,
  );
  if (c.rng.chance(0.5)) {
    c.iface(
      `status:${e.Name}`,
      code`
        type ${e.Name}Status = 'new' | 'active' | 'pending' | 'closed' | 'archived';

        interface ${e.Name}Summary {
          id: string;
          status: ${e.Name}Status;
          ${e.fields.slice(0, 2).map(([f, t]) => `${f}: ${t};`).join('\n')}
          updatedAt: string;
        }`,
    );
  }
  return e.Name;
};

// ---------------------------------------------------------------------------------------------
// S3

function s3Import(c) {
  const e = c.ent;
  const parseCsv = helper(c, 'parseCsv');
  const toItem = helper(c, 'toItem');
  const chunk = helper(c, 'chunk');
  const T = table(c);
  return {
    perRecord: code`
      const bucket = record.s3.bucket.name;
      const key = decodeURIComponent(record.s3.object.key.replace(/\\+/g, ' '));
      if (!/\\.(csv|json)$/i.test(key)) {
        ${log(c, 'warn', 'skipping unsupported object', '{ bucket, key }')}
        @SKIP;
      }
      ${s3ReadText(c, 'text', 'bucket', 'key')}
      const rows${c.T(': Record<string, unknown>[]')} = key.toLowerCase().endsWith('.csv') ? ${parseCsv}(text) : JSON.parse(text);
      /*SINK*/
      let written = 0;
      for (const batch of ${chunk}(rows, 25)) {
        await Promise.all(batch.map((row) => ${ddbPut(c, T, `${toItem}(row, key)`)}));
        written += batch.length;
      }
      ${log(c, 'info', `imported ${e.plural}`, '{ bucket, key, rows: written }')}
      @RESULT({ key, rows: written });`,
    src: { str: 'key', doc: 'text' },
    after: log(c, 'info', 'import finished', '{ objects: results.length }'),
  };
}

function s3Thumbnail(c) {
  c.def('sharp', 'sharp');
  c.def('node:path', 'path');
  useClient(c, '@aws-sdk/client-s3', 'S3Client', 's3');
  c.named('@aws-sdk/client-s3', 'GetObjectCommand', 'HeadObjectCommand', 'PutObjectCommand');
  c.decl('THUMB', `const THUMBNAIL_PREFIX = 'thumbnails/';\nconst THUMBNAIL_WIDTH = Number(process.env.THUMBNAIL_WIDTH ?? 320);`);
  const T = table(c);
  return {
    perRecord: code`
      const bucket = record.s3.bucket.name;
      const key = decodeURIComponent(record.s3.object.key.replace(/\\+/g, ' '));
      if (key.startsWith(THUMBNAIL_PREFIX)) {
        @SKIP;
      }
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      if (!head.ContentType?.startsWith('image/')) {
        ${log(c, 'warn', 'not an image', '{ key, contentType: head.ContentType }')}
        @SKIP;
      }
      const original = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const input = Buffer.from(await original.Body${c.T('!')}.transformToByteArray());
      /*SINK*/
      const resized = await sharp(input).resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
      const targetKey = \`#{THUMBNAIL_PREFIX}#{path.basename(key, path.extname(key))}.jpg\`;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: targetKey, Body: resized, ContentType: 'image/jpeg' }));
      await ${ddbPut(c, T, `{ pk: \`IMAGE##{key}\`, sk: 'THUMBNAIL', thumbnail: targetKey, size: record.s3.object.size, eTag: record.s3.object.eTag }`)};
      ${log(c, 'info', 'thumbnail created', '{ key, targetKey, bytes: resized.length }')}
      @RESULT(targetKey);`,
    src: { str: 'key', doc: "input.toString('utf8')" },
  };
}

function s3Index(c) {
  const e = c.ent;
  const pick = helper(c, 'pickFields');
  const T = table(c);
  return {
    perRecord: code`
      const { bucket, object } = record.s3;
      const key = decodeURIComponent(object.key.replace(/\\+/g, ' '));
      const [tenantId, category, fileName] = key.split('/');
      if (!tenantId || !category || !fileName) {
        ${log(c, 'warn', 'unexpected key layout', '{ key }')}
        @SKIP;
      }
      ${s3ReadText(c, 'content', 'bucket.name', 'key')}
      let metadata${c.T(': Record<string, unknown>')} = {};
      try {
        metadata = JSON.parse(content);
      } catch {
        metadata = { preview: content.slice(0, 200) };
      }
      /*SINK*/
      await ${ddbPut(
        c,
        T,
        `{
          pk: \`TENANT##{tenantId}\`,
          sk: \`${e.ENT}##{category}##{fileName}\`,
          bucket: bucket.name,
          size: object.size,
          eTag: object.eTag,
          ...${pick}(metadata, [${e.fields.map(([f]) => `'${f}'`).join(', ')}]),
          indexedAt: new Date().toISOString(),
        }`,
      )};
      @RESULT(fileName);`,
    src: { str: 'fileName', doc: 'content' },
    after: log(c, 'info', `indexed ${e.plural}`, '{ count: results.length }'),
  };
}

// ---------------------------------------------------------------------------------------------
// SQS

function sqsMessageType(c) {
  const e = c.ent;
  c.iface(
    `msg:${e.Name}`,
    code`
      interface ${e.Name}Message {
        id: string;
        version?: number;
        ${e.fields.map(([f, t]) => `${f}: ${t};`).join('\n')}
      }`,
  );
  return `${e.Name}Message`;
}

function sqsProcess(c) {
  const e = c.ent;
  const T = table(c);
  const type = sqsMessageType(c);
  const validate = helper(c, 'validateEntity');
  const queue = envConst(c, 'NEXT_QUEUE_URL');
  useClient(c, '@aws-sdk/client-sqs', 'SQSClient', 'sqs');
  c.named('@aws-sdk/client-sqs', 'SendMessageCommand');
  const str = c.rng.pick(e.strFields);
  return {
    perRecord: code`
      const message${c.T(`: ${type}`)} = JSON.parse(record.body);
      const correlationId = record.messageAttributes?.correlationId?.stringValue ?? record.messageId;
      const errors = ${validate}(message);
      if (errors.length > 0) {
        ${log(c, 'warn', 'invalid message', '{ messageId: record.messageId, errors }')}
        @SKIP;
      }
      const existing = ${ddbGet(c, T, `{ pk: \`${e.ENT}##{message.id}\`, sk: 'META' }`)};
      if (existing && Number(existing.version ?? 0) >= (message.version ?? 1)) {
        ${log(c, 'debug', 'duplicate delivery', '{ id: message.id, correlationId }')}
        @SKIP;
      }
      /*SINK*/
      const item = {
        pk: \`${e.ENT}##{message.id}\`,
        sk: 'META',
        ...message,
        status: 'RECEIVED',
        version: message.version ?? 1,
        updatedAt: new Date().toISOString(),
      };
      await ${ddbPut(c, T, 'item')};
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: ${queue},
          MessageBody: JSON.stringify({ id: message.id, correlationId }),
          MessageAttributes: { correlationId: { DataType: 'String', StringValue: correlationId } },
        }),
      );
      ${log(c, 'info', `${e.name} accepted`, '{ id: message.id, correlationId }')}
      @RESULT(message.id);`,
    src: { str: `message.${str}`, doc: 'record.body' },
  };
}

function sqsNotify(c) {
  const escapeHtml = helper(c, 'escapeHtml');
  const normalizeEmail = helper(c, 'normalizeEmail');
  const isEmail = helper(c, 'isEmail');
  const from = envConst(c, 'FROM_ADDRESS', 'no-reply@example.com');
  useClient(c, '@aws-sdk/client-ses', 'SESClient', 'ses');
  c.named('@aws-sdk/client-ses', 'SendEmailCommand');
  return {
    perRecord: code`
      const payload = JSON.parse(record.body);
      const recipient = ${normalizeEmail}(payload.email);
      if (!${isEmail}(recipient)) {
        ${log(c, 'warn', 'dropping notification without a valid recipient', '{ messageId: record.messageId }')}
        @SKIP;
      }
      const rows${c.T(': string[]')} = [];
      for (const [label, value] of Object.entries(payload.fields ?? {})) {
        rows.push(\`<tr><th>#{${escapeHtml}(label)}</th><td>#{${escapeHtml}(String(value))}</td></tr>\`);
      }
      const html = [
        \`<h1>#{${escapeHtml}(payload.title ?? 'Notification')}</h1>\`,
        rows.length ? \`<table>#{rows.join('')}</table>\` : '',
        '<p>You receive this message because you subscribed to updates.</p>',
      ].join('\\n');
      /*SINK*/
      await ses.send(
        new SendEmailCommand({
          Source: ${from},
          Destination: { ToAddresses: [recipient] },
          Message: {
            Subject: { Data: String(payload.subject ?? 'Update').slice(0, 120) },
            Body: { Html: { Data: html }, Text: { Data: html.replace(/<[^>]+>/g, ' ') } },
          },
        }),
      );
      @RESULT(recipient);`,
    src: { str: `String(payload.${c.rng.pick(['title', 'template', 'reference'])})`, doc: 'record.body' },
    after: log(c, 'info', 'notifications sent', '{ sent: results.length }'),
  };
}

function sqsWebhook(c) {
  c.named('node:crypto', 'createHmac');
  const endpoints = envConst(c, 'ENDPOINTS_TABLE');
  const secret = envConst(c, 'SIGNING_SECRET');
  return {
    perRecord: code`
      const job = JSON.parse(record.body);
      const endpoint = ${ddbGet(c, endpoints, '{ pk: `ENDPOINT#${job.subscriberId}`, sk: \'CONFIG\' }')};
      if (!endpoint?.url) {
        ${log(c, 'warn', 'no endpoint configured', '{ subscriberId: job.subscriberId }')}
        @SKIP;
      }
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 5000);
      try {
        const signature = createHmac('sha256', ${secret}).update(record.body).digest('hex');
        const res = await fetch(String(endpoint.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-signature': signature, 'x-delivery-id': record.messageId },
          body: record.body,
          signal: controller.signal,
        });
        if (!res.ok) {
          throw new Error(\`webhook delivery failed with status #{res.status}\`);
        }
      } finally {
        clearTimeout(timer);
      }
      /*SINK*/
      ${log(c, 'info', 'webhook delivered', '{ subscriberId: job.subscriberId }')}
      @RESULT(job.subscriberId);`,
    src: { str: 'String(job.eventType)', doc: 'record.body' },
  };
}

// ---------------------------------------------------------------------------------------------
// SNS

function snsAlerts(c) {
  const webhook = envConst(c, 'SLACK_WEBHOOK_URL');
  c.decl('SEVERITY', `const SEVERITY_BY_TOPIC${c.T(': Record<string, string>')} = { 'critical-alarms': 'high', 'ops-alarms': 'medium' };`);
  return {
    perRecord: code`
      const { Message, Subject, Timestamp, TopicArn } = record.Sns;
      let alarm${c.T(': Record<string, string>')};
      try {
        alarm = JSON.parse(Message);
      } catch {
        alarm = { AlarmName: Subject ?? 'notification', NewStateValue: 'INFO', NewStateReason: Message };
      }
      const topicName = TopicArn.split(':').pop() ?? '';
      const severity = SEVERITY_BY_TOPIC[topicName] ?? 'low';
      const lines = [\`*#{alarm.AlarmName}* is #{alarm.NewStateValue}\`, alarm.NewStateReason, \`at #{Timestamp}\`];
      const text = lines.filter(Boolean).join('\\n');
      /*SINK*/
      const res = await fetch(${webhook}, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, severity }),
      });
      if (!res.ok) {
        ${log(c, 'error', 'chat webhook failed', '{ status: res.status }')}
      }
      @RESULT(alarm.AlarmName);`,
    src: { str: 'String(Subject)', doc: 'Message' },
  };
}

function snsEnvelope(c) {
  const T = table(c);
  return {
    perRecord: code`
      const notification = JSON.parse(record.Sns.Message);
      let stored = 0;
      for (const s3Record of notification.Records ?? []) {
        const bucket = s3Record.s3.bucket.name;
        const key = decodeURIComponent(String(s3Record.s3.object.key).replace(/\\+/g, ' '));
        /*SINK*/
        await ${ddbPut(c, T, '{ pk: `OBJECT#${bucket}`, sk: key, size: s3Record.s3.object.size, receivedAt: record.Sns.Timestamp }')};
        stored += 1;
      }
      @RESULT(stored);`,
    src: { str: 'key', doc: 'record.Sns.Message' },
    after: log(c, 'info', 'objects recorded', '{ stored: results.reduce((a, b) => a + b, 0) }'),
  };
}

// ---------------------------------------------------------------------------------------------
// API Gateway v1 / v2 / ALB

export function apiFacts(c, ev) {
  if (c.trigger === 'apigw-v2') {
    return { method: `${ev}.requestContext.http.method`, user: `${ev}.requestContext.authorizer?.jwt?.claims?.sub`, path: `${ev}.rawPath` };
  }
  if (c.trigger === 'alb') {
    return { method: `${ev}.httpMethod`, user: `${ev}.headers?.['x-amzn-oidc-identity']`, path: `${ev}.path` };
  }
  return { method: `${ev}.httpMethod`, user: `${ev}.requestContext.authorizer?.claims?.sub`, path: `${ev}.path` };
}

function apiGet(c, ev) {
  const e = c.ent;
  const T = table(c);
  const facts = apiFacts(c, ev);
  const idExpr = c.trigger === 'alb' ? `${ev}.path.split('/').pop()` : `${ev}.pathParameters?.id`;
  const summarize = helper(c, 'summarize');
  return {
    body: code`
      const id = ${idExpr};
      if (!id || !/^[A-Za-z0-9-]{1,64}$/.test(id)) {
        ${respond(c, 400, "{ message: 'invalid id' }")}
      }
      const userId = ${facts.user};
      const query = ${ev}.queryStringParameters ?? {};
      const item = ${ddbGet(c, T, `{ pk: \`${e.ENT}##{id}\`, sk: 'META' }`)};
      if (!item || (userId && item.ownerId && item.ownerId !== userId)) {
        ${respond(c, 404, `{ message: '${e.name} not found' }`)}
      }
      /*SINK*/
      const view = query.view === 'full' ? item : ${summarize}(item);
      ${respond(c, 200, 'view')}`,
    src: { str: `String(query.${c.rng.pick(['q', 'filter', 'pattern', 'search'])} ?? '')`, doc: `String(${ev}.body ?? '')` },
  };
}

function apiCreate(c, ev) {
  const e = c.ent;
  const T = table(c);
  const validate = helper(c, 'validateEntity');
  c.named('node:crypto', 'randomUUID');
  const facts = apiFacts(c, ev);
  const parse = c.bodyParsed
    ? `const input = ${ev}.body${c.T(' as unknown as Record<string, unknown>')};`
    : code`
        let input${c.T(': Record<string, unknown>')};
        try {
          const raw = ${ev}.isBase64Encoded ? Buffer.from(${ev}.body ?? '', 'base64').toString('utf8') : ${ev}.body ?? '{}';
          input = JSON.parse(raw);
        } catch {
          ${respond(c, 400, "{ message: 'malformed JSON body' }")}
        }`;
  return {
    body: code`
      ${parse}
      const errors = ${validate}(input);
      if (errors.length > 0) {
        ${respond(c, 422, '{ errors }')}
      }
      const id = randomUUID();
      const now = new Date().toISOString();
      /*SINK*/
      await ${ddbPut(c, T, `{ pk: \`${e.ENT}##{id}\`, sk: 'META', id, ...input, ownerId: ${facts.user} ?? 'anonymous', createdAt: now }`)};
      ${log(c, 'info', `${e.name} created`, '{ id }')}
      ${respond(c, 201, '{ id, createdAt: now }')}`,
    src: { str: `String(input.${c.rng.pick(e.strFields)})`, doc: `String(input.${c.rng.pick(['document', 'payload', 'definition'])} ?? '')` },
  };
}

function apiList(c, ev) {
  const e = c.ent;
  const T = table(c);
  const facts = apiFacts(c, ev);
  const summarize = helper(c, 'summarize');
  c.decl('ALLOWED_STATUSES', `const ALLOWED_STATUSES = ['new', 'active', 'pending', 'closed', 'archived'];`);
  return {
    body: code`
      const query = ${ev}.queryStringParameters ?? {};
      const limit = Math.min(Math.max(Number(query.limit ?? 20) || 20, 1), 100);
      const status = query.status;
      if (status && !ALLOWED_STATUSES.includes(status)) {
        ${respond(c, 400, "{ message: 'unknown status' }")}
      }
      const owner = ${facts.user} ?? 'anonymous';
      const items = ${ddbQuery(c, T, '`OWNER#${owner}`')};
      let filtered = status ? items.filter((item) => item.status === status) : items;
      if (query.search) {
        const needle = query.search.toLowerCase();
        filtered = filtered.filter((item) => String(item.${e.strFields[0]} ?? '').toLowerCase().includes(needle));
      }
      /*SINK*/
      const page = filtered.slice(0, limit).map((item) => ${summarize}(item));
      ${respond(c, 200, '{ items: page, count: filtered.length, hasMore: filtered.length > limit }')}`,
    src: { str: `String(query.${c.rng.pick(['search', 'q', 'sort'])} ?? '')`, doc: `String(${ev}.body ?? '')` },
  };
}

function apiUpdate(c, ev) {
  const e = c.ent;
  const T = table(c);
  const pick = helper(c, 'pickFields');
  const idExpr = c.trigger === 'alb' ? `${ev}.path.split('/').pop()` : `${ev}.pathParameters?.id`;
  const editable = e.fields.slice(1).map(([f]) => `'${f}'`).join(', ');
  return {
    body: code`
      const id = ${idExpr};
      if (!id) {
        ${respond(c, 400, "{ message: 'id is required' }")}
      }
      const changes = ${c.bodyParsed ? `${ev}.body${c.T(' as unknown as Record<string, unknown>')}` : `JSON.parse(${ev}.body ?? '{}')`};
      const fields = ${pick}(changes, [${editable}]);
      if (Object.keys(fields).length === 0) {
        ${respond(c, 400, "{ message: 'nothing to update' }")}
      }
      /*SINK*/
      await ${ddbUpdate(c, T, `{ pk: \`${e.ENT}##{id}\`, sk: 'META' }`, '{ ...fields, updatedAt: new Date().toISOString() }')};
      ${respond(c, 200, '{ id, updated: Object.keys(fields) }')}`,
    src: { str: `String(changes.${c.rng.pick(e.strFields)} ?? '')`, doc: `String(changes.document ?? '')` },
  };
}

// ---------------------------------------------------------------------------------------------
// DynamoDB Streams

function ddbAudit(c) {
  c.named('@aws-sdk/util-dynamodb', 'unmarshall');
  c.type('@aws-sdk/client-dynamodb', 'AttributeValue');
  const diff = helper(c, 'diffImages');
  const audit = envConst(c, 'AUDIT_TABLE');
  const cast = c.T(' as Record<string, AttributeValue>');
  const str = c.rng.pick(c.ent.strFields);
  return {
    perRecord: code`
      const change = record.dynamodb;
      if (!change?.Keys) {
        @SKIP;
      }
      const keys = unmarshall(change.Keys${cast});
      const newImage = change.NewImage ? unmarshall(change.NewImage${cast}) : undefined;
      const oldImage = change.OldImage ? unmarshall(change.OldImage${cast}) : undefined;
      const changes = ${diff}(oldImage, newImage);
      if (record.eventName === 'MODIFY' && changes.length === 0) {
        @SKIP;
      }
      /*SINK*/
      await ${ddbPut(
        c,
        audit,
        `{
          pk: \`AUDIT##{keys.pk}\`,
          sk: \`#{change.ApproximateCreationDateTime ?? Date.now()}##{record.eventID}\`,
          eventName: record.eventName,
          changes,
          expiresAt: Math.floor(Date.now() / 1000) + 90 * 24 * 3600,
        }`,
      )};
      @RESULT(changes.length);`,
    src: { str: `String(newImage?.${str} ?? '')`, doc: "String(newImage?.definition ?? '')" },
    after: log(c, 'info', 'audit trail updated', '{ changes: results.reduce((sum, n) => sum + n, 0) }'),
  };
}

function ddbCounters(c) {
  c.named('@aws-sdk/util-dynamodb', 'unmarshall');
  const stats = envConst(c, 'STATS_TABLE');
  const cast = c.T(' as Record<string, any>');
  return {
    perRecord: code`
      if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') {
        @SKIP;
      }
      const image = unmarshall((record.dynamodb?.NewImage ?? {})${cast});
      const previous = record.dynamodb?.OldImage ? unmarshall(record.dynamodb.OldImage${cast}) : null;
      if (previous && previous.status === image.status) {
        @SKIP;
      }
      const day = new Date((record.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000).toISOString().slice(0, 10);
      /*SINK*/
      await ${ddbUpdate(c, stats, '{ pk: `STATS#${day}`, sk: String(image.status) }', '{ lastEventId: record.eventID, lastSeenAt: new Date().toISOString() }')};
      @RESULT(image.status);`,
    src: { str: `String(image.${c.rng.pick(c.ent.strFields)} ?? '')`, doc: "String(image.payload ?? '')" },
  };
}

// ---------------------------------------------------------------------------------------------
// Kinesis

function kinesisTelemetry(c) {
  const T = table(c);
  const chunk = helper(c, 'chunk');
  c.iface(
    'Reading',
    code`
      interface Reading {
        deviceId: string;
        metric: string;
        value: number;
        timestamp: number;
      }`,
  );
  return {
    perRecord: code`
      const raw = Buffer.from(record.kinesis.data, 'base64').toString('utf8');
      let reading${c.T(': Reading')};
      try {
        reading = JSON.parse(raw);
      } catch {
        ${log(c, 'warn', 'invalid payload', '{ sequenceNumber: record.kinesis.sequenceNumber }')}
        @SKIP;
      }
      if (typeof reading.deviceId !== 'string' || typeof reading.value !== 'number') {
        @SKIP;
      }
      /*SINK*/
      @RESULT(reading);`,
    src: { str: 'reading.deviceId', doc: 'raw' },
    after: code`
      const aggregates = new Map${c.T('<string, { deviceId: string; metric: string; minute: number; count: number; sum: number; max: number }>')}();
      for (const reading of results) {
        const minute = Math.floor(reading.timestamp / 60000);
        const bucketKey = \`#{reading.deviceId}##{reading.metric}##{minute}\`;
        const agg = aggregates.get(bucketKey) ?? { deviceId: reading.deviceId, metric: reading.metric, minute, count: 0, sum: 0, max: -Infinity };
        agg.count += 1;
        agg.sum += reading.value;
        agg.max = Math.max(agg.max, reading.value);
        aggregates.set(bucketKey, agg);
      }
      for (const group of ${chunk}([...aggregates.values()], 25)) {
        await Promise.all(group.map((agg) => ${ddbPut(c, T, '{ pk: `DEVICE#${agg.deviceId}`, sk: `${agg.metric}#${agg.minute}`, ...agg, avg: agg.sum / agg.count }')}));
      }
      ${log(c, 'info', 'aggregated readings', '{ readings: results.length, groups: aggregates.size }')}`,
  };
}

function kinesisClickstream(c) {
  const chunk = helper(c, 'chunk');
  const pick = helper(c, 'pickFields');
  const stream = envConst(c, 'DELIVERY_STREAM');
  useClient(c, '@aws-sdk/client-firehose', 'FirehoseClient', 'firehose');
  c.named('@aws-sdk/client-firehose', 'PutRecordBatchCommand');
  c.decl('TRACKED', `const TRACKED_EVENTS = new Set(['page_view', 'add_to_cart', 'checkout', 'search']);`);
  return {
    perRecord: code`
      const payload = JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString());
      const entries = Array.isArray(payload.events) ? payload.events : [payload];
      const accepted${c.T(': Record<string, unknown>[]')} = [];
      for (const entry of entries) {
        if (!entry.type || !TRACKED_EVENTS.has(entry.type)) continue;
        accepted.push({
          ...${pick}(entry, ['type', 'page', 'sku', 'query', 'sessionId']),
          partitionKey: record.kinesis.partitionKey,
          receivedAt: record.kinesis.approximateArrivalTimestamp,
        });
      }
      /*SINK*/
      @RESULT(accepted);`,
    src: { str: 'String(payload.query ?? \'\')', doc: "Buffer.from(record.kinesis.data, 'base64').toString()" },
    after: code`
      const flat = results.flat();
      for (const batch of ${chunk}(flat, 500)) {
        await firehose.send(
          new PutRecordBatchCommand({
            DeliveryStreamName: ${stream},
            Records: batch.map((entry) => ({ Data: Buffer.from(\`#{JSON.stringify(entry)}\\n\`) })),
          }),
        );
      }
      ${log(c, 'info', 'forwarded clickstream', '{ events: flat.length }')}`,
  };
}

// ---------------------------------------------------------------------------------------------
// EventBridge

function ebDomain(c, ev) {
  const e = c.ent;
  const T = table(c);
  const bus = envConst(c, 'EVENT_BUS_NAME', 'default');
  useClient(c, '@aws-sdk/client-eventbridge', 'EventBridgeClient', 'eventBridge');
  c.named('@aws-sdk/client-eventbridge', 'PutEventsCommand');
  return {
    body: code`
      const detailType = ${ev}['detail-type'];
      const detail = ${ev}.detail;
      ${log(c, 'info', 'event received', `{ detailType, source: ${ev}.source, id: ${ev}.id }`)}
      /*SINK*/
      switch (detailType) {
        case '${e.Name}Created': {
          await ${ddbPut(c, T, `{ pk: \`${e.ENT}##{detail.id}\`, sk: 'META', ...detail, createdAt: ${ev}.time }`)};
          break;
        }
        case '${e.Name}Cancelled': {
          await ${ddbUpdate(c, T, `{ pk: \`${e.ENT}##{detail.id}\`, sk: 'META' }`, "{ status: 'CANCELLED', cancelledAt: new Date().toISOString() }")};
          await eventBridge.send(
            new PutEventsCommand({
              Entries: [{ EventBusName: ${bus}, Source: '${c.svc.name}', DetailType: '${e.Name}Refunded', Detail: JSON.stringify({ id: detail.id }) }],
            }),
          );
          break;
        }
        default:
          ${log(c, 'warn', 'ignored event type', '{ detailType }')}
          return { ignored: true };
      }
      return { processed: detailType };`,
    src: { str: `String(detail.${c.rng.pick(e.strFields)})`, doc: "String(detail.document ?? '')" },
  };
}

function ebS3(c, ev) {
  const T = table(c);
  return {
    body: code`
      const bucket = ${ev}.detail.bucket.name;
      const key = ${ev}.detail.object.key;
      const size = ${ev}.detail.object.size ?? 0;
      if (size === 0) {
        ${log(c, 'warn', 'empty object', '{ bucket, key }')}
        return { skipped: true };
      }
      /*SINK*/
      await ${ddbPut(c, T, '{ pk: `OBJECT#${bucket}`, sk: key, size, requester: event.detail.requester, seenAt: event.time }'.replace(/event\./g, `${ev}.`))};
      return { key };`,
    src: { str: 'key', doc: 'String(key)' },
  };
}

function ebScheduled(c, ev) {
  const e = c.ent;
  const T = table(c);
  const chunk = helper(c, 'chunk');
  return {
    body: code`
      const cutoff = new Date(Date.parse(${ev}.time) - 30 * 24 * 3600 * 1000).toISOString();
      const candidates = ${ddbQuery(c, T, "'STATUS#expired'")};
      const stale = candidates.filter((item) => String(item.updatedAt ?? item.createdAt) < cutoff);
      let removed = 0;
      for (const group of ${chunk}(stale, 20)) {
        await Promise.all(group.map((item) => ${ddbDelete(c, T, '{ pk: item.pk, sk: item.sk }')}));
        removed += group.length;
      }
      ${log(c, 'info', `expired ${e.plural} removed`, `{ removed, cutoff, rule: ${ev}.resources?.[0] }`)}
      return { removed };`,
    src: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Cognito user pool triggers

function cognitoPostConfirmation(c, ev) {
  const users = envConst(c, 'USERS_TABLE');
  const group = envConst(c, 'DEFAULT_GROUP', 'members');
  useClient(c, '@aws-sdk/client-cognito-identity-provider', 'CognitoIdentityProviderClient', 'cognito');
  c.named('@aws-sdk/client-cognito-identity-provider', 'AdminAddUserToGroupCommand');
  return {
    body: code`
      if (${ev}.triggerSource !== 'PostConfirmation_ConfirmSignUp') {
        return ${ev};
      }
      const { userAttributes } = ${ev}.request;
      const profile = {
        pk: \`USER##{userAttributes.sub}\`,
        sk: 'PROFILE',
        email: userAttributes.email,
        displayName: userAttributes.name ?? ${ev}.userName,
        locale: userAttributes.locale ?? 'en',
        createdAt: new Date().toISOString(),
      };
      /*SINK*/
      await ${ddbPut(c, users, 'profile')};
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: ${ev}.userPoolId, Username: ${ev}.userName, GroupName: ${group} }));
      return ${ev};`,
    src: { str: `String(userAttributes.${c.rng.pick(['name', 'locale', 'nickname'])} ?? '')`, doc: "String(userAttributes['custom:profile'] ?? '')" },
  };
}

function cognitoPreSignUp(c, ev) {
  c.decl('DOMAINS', `const ALLOWED_DOMAINS = (process.env.ALLOWED_DOMAINS ?? 'example.com').split(',');`);
  return {
    body: code`
      const email = String(${ev}.request.userAttributes.email ?? '').toLowerCase();
      const domain = email.split('@')[1] ?? '';
      if (!ALLOWED_DOMAINS.includes(domain)) {
        ${log(c, 'warn', 'sign-up rejected', '{ domain }')}
        throw new Error('Sign-up is restricted to company accounts');
      }
      /*SINK*/
      ${ev}.response.autoConfirmUser = ${ev}.triggerSource === 'PreSignUp_AdminCreateUser';
      ${ev}.response.autoVerifyEmail = true;
      return ${ev};`,
    src: { str: `${ev}.userName`, doc: `String(${ev}.request.clientMetadata?.profile ?? '')` },
  };
}

function cognitoPreToken(c, ev) {
  const users = envConst(c, 'USERS_TABLE');
  return {
    body: code`
      const sub = ${ev}.request.userAttributes.sub;
      const memberships = ${ddbQuery(c, users, '`MEMBER#${sub}`')};
      const groups = memberships.map((m) => String(m.groupName)).filter(Boolean);
      const tenant = memberships[0]?.tenantId ?? 'default';
      /*SINK*/
      ${ev}.response = {
        claimsOverrideDetails: {
          claimsToAddOrOverride: { tenant: String(tenant), plan: String(memberships[0]?.plan ?? 'free') },
          groupOverrideDetails: { groupsToOverride: groups },
        },
      };
      return ${ev};`,
    src: { str: `String(${ev}.request.clientMetadata?.scope ?? '')`, doc: `String(${ev}.request.clientMetadata?.document ?? '')` },
  };
}

// ---------------------------------------------------------------------------------------------
// Direct invocation (Step Functions tasks, admin tools, other Lambdas)

function directReport(c, ev) {
  const e = c.ent;
  const T = table(c);
  const csvCell = helper(c, 'csvCell');
  const bucket = envConst(c, 'REPORTS_BUCKET');
  c.iface(
    'ReportRequest',
    code`
      interface ReportRequest {
        tenantId: string;
        from: string;
        to: string;
        format?: 'csv' | 'json';
      }`,
  );
  const cols = e.fields.map(([f]) => f);
  return {
    body: code`
      const { tenantId, from, to, format = 'csv' } = ${ev};
      if (!tenantId || !from || !to) {
        throw new Error('tenantId, from and to are required');
      }
      const items = ${ddbQuery(c, T, '`TENANT#${tenantId}`')};
      const inRange = items.filter((item) => String(item.createdAt) >= from && String(item.createdAt) <= to);
      /*SINK*/
      let body = '';
      if (format === 'json') {
        body = JSON.stringify(inRange, null, 2);
      } else {
        body = 'id,${cols.join(',')}\\n';
        for (const item of inRange) {
          body += [item.id, ${cols.map((f) => `item.${f}`).join(', ')}].map(${csvCell}).join(',') + '\\n';
        }
      }
      const key = \`reports/#{tenantId}/#{from}_#{to}.#{format}\`;
      await ${s3Write(c, bucket, 'key', 'body', 'text/csv')};
      return { bucket: ${bucket}, key, rows: inRange.length };`,
    src: { str: 'String(tenantId)', doc: `String(${ev}.template ?? '')` },
  };
}

function directAdmin(c, ev) {
  const e = c.ent;
  const T = table(c);
  const chunk = helper(c, 'chunk');
  return {
    body: code`
      const action = ${ev}.action;
      ${log(c, 'info', 'admin action', `{ action, requestedBy: ${ev}.requestedBy }`)}
      /*SINK*/
      switch (action) {
        case 'reindex': {
          const items = ${ddbQuery(c, T, `'${e.ENT}'`)};
          let touched = 0;
          for (const group of ${chunk}(items, 25)) {
            await Promise.all(group.map((item) => ${ddbUpdate(c, T, '{ pk: item.pk, sk: item.sk }', '{ reindexedAt: new Date().toISOString() }')}));
            touched += group.length;
          }
          return { action, touched };
        }
        case 'purge': {
          if (!${ev}.id) throw new Error('id is required');
          await ${ddbDelete(c, T, `{ pk: \`${e.ENT}##{${ev}.id}\`, sk: 'META' }`)};
          return { action, id: ${ev}.id };
        }
        default:
          throw new Error(\`unknown action #{String(action)}\`);
      }`,
    src: { str: `String(${ev}.${c.rng.pick(['filter', 'expression', 'id'])})`, doc: `String(${ev}.payload ?? '')` },
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Trigger catalogue: TypeScript event/record/result types, the field used for batch failures,
 * the Powertools batch event type, and the scenarios.
 */
export const TRIGGER_INFO = {
  s3: { event: 'S3Event', handlerType: 'S3Handler', record: 'S3EventRecord', scenarios: [s3Import, s3Thumbnail, s3Index], files: ['import-{plural}', 'thumbnail', 'index-uploads'] },
  sqs: { event: 'SQSEvent', handlerType: 'SQSHandler', record: 'SQSRecord', failureId: 'record.messageId', batch: 'EventType.SQS', scenarios: [sqsProcess, sqsNotify, sqsWebhook], files: ['process-{plural}', 'send-notifications', 'deliver-webhooks'] },
  sns: { event: 'SNSEvent', handlerType: 'SNSHandler', record: 'SNSEventRecord', scenarios: [snsAlerts, snsEnvelope], files: ['forward-alarms', 'record-uploads'] },
  'apigw-v1': { event: 'APIGatewayProxyEvent', handlerType: 'APIGatewayProxyHandler', result: 'APIGatewayProxyResult', scenarios: [apiGet, apiCreate, apiList, apiUpdate], files: ['get-{name}', 'create-{name}', 'list-{plural}', 'update-{name}'] },
  'apigw-v2': { event: 'APIGatewayProxyEventV2', handlerType: 'APIGatewayProxyHandlerV2', result: 'APIGatewayProxyStructuredResultV2', scenarios: [apiGet, apiCreate, apiList, apiUpdate], files: ['http-get-{name}', 'http-create-{name}', 'http-list-{plural}', 'http-update-{name}'] },
  alb: { event: 'ALBEvent', handlerType: 'ALBHandler', result: 'ALBResult', scenarios: [apiGet, apiCreate, apiList, apiUpdate], files: ['alb-get-{name}', 'alb-create-{name}', 'alb-list-{plural}', 'alb-update-{name}'] },
  dynamodb: { event: 'DynamoDBStreamEvent', handlerType: 'DynamoDBStreamHandler', record: 'DynamoDBRecord', failureId: 'record.dynamodb?.SequenceNumber ?? \'\'', batch: 'EventType.DynamoDBStreams', scenarios: [ddbAudit, ddbCounters], files: ['audit-{plural}', 'count-{name}-status'] },
  kinesis: { event: 'KinesisStreamEvent', handlerType: 'KinesisStreamHandler', record: 'KinesisStreamRecord', failureId: 'record.kinesis.sequenceNumber', batch: 'EventType.KinesisDataStreams', scenarios: [kinesisTelemetry, kinesisClickstream], files: ['aggregate-telemetry', 'forward-clickstream'] },
  eventbridge: { event: 'EventBridgeEvent<string, any>', handlerType: null, scenarios: [ebDomain, ebS3, ebScheduled], files: ['on-{name}-event', 'on-object-created', 'expire-{plural}'], eventTypes: ['EventBridgeEvent<string, any>', 'EventBridgeEvent<"Object Created", any>', 'ScheduledEvent'] },
  cognito: { event: 'PostConfirmationTriggerEvent', handlerType: null, scenarios: [cognitoPostConfirmation, cognitoPreSignUp, cognitoPreToken], files: ['post-confirmation', 'pre-sign-up', 'pre-token-generation'], eventTypes: ['PostConfirmationTriggerEvent', 'PreSignUpTriggerEvent', 'PreTokenGenerationTriggerEvent'] },
  direct: { event: 'ReportRequest', handlerType: null, scenarios: [directReport, directAdmin], files: ['generate-{name}-report', '{name}-admin'], eventTypes: ['ReportRequest', 'Record<string, any>'] },
};

export { entityInterface };
