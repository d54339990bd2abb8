/**
 * End to end: every shipped config, loaded from the BUILT package (dist/index.js, as users get it),
 * run through the real `ESLint` API of both supported majors — ESLint 10 (`eslint`) and ESLint 9
 * (`eslint-v9`, an npm alias). `npm test` builds first.
 *
 * Out of scope here: linting with `--concurrency` worker threads (ESLint loads the plugin once per
 * worker); these tests use one in-process ESLint instance per config.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint as ESLint10, type Linter } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const DIST_ENTRY = path.join(ROOT, 'dist', 'index.js');
const PREFIX = 'serverless-security';

interface BuiltPlugin {
  rules: Record<string, unknown>;
  configs: Record<string, Linter.Config>;
}

type ESLintClass = typeof ESLint10;

const ENGINES: { label: string; major: number; ESLint: ESLintClass }[] = [
  { label: 'ESLint 10', major: 10, ESLint: ESLint10 },
  { label: 'ESLint 9', major: 9, ESLint: ESLint9 },
];

const GENERAL_CONFIGS = ['recommended', 'strict', 'all'] as const;
const TRIGGER_CONFIGS = ['s3', 'sqs', 'sns', 'api-gateway', 'dynamodb-streams', 'kinesis', 'eventbridge'] as const;
const ALL_CONFIGS = [...GENERAL_CONFIGS, ...TRIGGER_CONFIGS];

/** What a trigger-pinned config names as the source of `JSON.stringify(event)`. */
const PINNED_SOURCE: Record<(typeof TRIGGER_CONFIGS)[number], RegExp> = {
  s3: /^S3 object key /,
  sqs: /^SQS message body /,
  sns: /^SNS message /,
  'api-gateway': /^Request body /,
  'dynamodb-streams': /^DynamoDB stream new image /,
  kinesis: /^Kinesis record data /,
  eventbridge: /^EventBridge event detail /,
};

// ---------------------------------------------------------------------------------------------
// Inputs. Line numbers matter: the expectations below name them.

/** CommonJS S3 thumbnail handler: the object key reaches a RegExp and a shell. */
const S3_HANDLER_JS = `'use strict';
const { exec } = require('child_process');

exports.handler = async (event) => {
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\\+/g, ' '));
    const name = key.replace(/\\s+$/, '');
    if (new RegExp(key).test('thumbnails/')) continue;
    exec(\`convert /tmp/\${name} /tmp/thumb.png\`);
  }
};
`;

/** Typed TypeScript SQS handler: the message body reaches four sink families. */
const SQS_HANDLER_TS = `import type { SQSEvent, SQSHandler } from 'aws-lambda';
import { execSync } from 'node:child_process';
import serialize from 'node-serialize';
import libxmljs from 'libxmljs';

interface Job { name: string }

export const handler: SQSHandler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    const job = JSON.parse(record.body) as Job;
    execSync(\`process \${job.name}\`);
    const state: unknown = serialize.unserialize(record.body);
    const doc = libxmljs.parseXml(record.body, { noent: true });
    const total = eval(record.body) as number;
    console.log(state, doc, total);
  }
};
`;

/** Safe S3 handler: trusted bucket name, coerced size, allow-listed key, argument arrays (no shell). */
const SAFE_HANDLER_JS = `'use strict';
const { execFile } = require('child_process');

const SAFE_KEY = /^[\\w\\/.-]+$/;

exports.handler = async (event) => {
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = record.s3.object.key;
    const size = Number(record.s3.object.size);
    if (!SAFE_KEY.test(key)) throw new Error('unexpected key');
    execFile('convert', [\`/tmp/\${key}\`, '-resize', String(size > 1e6 ? 50 : 100), '/tmp/thumb.png']);
    execFile('aws', ['s3', 'cp', '/tmp/thumb.png', \`s3://\${bucket}/thumbnails/\`]);
  }
  return { statusCode: 200 };
};
`;

/** A handler whose trigger cannot be read from types or shapes: only a pinned trigger names it. */
const UNTYPED_HANDLER_JS = `const { exec } = require('child_process');
exports.handler = async (event) => {
  exec(\`notify \${JSON.stringify(event)}\`);
};
`;

