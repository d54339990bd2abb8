/**
 * Cross-file summaries for relatively imported local modules (`import { run } from './lib/run.js'`,
 * `const db = require('../db')`).
 *
 * When a handler calls a function exported by a local module, that module is read and parsed
 * once with the same parser and scope analysis ESLint would use, and each
 * exported function is summarised: which parameter (at which access path) reaches which sink,
 * and what it returns in terms of its parameters. The handler's analysis applies the summary at
 * the call site, so `handler → ./lib/run.js → exec` is reported at the call in the handler.
 *
 * Bounded: one level deep (a summarised module's own local imports are not followed), files up
 * to 1 MB, and a per-parser cache of at most {@link MAX_CACHED} modules, invalidated by mtime and
 * size. Reads files, never writes them. Caches are WeakMaps keyed by the parser object, so a
 * long-lived editor process drops them with the configuration.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SourceCode } from 'eslint';
import * as eslintScope from 'eslint-scope';
import * as evk from 'eslint-visitor-keys';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { VisitorKeys } from './ast.js';
import { exportedFunctions, reExports, type ReExport } from './handlers/index.js';
import { findModuleRefs } from './modules/index.js';
import type { RegexVerdictCache } from './regex/index.js';
import type { ResolvedSettings } from './settings.js';
import { Engine, type ResolveContext } from './taint/engine.js';
import { assertedParams, isGuarded, type AssertedParam } from './taint/guards.js';
import { collectSinkUses, type SinkUse } from './taint/sinks.js';
import { CLEAN, flatten, type Budget } from './taint/values.js';
import { isCatastrophic, REGEX_LITERAL_START } from './regex/index.js';
import type { FunctionNode, ParamRef, Value } from './types.js';
import { familyBit } from './types.js';

/** A parameter of an exported function that reaches a sink inside the module. */
export interface ForeignSinkHit {
  readonly use: SinkUse;
  /** The exported function's parameter (and path) that reaches the sink. */
  readonly param: ParamRef;
  readonly line: number;
}

export interface ForeignFunction {
  readonly fn: FunctionNode;
  /** Return value in terms of `fn`'s parameters. */
  readonly ret: Value;
  readonly hits: readonly ForeignSinkHit[];
  /** Parameters the function asserts (throws unless valid): an imported guard. */
  readonly asserts: readonly AssertedParam[];
  /** Absolute path of the module (messages show it relative to the file being linted). */
  readonly file: string;
}

export type ModuleSummary = ReadonlyMap<string, ForeignFunction>;

const MAX_FILE_BYTES = 1_000_000;
const MAX_CACHED = 500;
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

/** Per-parser caches; the key object for the default parser when none is configured. */
const caches = new WeakMap<object, Map<string, CacheEntry>>();
const DEFAULT_PARSER_KEY = {};

/**
 * How long a resolution, and a module's size and modification time, are reused. Resolving probes
 * up to 20 paths, and a lint run asks the same questions for every handler of a service. Like
 * eslint-plugin-import's resolver cache, answers expire after a few seconds, so an editor session
 * sees a new or edited module that long after the change.
 */
const RESOLUTION_LIFETIME_MS = 5_000;
const resolutions = new Map<string, { readonly file: string | null; readonly at: number }>();

interface FileStamp {
  readonly mtimeMs: number;
  readonly size: number;
}
const stamps = new Map<string, { readonly stamp: FileStamp | null; readonly at: number }>();

/** Size and modification time of a regular file (null when there is none), reused for a few seconds. */
function stampOf(file: string): FileStamp | null {
  const now = Date.now();
  const cached = stamps.get(file);
  if (cached && now - cached.at < RESOLUTION_LIFETIME_MS) return cached.stamp;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  const stamp = stat?.isFile() ? { mtimeMs: stat.mtimeMs, size: stat.size } : null;
  remember(stamps, file, { stamp, at: now }, MAX_CACHED * 8);
  return stamp;
}

