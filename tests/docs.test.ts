/**
 * The examples in docs/rules/*.md are linted with the built plugin (dist/), so a doc can never
 * show a ❌ example the plugin does not report or a ✅ example it does.
 *
 * Every fenced `js`/`ts` block under a heading that says "Incorrect" (❌) or "Correct" (✅) is an
 * example; other blocks (config snippets, message text) are not. Each example is linted on its
 * own with the `recommended` config, honouring inline `/* eslint … *\/` option comments:
 * TypeScript as `handler.ts` with @typescript-eslint/parser, JavaScript as `handler.mjs`, or as
 * `handler.cjs` when it uses `require`/`exports` without an `import` declaration. The examples are
 * linted in an empty project (a package.json without dependencies), so js-yaml's version is unknown.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const DOCS = path.join(ROOT, 'docs', 'rules');
const PREFIX = 'serverless-security';
const REQUIRED_HEADINGS = ['## Rule details', '## Options', '## Known limitations'];

type Label = 'incorrect' | 'correct';

interface Example {
  readonly rule: string;
  readonly label: Label;
  readonly lang: 'js' | 'ts';
  readonly code: string;
  /** 1-based line of the opening fence in the doc. */
  readonly line: number;
  /** Position among the doc's examples with the same label, from 1. */
  readonly index: number;
}

interface Block {
  readonly lang: string;
  readonly label: Label | null;
  readonly code: string;
  readonly line: number;
}

/** Fenced blocks of a markdown file with the Incorrect/Correct heading they stand under. */
function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: Block[] = [];
  let label: Label | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^```(\S*)\s*$/.exec(line);
    if (fence) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
      blocks.push({ lang: fence[1]!, label, code: `${body.join('\n')}\n`, line: start + 1 });
      continue;
    }
    if (/^#{1,6}\s/.test(line)) {
      label = /\bIncorrect\b/.test(line) ? 'incorrect' : /\bCorrect\b/.test(line) ? 'correct' : null;
    }
  }
  return blocks;
}

const docFiles = fs
  .readdirSync(DOCS)
  .filter((file) => file.endsWith('.md'))
  .sort();

const docs = docFiles.map((file) => {
  const rule = file.slice(0, -'.md'.length);
  const text = fs.readFileSync(path.join(DOCS, file), 'utf8');
  const blocks = fencedBlocks(text);
  const counts: Record<Label, number> = { incorrect: 0, correct: 0 };
  const examples: Example[] = [];
  for (const block of blocks) {
    if (!block.label || (block.lang !== 'js' && block.lang !== 'ts')) continue;
    examples.push({ rule, label: block.label, lang: block.lang, code: block.code, line: block.line, index: ++counts[block.label] });
  }
  return { file, rule, text, blocks, examples };
});

/** `handler.cjs` for CommonJS examples, so `require`/`exports` mean what they do in Node. */
function fileName(example: Example): string {
  if (example.lang === 'ts') return 'handler.ts';
  const commonJs = /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(example.code) && !/^\s*import\s*[\w{*'"]/m.test(example.code);
  return commonJs ? 'handler.cjs' : 'handler.mjs';
}

// An empty project: nothing to resolve upwards (js-yaml's version stays unknown), no local modules.
const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), 'serverless-security-docs-'));
fs.writeFileSync(path.join(projectDir, 'package.json'), `${JSON.stringify({ name: 'doc-examples', private: true })}\n`);
afterAll(() => fs.rmSync(projectDir, { recursive: true, force: true }));

let eslint: ESLint | undefined;
function linter(): ESLint {
  if (!eslint) {
    // The built plugin, as users get it (npm test builds first).
    const plugin = createRequire(__filename)(path.join(ROOT, 'dist', 'index.js')) as { configs: Record<string, Linter.Config> };
    eslint = new ESLint({
      cwd: projectDir,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.recommended!, { files: ['**/*.ts'], languageOptions: { parser: tsParser } }],
    });
  }
  return eslint;
}

function describeMessages(messages: readonly Linter.LintMessage[]): string {
  return messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? 'parse error'}: ${m.message}`).join('\n') || '(none)';
}

describe.each(docs.map((doc) => [doc.file, doc] as const))('docs/rules/%s', (_file, { rule, text, blocks, examples }) => {
  it('has the required headings and a CWE link', () => {
    const lines = text.split(/\r?\n/).map((line) => line.trimEnd());
    for (const heading of REQUIRED_HEADINGS) expect(lines, `heading "${heading}"`).toContain(heading);
    expect(text).toMatch(/https:\/\/cwe\.mitre\.org\/data\/definitions\/\d+\.html/);
  });

  it('has at least one ❌ and one ✅ example', () => {
    expect(examples.filter((e) => e.label === 'incorrect').length, `${rule}: ❌ examples`).toBeGreaterThan(0);
    expect(examples.filter((e) => e.label === 'correct').length, `${rule}: ✅ examples`).toBeGreaterThan(0);
  });

  it('fences every example as js or ts', () => {
    const odd = blocks.filter((b) => b.label !== null && b.lang !== 'js' && b.lang !== 'ts').map((b) => `line ${b.line}: \`\`\`${b.lang}`);
    expect(odd, 'blocks under an Incorrect/Correct heading that would not be linted').toEqual([]);
  });
});

const allExamples = docs.flatMap((d) => d.examples);

describe('doc examples behave as documented', () => {
  it.each(allExamples.map((e) => [`${e.rule} ${e.label === 'incorrect' ? '❌' : '✅'} #${e.index} (line ${e.line})`, e] as const))('%s', async (_name, example) => {
    const [result] = await linter().lintText(example.code, { filePath: path.join(projectDir, fileName(example)) });
    const messages = result!.messages;
    const shown = `${example.rule}.md:${example.line} as ${fileName(example)}\n${describeMessages(messages)}`;
    expect(messages.filter((m) => m.fatal || m.ruleId === null), `parse errors in ${shown}`).toEqual([]);
    const plugin = messages.filter((m) => m.ruleId?.startsWith(`${PREFIX}/`));
    if (example.label === 'incorrect') {
      expect(plugin.length, `no finding for a ❌ example: ${shown}`).toBeGreaterThan(0);
      expect(messages.filter((m) => m.ruleId !== `${PREFIX}/${example.rule}`), `findings of other rules: ${shown}`).toEqual([]);
    } else {
      expect(plugin, `findings for a ✅ example: ${shown}`).toEqual([]);
    }
  });
});
