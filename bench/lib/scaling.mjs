// Single large TypeScript files for the scaling measurement: a block of shared helpers (called
// from every handler, so their parameters see every call site) followed by as many "units" as
// needed to reach the target size. Each unit is an exported handler with a chain of helpers
// (normalise → describe → build arguments → enrich → store), loops and string building; some
// units end in a command sink (vulnerable or safe).
import { code } from './source.mjs';
import { Rng } from './prng.mjs';

const SHARED = code`
  import { exec, execFile } from 'node:child_process';
  import { promisify } from 'node:util';
  import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
  import { DynamoDBDocumentClient, PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
  import { Logger } from '@aws-lambda-powertools/logger';
  import type { SQSEvent, S3Event, SNSEvent, APIGatewayProxyEvent, APIGatewayProxyResult, KinesisStreamEvent, EventBridgeEvent } from 'aws-lambda';

  const execAsync = promisify(exec);
  const execFileAsync = promisify(execFile);
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const logger = new Logger({ serviceName: 'monolith' });
  const TABLE_NAME = process.env.TABLE_NAME ?? 'jobs';
  const MAX_TAGS = 16;

  function formatLine(parts: unknown[], separator = ' | '): string {
    let line = '';
    for (const part of parts) {
      if (part === undefined || part === null) continue;
      line += line ? separator + String(part) : String(part);
    }
    return line;
  }

  function toKey(prefix: string, id: string): string {
    return \`#{prefix.toUpperCase()}##{id}\`;
  }

  function safeJson<T>(text: string, fallback: T): T {
    try {
      return JSON.parse(text) as T;
    } catch {
      return fallback;
    }
  }

  function clampTags(tags: unknown): string[] {
    if (!Array.isArray(tags)) return [];
    const out: string[] = [];
    for (const tag of tags) {
      if (typeof tag === 'string' && tag.length > 0) out.push(tag);
      if (out.length >= MAX_TAGS) break;
    }
    return out;
  }

  async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
    let last: unknown;
    for (let i = 0; i < attempts; i++) {
      try {
        return await fn();
      } catch (err) {
        last = err;
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** i));
      }
    }
    throw last;
  }

  async function storeItem(pk: string, item: Record<string, unknown>): Promise<void> {
    await withRetry(() => ddb.send(new PutCommand({ TableName: TABLE_NAME, Item: { pk, ...item } })));
  }

  async function loadItem(pk: string): Promise<Record<string, unknown> | undefined> {
    const res = await ddb.send(new GetCommand({ TableName: TABLE_NAME, Key: { pk } }));
    return res.Item;
  }

  function respond(statusCode: number, body: unknown): APIGatewayProxyResult {
    return { statusCode, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  }`;

/** Trigger preambles: how a unit's handler gets `rawName`, `rawTags` and `rawSize` from its event. */
const TRIGGERS = [
  {
    type: 'SQSEvent',
    loop: true,
    pre: (k) => code`
      const message = safeJson<Record<string, unknown>>(record.body, {});
      const rawName = String(message.name ?? 'unnamed-${k}');
      const rawTags = clampTags(message.tags);
      const rawSize = Number(message.size ?? 0);`,
  },
  {
    type: 'S3Event',
    loop: true,
    pre: () => code`
      const objectKey = decodeURIComponent(record.s3.object.key.replace(/\\+/g, ' '));
      const rawName = objectKey.split('/').pop() ?? objectKey;
      const rawTags = objectKey.split('/').slice(0, -1);
      const rawSize = record.s3.object.size;`,
  },
  {
    type: 'SNSEvent',
    loop: true,
    pre: () => code`
      const note = safeJson<{ name?: string; tags?: string[]; size?: number }>(record.Sns.Message, {});
      const rawName = note.name ?? record.Sns.Subject ?? 'notification';
      const rawTags = clampTags(note.tags);
      const rawSize = note.size ?? 0;`,
  },
  {
    type: 'KinesisStreamEvent',
    loop: true,
    pre: () => code`
      const decoded = Buffer.from(record.kinesis.data, 'base64').toString('utf8');
      const payload = safeJson<Record<string, unknown>>(decoded, {});
      const rawName = String(payload.name ?? record.kinesis.partitionKey);
      const rawTags = clampTags(payload.tags);
      const rawSize = decoded.length;`,
  },
  {
    type: 'APIGatewayProxyEvent',
    loop: false,
    pre: () => code`
      const query = event.queryStringParameters ?? {};
      const body = safeJson<Record<string, unknown>>(event.body ?? '{}', {});
      const rawName = String(query.name ?? body.name ?? '');
      const rawTags = clampTags(body.tags ?? (query.tags ?? '').split(','));
      const rawSize = Number(query.size ?? 0);`,
  },
  {
    type: 'EventBridgeEvent<string, Record<string, any>>',
    loop: false,
    pre: () => code`
      const detail = event.detail ?? {};
      const rawName = String(detail.name ?? event['detail-type']);
      const rawTags = clampTags(detail.tags);
      const rawSize = Number(detail.size ?? 0);`,
  },
];

