/**
 * Package-level checks: rule metadata, docs, configs and the built entry point agree with each
 * other. A rule added to `src/rules/index.ts` without a doc, a config or proper metadata fails here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/plugin.js';
import { rules } from '../src/rules/index.js';

const ROOT = path.resolve(__dirname, '..');
const DIST_ENTRY = path.join(ROOT, 'dist', 'index.js');
const PREFIX = 'serverless-security';
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

const ruleNames = Object.keys(rules).sort();
const docPath = (name: string): string => path.join(ROOT, 'docs', 'rules', `${name}.md`);

/** CWE ids each documented rule must link (DESIGN.md, "Rules"). New rules need at least one CWE link. */
const RULE_CWES: Record<string, readonly number[]> = {
  'no-command-injection': [78],
  'no-code-injection': [94, 95],
  'no-xxe': [611, 776],
  'no-unsafe-deserialization': [502],
  'no-redos': [1333, 730],
};

const TRIGGER_CONFIGS = ['s3', 'sqs', 'sns', 'api-gateway', 'dynamodb-streams', 'kinesis', 'eventbridge'] as const;
const GENERAL_CONFIGS = ['recommended', 'strict', 'all'] as const;

/** Every `properties` entry anywhere in a JSON schema, with its path, for the description check. */
function schemaProperties(schema: unknown, at = 'schema'): { at: string; property: Record<string, unknown> }[] {
  if (Array.isArray(schema)) return schema.flatMap((item, i) => schemaProperties(item, `${at}[${i}]`));
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const found: { at: string; property: Record<string, unknown> }[] = [];
  if (typeof node.properties === 'object' && node.properties !== null) {
    for (const [key, value] of Object.entries(node.properties as Record<string, unknown>)) {
      found.push({ at: `${at}.properties.${key}`, property: value as Record<string, unknown> });
      found.push(...schemaProperties(value, `${at}.properties.${key}`));
    }
  }
  for (const key of ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties'] as const) {
    if (node[key] !== undefined) found.push(...schemaProperties(node[key], `${at}.${key}`));
  }
  return found;
}

/** Lints an empty file with one rule and the given options; throws when the options fail the schema. */
function verifyOptions(name: string, options: readonly unknown[]): void {
  new Linter().verify('', {
    plugins: { [PREFIX]: plugin as never },
    rules: { [`${PREFIX}/${name}`]: ['error', ...options] as never },
  });
}

