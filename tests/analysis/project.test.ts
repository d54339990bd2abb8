import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { majorOfRange } from '../../src/analysis/project.js';
import plugin from '../../src/plugin.js';

const HANDLER = `const yaml = require('js-yaml');
exports.handler = async (event) => {
  const config = yaml.load(event.body);
  return config;
};
`;

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

/** Lints the handler inside a throwaway project whose package.json declares `deps`. */
async function lint(deps: Record<string, string>, config: 'recommended' | 'strict'): Promise<string[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-project-'));
  roots.push(root);
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'fn', dependencies: deps }));
  fs.writeFileSync(path.join(root, 'handler.js'), HANDLER);
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs[config] as never, { languageOptions: { sourceType: 'commonjs' } }] });
  const [result] = await eslint.lintFiles(['handler.js']);
  return result!.messages.map((m) => `${m.ruleId}@${m.line}`);
}

describe('version-aware js-yaml load()', () => {
  it('js-yaml 3 declared: load() without a schema is unsafe', async () => {
    expect(await lint({ 'js-yaml': '^3.14.1' }, 'recommended')).toEqual(['serverless-security/no-unsafe-deserialization@3']);
  });
  it('js-yaml 4 declared: load() is safe', async () => {
    expect(await lint({ 'js-yaml': '^4.1.0' }, 'strict')).toEqual([]);
  });
  it('unknown version: only the strict config reports it', async () => {
    expect(await lint({}, 'recommended')).toEqual([]);
    expect(await lint({}, 'strict')).toEqual(['serverless-security/no-unsafe-deserialization@3']);
  });
  it('parses version ranges', () => {
    expect(['^3.14.1', '~4.1.0', '3.x', '>=3.0.0', 'npm:js-yaml@^3.0.0', 'latest', '4'].map(majorOfRange)).toEqual([3, 4, 3, 3, 3, null, 4]);
  });
});