const TOOLS = ['ffprobe', 'identify', 'pdfinfo', 'file', 'gzip', 'tar', 'sha256sum'];

function unit(k, rng) {
  const trig = TRIGGERS[k % TRIGGERS.length];
  const tool = rng.pick(TOOLS);
  const sink = k % 9 === 4 ? 'exec' : k % 3 === 0 ? 'execFile' : k % 5 === 1 ? 'regex' : 'none';
  const sinkCode =
    sink === 'exec'
      ? code`
          const { stdout } = await execAsync(\`${tool} #{args}\`);
          logger.debug('tool output', { unit: ${k}, bytes: stdout.length });`
      : sink === 'execFile'
        ? code`
            const { stdout } = await execFileAsync('${tool}', args.split(' '));
            logger.debug('tool output', { unit: ${k}, bytes: stdout.length });`
        : sink === 'regex'
          ? code`
              if (!/^[a-z0-9][a-z0-9._-]{0,127}$/i.test(name)) {
                logger.warn('rejected name', { unit: ${k} });
              }`
          : '';
  const work = code`
    ${trig.pre(k)}
    const name = normalize${k}(rawName);
    const job: Job${k} = { id: toKey('job${k}', name), name, tags: rawTags, size: rawSize };
    const enriched = enrich${k}(job);
    const args = buildArgs${k}(name, job.tags);
    ${sinkCode}
    const existing = await loadItem(job.id);
    const line = formatLine([enriched.label, existing ? 'update' : 'create', rawSize]);
    await store${k}(enriched, line);
    total += enriched.size;`;
  const handler = trig.loop
    ? code`
        export const handler${k} = async (event: ${trig.type}): Promise<void> => {
          let total = 0;
          for (const record of event.Records) {
            ${work}
          }
          logger.info('unit ${k} done', { records: event.Records.length, total });
        };`
    : code`
        export const handler${k} = async (event: ${trig.type})${trig.type.startsWith('API') ? ': Promise<APIGatewayProxyResult>' : ''} => {
          let total = 0;
          ${work}
          logger.info('unit ${k} done', { total });
          ${trig.type.startsWith('API') ? 'return respond(200, { total });' : 'return { total };'}
        };`;
  return code`
    // ---------------------------------------------------------------- unit ${k}

    interface Job${k} {
      id: string;
      name: string;
      tags: string[];
      size: number;
    }

    function normalize${k}(input: string): string {
      return input.trim().replace(/\\s+/g, '-').toLowerCase().slice(0, 128);
    }

    function describe${k}(job: Job${k}): string {
      let text = \`job #{job.id}\`;
      for (const tag of job.tags) {
        text += \` ##{tag}\`;
      }
      if (job.size > 1024 * 1024) {
        text += \` (#{(job.size / 1024 / 1024).toFixed(1)} MiB)\`;
      } else {
        text += \` (#{job.size} bytes)\`;
      }
      return text;
    }

    function buildArgs${k}(name: string, tags: string[]): string {
      const parts = [\`--name=#{name}\`];
      for (let i = 0; i < tags.length; i++) {
        parts.push(\`--tag=#{normalize${k}(tags[i] ?? '')}\`);
      }
      return parts.join(' ');
    }

    function enrich${k}(job: Job${k}): Job${k} & { label: string; createdAt: string } {
      return { ...job, label: describe${k}(job), createdAt: new Date().toISOString() };
    }

    async function store${k}(job: Job${k} & { label: string }, line: string): Promise<void> {
      await storeItem(job.id, { ...job, line, unit: ${k} });
    }

    ${handler}`;
}

/** A TypeScript file of at least `targetLines` lines; returns { text, lines, units }. */
export function buildScalingFile(targetLines, seed) {
  const rng = new Rng(seed);
  const parts = [`// Generated scaling benchmark file (~${targetLines} lines): shared helpers and many handler units.`, SHARED];
  let lines = parts.join('\n\n').split('\n').length;
  let k = 0;
  while (lines < targetLines) {
    const u = unit(k, rng);
    parts.push(u);
    lines += u.split('\n').length + 1;
    k += 1;
  }
  const text = `${parts.join('\n\n').replace(/#\{/g, '${')}\n`;
  return { text, lines: text.split('\n').length - 1, units: k };
}