describe('rule index', () => {
  it('contains the rules whose names other tools rely on (DESIGN.md)', () => {
    expect(ruleNames).toEqual(expect.arrayContaining(Object.keys(RULE_CWES)));
  });

  it('names every rule no-<vulnerability> in kebab case', () => {
    for (const name of ruleNames) expect(name).toMatch(/^no-[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('has a doc for every rule and a rule for every doc', () => {
    const missing = ruleNames.filter((name) => !existsSync(docPath(name)));
    expect(missing, 'rules without docs/rules/<name>.md').toEqual([]);
    const docs = readdirSync(path.join(ROOT, 'docs', 'rules'))
      .filter((file) => file.endsWith('.md'))
      .map((file) => file.slice(0, -'.md'.length))
      .sort();
    expect(docs).toEqual(ruleNames);
  });
});

describe.each(ruleNames)('rule %s: metadata', (name) => {
  const rule = rules[name as keyof typeof rules];
  const { meta } = rule;

  it('is a problem rule whose description starts with "Disallow"', () => {
    expect(meta.type).toBe('problem');
    expect(meta.docs?.description).toMatch(/^Disallow /);
    expect(meta.docs?.description).not.toMatch(/\.$/);
  });

  it('links its doc file from meta.docs.url', () => {
    expect(meta.docs?.url).toMatch(/^https:\/\//);
    expect(meta.docs?.url?.endsWith(`docs/rules/${name}.md`)).toBe(true);
  });

  it('uses camelCase messageIds', () => {
    for (const id of Object.keys(meta.messages)) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  it('describes every schema property and closes every options object', () => {
    const properties = schemaProperties(meta.schema);
    expect(properties.length).toBeGreaterThan(0);
    for (const { at, property } of properties) {
      expect(typeof property.description === 'string' && property.description.length > 0, `${at} has a description`).toBe(true);
    }
    const objects = (Array.isArray(meta.schema) ? meta.schema : [meta.schema]) as Record<string, unknown>[];
    for (const object of objects.filter((s) => s.type === 'object')) expect(object.additionalProperties).toBe(false);
  });

  it('declares meta.defaultOptions, equal to the creator defaults and valid against the schema', () => {
    expect(meta.defaultOptions).toBeDefined();
    expect(meta.defaultOptions).toEqual(rule.defaultOptions);
    expect(() => verifyOptions(name, meta.defaultOptions ?? [])).not.toThrow();
    expect(() => verifyOptions(name, [{ notAnOption: true }])).toThrow(/notAnOption|additional properties/i);
  });
});

describe('configs', () => {
  const configNames = Object.keys(plugin.configs).sort();
  const expectedRules = Object.fromEntries(ruleNames.map((name) => [`${PREFIX}/${name}`, expect.anything() as unknown]));

  it('ships recommended, strict, all and one config per trigger type', () => {
    expect(configNames).toEqual([...GENERAL_CONFIGS, ...TRIGGER_CONFIGS].sort());
  });

  it.each(configNames)('%s is named serverless-security/<config> and references the plugin itself', (configName) => {
    const config = plugin.configs[configName as keyof typeof plugin.configs];
    expect(config.name).toBe(`${PREFIX}/${configName}`);
    expect(config.plugins?.[PREFIX]).toBe(plugin);
  });

  it.each(configNames)('%s enables exactly the plugin rules', (configName) => {
    const config = plugin.configs[configName as keyof typeof plugin.configs];
    expect(config.rules).toEqual(expectedRules);
    for (const [ruleId, entry] of Object.entries(config.rules ?? {})) {
      const severity: unknown = Array.isArray(entry) ? entry[0] : entry;
      expect([2, 'error'], `${ruleId} severity in ${configName}`).toContain(severity);
      const options = Array.isArray(entry) ? entry.slice(1) : [];
      expect(() => verifyOptions(ruleId.slice(PREFIX.length + 1), options), `${ruleId} options in ${configName}`).not.toThrow();
    }
  });

  it.each(TRIGGER_CONFIGS)('%s pins its trigger in settings', (configName) => {
    expect(plugin.configs[configName].settings).toEqual({ [PREFIX]: { trigger: configName } });
  });

  it.each(GENERAL_CONFIGS)('%s leaves the trigger to auto-detection', (configName) => {
    const settings = plugin.configs[configName].settings as Record<string, { trigger?: unknown } | undefined> | undefined;
    expect(settings?.[PREFIX]?.trigger).toBeUndefined();
  });

  it('strict and all admit lower-confidence findings; recommended does not', () => {
    const options = (configName: keyof typeof plugin.configs): unknown[] =>
      Object.values(plugin.configs[configName].rules ?? {}).map((entry) => (Array.isArray(entry) ? entry[1] : undefined));
    for (const option of options('recommended')) expect(option).toBeUndefined();
    for (const option of [...options('strict'), ...options('all')]) expect(option).toEqual({ checkLowConfidence: true });
  });

  it('applies each configuration its own options, file after file, in one Linter', () => {
    // The lower-confidence XXE flow (options not statically known) is reported only where
    // checkLowConfidence is on; the plugin resolves options itself (not RuleCreator), so a later
    // file linted with another configuration must not see the earlier one's options.
    const code = [
      "import libxmljs from 'libxmljs';",
      'export const handler = async (event) => {',
      "  const opts = JSON.parse(process.env.XML_OPTIONS ?? '{}');",
      '  return { statusCode: 200, body: libxmljs.parseXml(event.body, opts).toString() };',
      '};',
    ].join('\n');
    const linter = new Linter({ configType: 'flat' });
    const xxe = `${PREFIX}/no-xxe`;
    const lint = (config: unknown): string[] => linter.verify(code, [config as Linter.Config], { filename: 'handler.mjs' }).map((m) => m.ruleId ?? m.message);
    const own = (options?: object): unknown => ({ plugins: { [PREFIX]: plugin }, rules: { [xxe]: options ? ['error', options] : 'error' } });
    expect(lint(plugin.configs.recommended)).toEqual([]);
    expect(lint(plugin.configs.strict)).toEqual([xxe]);
    expect(lint(plugin.configs.recommended)).toEqual([]);
    expect(lint(own({}))).toEqual([]);
    expect(lint(own({ checkLowConfidence: true }))).toEqual([xxe]);
    expect(lint(own({ checkLowConfidence: false }))).toEqual([]);
    expect(lint(own())).toEqual([]);
  });
});

describe.each(ruleNames)('docs/rules/%s.md', (name) => {
  const read = (): string => readFileSync(docPath(name), 'utf8');

  it.each(['## Rule details', '## Options', '## Known limitations'])('has the heading "%s"', (heading) => {
    const lines = read().split(/\r?\n/).map((line) => line.trimEnd());
    expect(lines).toContain(heading);
  });

  it('links the rule CWEs on cwe.mitre.org', () => {
    const linked = [...read().matchAll(/https:\/\/cwe\.mitre\.org\/data\/definitions\/(\d+)\.html/g)].map((m) => Number(m[1]));
    expect(linked.length, 'at least one CWE link').toBeGreaterThan(0);
    expect(linked).toEqual(expect.arrayContaining([...(RULE_CWES[name] ?? [])]));
  });
});

describe('built entry point (dist/index.js)', () => {
  const requireFromHere = createRequire(__filename);

  it('exists (npm test builds first)', () => {
    expect(existsSync(DIST_ENTRY)).toBe(true);
  });

  it('require() yields the plugin object itself, in step with src/', () => {
    const built = requireFromHere(DIST_ENTRY) as typeof plugin;
    expect(Object.keys(built).sort()).toEqual(['configs', 'meta', 'rules']);
    expect(built.meta).toEqual({ name: pkg.name, version: pkg.version });
    expect(Object.keys(built.rules).sort()).toEqual(ruleNames);
    expect(Object.keys(built.configs).sort()).toEqual(Object.keys(plugin.configs).sort());
    for (const config of Object.values(built.configs)) expect(config.plugins?.[PREFIX]).toBe(built);
  });

  it('import() and require() give the same object, also through the package name (exports map)', () => {
    // A separate Node process: Node's own ESM/CJS interop, not vitest's module runner.
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(${JSON.stringify(pathToFileURL(path.join(ROOT, 'package.json')).href)});
      const required = require(${JSON.stringify(DIST_ENTRY)});
      const imported = await import(${JSON.stringify(pathToFileURL(DIST_ENTRY).href)});
      const byName = await import(${JSON.stringify(pkg.name)});
      const requiredByName = require(${JSON.stringify(pkg.name)});
      console.log(JSON.stringify({
        same: imported.default === required,
        sameByName: byName.default === required && requiredByName === required,
        rules: Object.keys(imported.default.rules).sort(),
        configs: Object.keys(imported.default.configs).sort(),
        pluginInConfigs: Object.values(imported.default.configs).every((c) => c.plugins['${PREFIX}'] === required),
      }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({
      same: true,
      sameByName: true,
      rules: ruleNames,
      configs: Object.keys(plugin.configs).sort(),
      pluginInConfigs: true,
    });
  });

  it('meta matches package.json', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version });
  });
});
