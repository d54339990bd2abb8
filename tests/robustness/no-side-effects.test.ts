/**
 * The plugin never writes files, opens network connections or starts processes while linting.
 * A child process (`_side-effects-child.cjs`) loads ESLint and the built plugin, then traps the
 * fs write APIs (sync, callback and promise forms, `createWriteStream`, `open` for writing), the
 * network APIs (`net`, `tls`, `http(s)`, `http2`, `dns`, `dgram`, `fetch`) and `child_process`,
 * lints the fixture corpus (cross-file summaries and package.json lookups read files: allowed)
 * and reports every trapped call. A static check backs it up: the built files import nothing
 * but `fs`, `path`, ESLint and the declared dependencies, so no API can be reached by a binding
 * taken before the traps were installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as espree from 'espree';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'handlers');
// The self-check's misbehaving rule runs on one fixture only.
const SELF_TEST_FIXTURE = 's3-thumbnail-exec-key.ts';
const CHILD = path.join(__dirname, '_side-effects-child.cjs');

interface Report {
  recorded: { api: string; arg: string; stack: string[] }[];
  files?: number;
  findings?: number;
  fatal?: string[];
  error?: string;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : [],
  );
}

describe('side effects while linting', () => {
  // Linting the whole fixture corpus triggers no write, connection or process spawn.
  it('writes no file, opens no connection, spawns no process', () => {
    const child = spawnSync(process.execPath, [CHILD, FIXTURES], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(child.error).toBeUndefined();
    const report = JSON.parse(child.stdout || '{}') as Report;
    expect(report.error, child.stderr).toBeUndefined();
    expect(report.recorded).toEqual([]);
    // The traps were armed during a real lint of the corpus.
    expect(report.files).toBeGreaterThan(100);
    expect(report.findings).toBeGreaterThan(50);
    expect(report.fatal).toEqual([]);
  }, 150_000);

  // Harness self-check: a rule that writes, connects, resolves, fetches and spawns is caught.
  it('catches a misbehaving rule', () => {
    expect(existsSync(path.join(FIXTURES, SELF_TEST_FIXTURE))).toBe(true);
    const child = spawnSync(process.execPath, [CHILD, FIXTURES, '--self-test', SELF_TEST_FIXTURE], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const report = JSON.parse(child.stdout || '{}') as Report;
    expect(report.error, child.stderr).toBeUndefined();
    expect(report.recorded.map((r) => r.api)).toEqual([
      'fs.writeFileSync',
      'fs.promises.mkdir',
      'fs.openSync(w)',
      'net.Socket.prototype.connect',
      'https.get',
      'dns.lookup',
      'fetch',
      'child_process.execSync',
    ]);
  }, 150_000);

  // Every require() in dist/ names fs, path, ESLint, a declared dependency or a relative file.
  it('imports only fs, path, ESLint and its declared dependencies', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const allowed = new Set(['node:fs', 'node:path', 'eslint', ...Object.keys(manifest.dependencies)]);
    const imported = new Set<string>();
    for (const file of jsFiles(path.join(ROOT, 'dist'))) {
      // Parsed, so that module names in comments and strings do not count.
      const ast = espree.parse(readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'script' }) as unknown;
      const stack: unknown[] = [ast];
      while (stack.length > 0) {
        const node = stack.pop();
        if (!node || typeof node !== 'object') continue;
        const n = node as { type?: string; callee?: { type: string; name?: string }; arguments?: { type: string; value?: unknown }[]; source?: unknown };
        if (n.type === 'CallExpression' && n.callee?.type === 'Identifier' && n.callee.name === 'require') {
          const arg = n.arguments?.[0];
          expect(arg?.type, `require() with a literal in ${path.relative(ROOT, file)}`).toBe('Literal');
          const spec = String(arg?.value);
          if (!spec.startsWith('.')) imported.add(spec);
        }
        expect(n.type, `no dynamic import() in ${path.relative(ROOT, file)}`).not.toBe('ImportExpression');
        for (const value of Object.values(node)) if (value && typeof value === 'object') stack.push(value);
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    expect([...imported].filter((s) => !allowed.has(s))).toEqual([]);
  });
});