/** Resolves `./lib/run` from a file: exact, with an extension, `.js` → `.ts`, or `/index.*`. */
export function resolveLocalModule(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const now = Date.now();
  const cached = resolutions.get(base);
  if (cached && now - cached.at < RESOLUTION_LIFETIME_MS) return cached.file;
  const file = probe(base);
  remember(resolutions, base, { file, at: now }, MAX_CACHED * 4);
  return file;
}

/** Sets a cache entry, dropping the oldest once the cache holds `max` entries. */
function remember<V>(cache: Map<string, V>, key: string, value: V, max: number): void {
  if (cache.size >= max && !cache.has(key)) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}

/** Whether a cached entry still describes the file (same size and modification time). */
function isCurrent(entry: FileStamp, stat: FileStamp): boolean {
  return entry.mtimeMs === stat.mtimeMs && entry.size === stat.size;
}

function probe(base: string): string | null {
  const candidates = [base];
  // TypeScript's ESM convention (`./run.js` names `run.ts`) before the appended extensions.
  const jsExt = /\.(m|c)?jsx?$/.exec(base);
  if (jsExt) candidates.push(...['.ts', '.tsx', '.mts', '.cts'].map((ext) => base.slice(0, -jsExt[0].length) + ext));
  candidates.push(...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`)));
  // Probing without exceptions: most candidates do not exist, and a thrown ENOENT costs far more
  // than the stat itself.
  for (const file of candidates) if (stampOf(file)) return file;
  return null;
}

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Text-level verdicts per module file (no parse), invalidated by mtime and size. */
const textVerdicts = new Map<string, { readonly mtimeMs: number; readonly size: number; readonly models: object; readonly verdict: boolean }>();
const signalCache = new WeakMap<object, { readonly file: RegExp; readonly module: RegExp }>();

/**
 * Text signals of a sink: a modelled sink module or global, a computed `require`, a
 * string-compiling regex method (`match`, `matchAll`, `search`) or a dynamic import. A module's
 * text (`module`) also counts S3 GetObject (second-order content) and re-exports (a barrel is
 * judged by its targets, so it always counts); catastrophic regex literals are looked for
 * separately ({@link hasUnsafeRegexLiteral}). Over-approximate by design: a match only means the
 * file is looked at more closely.
 */
function signals(models: ResolvedSettings['models']): { readonly file: RegExp; readonly module: RegExp } {
  let cached = signalCache.get(models);
  if (!cached) {
    const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const modules = [...new Set(models.sinks.flatMap((sink) => sink.modules))].map(escape);
    const globalNames = new Set(models.sinks.filter((sink) => sink.modules.length === 0).map((sink) => sink.path[0]!));
    // `require('./db')` loads a constant module; only a computed specifier is the sink.
    const dynamicRequire = globalNames.delete('require');
    const globals = [...globalNames].map(escape);
    const sinks = [
      ...(modules.length > 0 ? [`['"\`](?:node:)?(?:${modules.join('|')})(?:['"\`/])`] : []),
      ...(globals.length > 0 ? [`\\b(?:${globals.join('|')})\\b`] : []),
      ...(dynamicRequire ? [String.raw`\brequire\s*\((?!\s*(['"])[^'"\n]*\1\s*\))`] : []),
      String.raw`\.(?:match|matchAll|search)\s*\(`,
      String.raw`\bimport\s*\(`,
    ];
    const moduleOnly = [
      // Second-order source: S3 object content read inside the module.
      String.raw`\bgetObject|\bGetObjectCommand\b`,
      String.raw`\bexport\b[^;]*\bfrom\b`,
      String.raw`module\.exports\s*=\s*require\b`,
    ];
    cached = { file: new RegExp(sinks.join('|'), 'm'), module: new RegExp([...sinks, ...moduleOnly].join('|'), 'm') };
    signalCache.set(models, cached);
  }
  return cached;
}

