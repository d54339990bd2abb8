import fs from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/plugin.js';

/** Flows into relatively imported local modules are followed through their summaries. */
const dir = path.join(__dirname, '..', 'fixtures', 'crossfile');

function expected(file: string): string[] {
  return fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .flatMap((line, i) => (/\/\/ expect: ([\w-]+)/.exec(line) ? [`${/\/\/ expect: ([\w-]+)/.exec(line)![1]}@${i + 1}`] : []));
}

describe('cross-file summaries', () => {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.recommended as never, { files: ['**/*.ts'], languageOptions: { parser: tsParser } }],
  });

  for (const file of ['thumbnail.js', 'export.ts', 'barrel.ts', 'guarded.js']) {
    it(`${file}: sinks in local modules are reported at the handler's call`, async () => {
      const [result] = await eslint.lintFiles([path.join(dir, file)]);
      const got = result!.messages.map((m) => `${m.ruleId?.replace('serverless-security/', '')}@${m.line}`);
      expect(got).toEqual(expected(file));
    });
  }

  it('names the module and the sink line in the message', async () => {
    const [result] = await eslint.lintFiles([path.join(dir, 'thumbnail.js')]);
    expect(result!.messages[0]!.message).toBe(
      'S3 object key (`event.Records[].s3.object.key`, line 7) reaches child_process.exec() in ./lib/media.js (line 10) through `record` → `key` (line 7): OS command injection (CWE-78). Run the program with execFile()/spawn() and an argument array (no shell), and validate the value against an allow-list.',
    );
  });

  it('names a shared module relative to each file that imports it', async () => {
    // Summaries are cached per module: the path in the message must still follow the importer.
    const results = await eslint.lintFiles([path.join(dir, 'thumbnail.js'), path.join(dir, 'jobs', 'reindex.js')]);
    const byFile = new Map(results.map((r) => [path.relative(dir, r.filePath), r.messages.map((m) => /in (\S+) \(line \d+\)/.exec(m.message)?.[1])]));
    expect(byFile.get('thumbnail.js')).toEqual(['./lib/media.js', './lib/media.js', './lib/media.js']);
    expect(byFile.get(path.join('jobs', 'reindex.js'))).toEqual(['../lib/media.js']);
    expect(results[1]!.messages.map((m) => m.line)).toEqual(expected(path.join('jobs', 'reindex.js')).map((e) => Number(e.split('@')[1])));
  });

  it('library modules alone produce no findings', async () => {
    const results = await eslint.lintFiles([path.join(dir, 'lib')]);
    expect(results.flatMap((r) => r.messages)).toEqual([]);
  });
});