/** `stageVariables` are deployment configuration for API Gateway, but payload for a direct invoke. */
const STAGE_VARIABLES_JS = `const { exec } = require('child_process');
exports.handler = async (event) => {
  exec('deploy ' + event.stageVariables.alias);
};
`;

const S3_RECOMMENDED = ['no-redos@8:9', 'no-command-injection@9:5'];
/** The polynomial `\s+$` on an S3 key (≤ 1024 bytes) is a lower-confidence finding: strict and all only. */
const S3_STRICT = ['no-redos@7:18', 'no-redos@8:9', 'no-command-injection@9:5'];
const SQS_ALL = ['no-command-injection@11:5', 'no-unsafe-deserialization@12:28', 'no-xxe@13:17', 'no-code-injection@14:19'];

// ---------------------------------------------------------------------------------------------

const requireFromHere = createRequire(__filename);
let plugin: BuiltPlugin;

beforeAll(() => {
  expect(existsSync(DIST_ENTRY), 'dist/index.js exists (run `npm run build`)').toBe(true);
  plugin = requireFromHere(DIST_ENTRY) as BuiltPlugin;
});

/** How a CommonJS Lambda project and a TypeScript one would configure parsing. */
const LANGUAGE_CONFIGS: Linter.Config[] = [
  { name: 'e2e/commonjs', files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
  { name: 'e2e/typescript', files: ['**/*.ts'], languageOptions: { parser: tsParser } },
];

function createESLint(ESLint: ESLintClass, configs: Linter.Config[]): ESLint10 {
  return new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: [...configs, ...LANGUAGE_CONFIGS] });
}

interface Linted {
  /** `rule@line:column`, rule without the plugin prefix. */
  found: string[];
  messages: ESLint10.LintResult['messages'];
}

async function lint(eslint: ESLint10, code: string, filePath: string): Promise<Linted> {
  const results = await eslint.lintText(code, { filePath });
  expect(results).toHaveLength(1);
  const [result] = results as [ESLint10.LintResult];
  expect(result.fatalErrorCount, `no fatal errors in ${filePath}: ${JSON.stringify(result.messages)}`).toBe(0);
  for (const message of result.messages) {
    expect(message.ruleId?.startsWith(`${PREFIX}/`), `only plugin rules report: ${message.ruleId}`).toBe(true);
    expect(message.severity).toBe(2);
  }
  return {
    found: result.messages.map((m) => `${(m.ruleId ?? '').slice(PREFIX.length + 1)}@${m.line}:${m.column}`),
    messages: result.messages,
  };
}