/**
 * Whether the text of the file being linted names a sink (module, global, computed `require`,
 * string-compiling regex method or dynamic import). Without one, and without a catastrophic regex
 * literal or a local module that shows a sink, the file cannot have a finding.
 */
export function textShowsSink(text: string, models: ResolvedSettings['models']): boolean {
  return signals(models).file.test(text);
}

const REGEX_START = new RegExp(REGEX_LITERAL_START.source, 'gm');
/** A slash after `)`: a division (`(a + b) / 2`) or a regex after a condition (`if (ok) /re/.test(s)`). */
const SLASH_AFTER_PAREN = /\)\s*\/(?![/*=])/g;

/**
 * Whether the text holds a regex literal that could backtrack catastrophically, found without
 * parsing: a literal that cannot be read to its end counts as unsafe (over-approximate). A module
 * whose regexes are all linear cannot turn them into ReDoS sinks.
 */
function hasUnsafeRegexLiteral(text: string): boolean {
  let readUpTo = 0;
  for (const match of text.matchAll(REGEX_START)) {
    // The match ends with the opening slash; one inside the previous literal is part of it.
    const slash = match.index + match[0].length - 1;
    if (slash < readUpTo) continue;
    const literal = readRegexLiteral(text, slash);
    if (!literal) return true;
    readUpTo = literal.end;
    if (isCatastrophic(literal.source, literal.flags)) return true;
  }
  // After `)` the slash is most often a division: only a literal that reads to its end counts.
  for (const match of text.matchAll(SLASH_AFTER_PAREN)) {
    const literal = readRegexLiteral(text, match.index + match[0].length - 1);
    if (literal && isCatastrophic(literal.source, literal.flags)) return true;
  }
  return false;
}

/** Reads `/source/flags` starting at the slash at `start` (classes and escapes honoured). */
function readRegexLiteral(text: string, start: number): { source: string; flags: string; end: number } | null {
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') return null;
    if (ch === '\\') i++;
    else if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) {
      const flags = /^[a-z]*/.exec(text.slice(i + 1, i + 10))![0];
      return { source: text.slice(start + 1, i), flags, end: i + 1 + flags.length };
    }
  }
  return null;
}

/**
 * Whether a local module imported by the linted file could contribute a finding to a file with
 * no sink of its own (read as text, without parsing). Unknown or unreadable modules: false (they
 * would not be summarised either).
 */
export function moduleMayReachSink(fromFile: string, specifier: string, settings: ResolvedSettings): boolean {
  if (!path.isAbsolute(fromFile)) return false;
  const file = resolveLocalModule(fromFile, specifier);
  if (!file || file === fromFile) return false;
  const stat = stampOf(file);
  if (!stat || stat.size > MAX_FILE_BYTES) return false;
  const cached = textVerdicts.get(file);
  if (cached && isCurrent(cached, stat) && cached.models === settings.models) return cached.verdict;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const verdict = signals(settings.models).module.test(text) || hasUnsafeRegexLiteral(text);
  remember(textVerdicts, file, { mtimeMs: stat.mtimeMs, size: stat.size, models: settings.models, verdict }, MAX_CACHED * 4);
  return verdict;
}

/** How deep re-exports (`export { x } from './y'` in an index barrel) are followed. */
const MAX_REEXPORT_DEPTH = 2;

/** The summary of a local module imported by the file being linted (null when unavailable). */
export function loadModuleSummary(context: Context, specifier: string, settings: ResolvedSettings, regexCache?: RegexVerdictCache): ModuleSummary | null {
  const from = context.physicalFilename;
  if (!from || !path.isAbsolute(from)) return null;
  const host: LoadHost = { languageOptions: context.languageOptions as unknown as Record<string, unknown>, settings, regexCache, root: from };
  return loadSummaryAt(host, from, specifier, 0);
}

interface LoadHost {
  readonly languageOptions: Record<string, unknown>;
  readonly settings: ResolvedSettings;
  readonly regexCache: RegexVerdictCache | undefined;
  /** The file being linted (messages name modules relative to it). */
  readonly root: string;
}

function loadSummaryAt(host: LoadHost, from: string, specifier: string, depth: number): ModuleSummary | null {
  const file = resolveLocalModule(from, specifier);
  if (!file || file === host.root) return null;
  const raw = rawSummary(host, file);
  if (!raw) return null;
  if (raw.reexports.length === 0 || depth >= MAX_REEXPORT_DEPTH) return raw.exports;
  // Barrels: merge what they re-export (resolved relative to the barrel, not the linted file).
  const merged = new Map(raw.exports);
  for (const re of raw.reexports) {
    const target = loadSummaryAt(host, file, re.specifier, depth + 1);
    if (!target) continue;
    if (re.names === null) {
      for (const [name, fn] of target) if (name !== 'default' && !merged.has(name)) merged.set(name, fn);
    } else {
      for (const [exported, imported] of re.names) {
        for (const [name, fn] of target) {
          // `export { Renderer } from './r'` also re-exports `Renderer#render`.
          if (name === imported || name.startsWith(`${imported}#`) || name.startsWith(`${imported}.`)) merged.set(exported + name.slice(imported.length), fn);
        }
      }
    }
  }
  return merged;
}

interface RawSummary {
  readonly exports: ModuleSummary;
  readonly reexports: readonly ReExport[];
}

interface CacheEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly raw: RawSummary | null;
}

function rawSummary(host: LoadHost, file: string): RawSummary | null {
  const stat = stampOf(file);
  if (!stat || stat.size > MAX_FILE_BYTES) return null;
  const key = (host.languageOptions.parser as object | undefined) ?? DEFAULT_PARSER_KEY;
  let cache = caches.get(key);
  if (!cache) {
    cache = new Map();
    caches.set(key, cache);
  }
  const cached = cache.get(file);
  if (cached && isCurrent(cached, stat)) return cached.raw;
  const raw = summariseFile(file, host.languageOptions, host.settings, host.regexCache);
  remember(cache, file, { mtimeMs: stat.mtimeMs, size: stat.size, raw }, MAX_CACHED);
  return raw;
}

function summariseFile(file: string, languageOptions: Record<string, unknown>, settings: ResolvedSettings, regexCache?: RegexVerdictCache): RawSummary | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const sourceCode = parseModule(file, text, languageOptions);
    return sourceCode ? { exports: summariseSource(sourceCode, settings, file, regexCache), reexports: reExports(sourceCode.ast) } : null;
  } catch {
    return null;
  }
}

interface ParserModule {
  parse?: (text: string, options: object) => TSESTree.Program;
  parseForESLint?: (text: string, options: object) => { ast: TSESTree.Program; scopeManager?: unknown; visitorKeys?: VisitorKeys; services?: object };
}

/**
 * Parses a module the way ESLint's JavaScript language does (the configured parser, its scope
 * manager or eslint-scope's, configured globals), without a nested `Linter`: no config
 * normalisation, code-path analysis or rule traversal, which cost more than the parse itself on
 * the small modules handlers import.
 */