describe.each(ENGINES)('$label', ({ major, ESLint }) => {
  it(`is ESLint ${major}`, () => {
    expect(Number(ESLint.version.split('.')[0])).toBe(major);
  });

  describe.each(ALL_CONFIGS)('config %s', (configName) => {
    const eslint = (): ESLint10 => createESLint(ESLint, [plugin.configs[configName] as Linter.Config]);
    const lowConfidence = configName === 'strict' || configName === 'all';

    it('reports the vulnerable CommonJS S3 handler', async () => {
      const { found, messages } = await lint(eslint(), S3_HANDLER_JS, 'functions/thumbnail/handler.js');
      expect(found).toEqual(lowConfidence ? S3_STRICT : S3_RECOMMENDED);
      // Shapes identify the trigger whatever the config pins.
      for (const m of messages) expect(m.message).toMatch(/^S3 object key \(`event\.Records\[\]\.s3\.object\.key`, line 6\) reaches /);
      const exec = messages.find((m) => m.ruleId === `${PREFIX}/no-command-injection`);
      expect(exec?.message).toContain('child_process.exec()');
      expect(exec?.message).toContain('(CWE-78)');
    });

    it('reports the vulnerable TypeScript SQS handler', async () => {
      const { found, messages } = await lint(eslint(), SQS_HANDLER_TS, 'functions/jobs/handler.ts');
      expect(found).toEqual(SQS_ALL);
      // The aws-lambda type outranks any trigger a config pins.
      for (const m of messages) expect(m.message).toMatch(/^SQS message body \(`[^`]*\bevent\.Records\[\]\.body\b[^`]*`, line \d+\) reaches /);
    });

    it('reports nothing in the safe handler', async () => {
      const { found } = await lint(eslint(), SAFE_HANDLER_JS, 'functions/thumbnail/safe.js');
      expect(found).toEqual([]);
    });
  });

  describe.each(TRIGGER_CONFIGS)('trigger config %s', (configName) => {
    it('names the pinned trigger as the source when shapes say nothing', async () => {
      const eslint = createESLint(ESLint, [plugin.configs[configName] as Linter.Config]);
      const { found, messages } = await lint(eslint, UNTYPED_HANDLER_JS, 'functions/notify/handler.js');
      expect(found).toEqual(['no-command-injection@3:3']);
      expect(messages[0]?.message).toMatch(PINNED_SOURCE[configName]);
    });
  });

  it('reports the untyped handler under recommended (unknown trigger: the whole event is attacker data)', async () => {
    const eslint = createESLint(ESLint, [plugin.configs.recommended as Linter.Config]);
    const { found } = await lint(eslint, UNTYPED_HANDLER_JS, 'functions/notify/handler.js');
    expect(found).toEqual(['no-command-injection@3:3']);
  });

  it('trusts API Gateway stage variables only where the api-gateway config pins the trigger', async () => {
    const recommended = createESLint(ESLint, [plugin.configs.recommended as Linter.Config]);
    expect((await lint(recommended, STAGE_VARIABLES_JS, 'functions/deploy/handler.js')).found).toEqual(['no-command-injection@3:3']);
    const apiGateway = createESLint(ESLint, [plugin.configs['api-gateway'] as Linter.Config]);
    expect((await lint(apiGateway, STAGE_VARIABLES_JS, 'functions/deploy/handler.js')).found).toEqual([]);
  });

  it('combines recommended with a per-directory trigger config (the README pattern)', async () => {
    const eslint = createESLint(ESLint, [
      plugin.configs.recommended as Linter.Config,
      { ...(plugin.configs['api-gateway'] as Linter.Config), files: ['functions/api/**'] },
    ]);
    expect((await lint(eslint, STAGE_VARIABLES_JS, 'functions/api/handler.js')).found).toEqual([]);
    expect((await lint(eslint, STAGE_VARIABLES_JS, 'functions/worker/handler.js')).found).toEqual(['no-command-injection@3:3']);
  });

  describe('invalid settings', () => {
    const withSettings = (settings: Record<string, unknown>): ESLint10 =>
      createESLint(ESLint, [plugin.configs.recommended as Linter.Config, { name: 'e2e/settings', settings: { [PREFIX]: settings } }]);

    it('an unknown trigger makes ESLint throw an error naming `trigger` and the allowed values', async () => {
      const run = withSettings({ trigger: 'bogus' }).lintText(S3_HANDLER_JS, { filePath: 'functions/thumbnail/handler.js' });
      await expect(run).rejects.toThrow(/settings\['serverless-security'\]\.trigger must be one of "s3", "sqs", .*\(got "bogus"\)/);
      await expect(run).rejects.toThrow(/Occurred while linting .*handler\.js/);
    });

    it('throws even for a file without handlers (settings are never silently ignored)', async () => {
      const run = withSettings({ trigger: 'bogus' }).lintText('module.exports = { retries: 3 };\n', { filePath: 'lib/constants.js' });
      await expect(run).rejects.toThrow(/settings\['serverless-security'\]\.trigger must be one of/);
    });

    it('an unknown key makes ESLint throw an error naming the key', async () => {
      const run = withSettings({ triggers: 's3' }).lintText(S3_HANDLER_JS, { filePath: 'functions/thumbnail/handler.js' });
      await expect(run).rejects.toThrow(/settings\['serverless-security'\]\.triggers is not a known setting \(known: trigger, /);
    });
  });
});