function parseModule(file: string, text: string, languageOptions: Record<string, unknown>): TSESLint.SourceCode | null {
  const parser = languageOptions.parser as ParserModule | undefined;
  if (!parser) return null;
  const parserOptions = { ...(languageOptions.parserOptions as Record<string, unknown> | undefined) };
  // Type information is never needed, and a project-bound parse of another file can fail.
  delete parserOptions.project;
  delete parserOptions.projectService;
  const sourceType = file.endsWith('.cjs') || file.endsWith('.cts') ? 'commonjs' : file.endsWith('.mjs') || file.endsWith('.mts') ? 'module' : ((languageOptions.sourceType as string | undefined) ?? 'module');
  const ecmaVersion = languageOptions.ecmaVersion ?? 'latest';
  const options = { ...parserOptions, ecmaVersion, sourceType, range: true, loc: true, tokens: true, comment: true, filePath: file };
  let ast: TSESTree.Program;
  let scopeManager: unknown;
  let visitorKeys: VisitorKeys = evk.KEYS;
  let services: object = {};
  if (typeof parser.parseForESLint === 'function') {
    const result = parser.parseForESLint(text, options);
    ({ ast, scopeManager } = result);
    visitorKeys = result.visitorKeys ?? evk.KEYS;
    services = result.services ?? {};
  } else if (typeof parser.parse === 'function') {
    ast = parser.parse(text, options);
  } else {
    return null;
  }
  scopeManager ??= eslintScope.analyze(ast as never, {
    ignoreEval: true,
    nodejsScope: sourceType === 'commonjs',
    ecmaVersion: typeof ecmaVersion === 'number' ? ecmaVersion : 2022,
    sourceType: sourceType as 'module' | 'script' | 'commonjs',
    childVisitorKeys: visitorKeys as never,
    fallback: 'iteration',
  });
  setParents(ast, visitorKeys);
  const sourceCode = new SourceCode({ text, ast: ast as never, parserServices: services, scopeManager: scopeManager as never, visitorKeys: visitorKeys as never }) as unknown as TSESLint.SourceCode & {
    applyLanguageOptions?: (options: object) => void;
    finalize?: () => void;
  };
  // Configured and ecmaVersion globals (`eval`, `RegExp`, …) join the global scope, as in a lint.
  sourceCode.applyLanguageOptions?.({ ...languageOptions, sourceType });
  sourceCode.finalize?.();
  return sourceCode;
}

/** `node.parent`, which ESLint sets during its own traversal (iterative: no recursion limit). */
function setParents(root: TSESTree.Node, visitorKeys: VisitorKeys): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as TSESTree.Node).type === 'string') {
          (item as { parent: TSESTree.Node }).parent = node;
          stack.push(item as TSESTree.Node);
        }
      }
    }
  }
}

/** Summarises the exported functions of an already parsed module. Exposed for tests. */
export function summariseSource(sourceCode: TSESLint.SourceCode, settings: ResolvedSettings, file: string, regexCache?: RegexVerdictCache): ModuleSummary {
  const visitorKeys = sourceCode.visitorKeys as Record<string, readonly string[]>;
  const exported = exportedFunctions({ sourceCode, visitorKeys, extraNames: new Set() });
  const out = new Map<string, ForeignFunction>();
  if (exported.size === 0) return out;
  const budget: Budget = { exhausted: 0 };
  const modules = findModuleRefs(sourceCode, settings.models);
  const entries = new Set(exported.values());
  const engine = new Engine({ sourceCode, visitorKeys, modules, handlers: [], entries, budget, ...(regexCache ? { regexCache } : {}) });
  engine.run();
  const hits = new Map<FunctionNode, ForeignSinkHit[]>();
  const ctx: ResolveContext = {
    triggerOf: () => 'unknown',
    model: (id) => settings.model(id),
    fileHandlesS3: false,
    guardedAt: (node, names) => isGuarded(sourceCode, node, names),
  };
  for (const use of collectSinkUses(engine, sourceCode, modules.hits)) {
    const seen = new Set<string>();
    for (const value of use.values) {
      for (const r of engine.resolve(flatten(value, budget), familyBit(use.family), ctx)) {
        const sym = r.symbolic;
        if (!sym || isGuarded(sourceCode, use.node, [...r.names, ...r.texts])) continue;
        const key = `${sym.index}|${sym.path.join('.')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const list = hits.get(sym.fn) ?? [];
        list.push({ use, param: sym, line: use.node.loc.start.line });
        hits.set(sym.fn, list);
      }
    }
  }
  for (const [name, fn] of exported) {
    out.set(name, { fn, ret: engine.rets.get(fn) ?? CLEAN, hits: hits.get(fn) ?? [], asserts: assertedParams(sourceCode, fn), file });
  }
  return out;
}
