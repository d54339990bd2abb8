/**
 * The engine's only entry point for rules: `getFileAnalysis(context)` runs the layered analysis
 * once per file (module references → handlers → taint → findings), caches it in a WeakMap keyed
 * on the SourceCode, and every rule asks it for its family's findings.
 *
 * Cheap exits, cheapest first: a file whose text names no sink, holds no catastrophic regex
 * literal and imports no local module whose text shows a sink costs a few text checks (its
 * handlers are found only if asked for); a file without handlers costs a look at its exports; one
 * whose sinks can only receive constants costs one pass of the ReferenceTracker. When a local
 * module's text shows a sink, the (cached) summaries of the exports the file imports decide.
 */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName } from './ast.js';
import { findHandlers, type HandlerInfo } from './handlers/index.js';
import { findModuleRefs } from './modules/index.js';
import { resolveSettings, type ResolvedSettings } from './settings.js';
import { loadModuleSummary, moduleMayReachSink, textShowsSink, type ModuleSummary } from './crossfile.js';
import { Engine, type ResolveContext } from './taint/engine.js';
import { isGuarded, LENGTH_TAG, NO_DTD_TAG, type AssertedParam } from './taint/guards.js';
import { collectSinkUses, type SinkEnvironment, type SinkUse } from './taint/sinks.js';
import { packageEnvironment } from './project.js';
import { isCatastrophic, type RegexVerdictCache } from './regex/index.js';
import { BOUNDED_BIT, flatten, fromOrigins, substitute, type Budget } from './taint/values.js';
import type { Family, Finding, FunctionNode, Origin, TriggerId, Value } from './types.js';
import { familyBit } from './types.js';

export { messageData, type MessageData } from './report/index.js';
export { resolveSettings, SETTINGS_KEY } from './settings.js';
export type { Family, Finding, TriggerId } from './types.js';

export interface FileAnalysis {
  readonly handlers: readonly HandlerInfo[];
  /** Trigger per handler function. */
  readonly triggers: ReadonlyMap<FunctionNode, TriggerId>;
  readonly findings: readonly Finding[];
  /** How often a bound was hit (the analysis went silent for those flows). */
  readonly budget: Readonly<Budget>;
  /** Whether the fixed point converged within its pass budget. */
  readonly converged: boolean;
}

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const cache = new WeakMap<object, FileAnalysis>();
/** Regex verdicts per parser object: shared across files, dropped with the configuration. */
const regexCaches = new WeakMap<object, RegexVerdictCache>();
const DEFAULT_PARSER_KEY = {};

/** Findings of one family for the file being linted. */
export function getFindings(context: Context, family: Family): Finding[] {
  return getFileAnalysis(context).findings.filter((f) => f.family === family);
}

export function getFileAnalysis(context: Context): FileAnalysis {
  const sourceCode = context.sourceCode;
  const settings = resolveSettings(context.settings);
  const cached = cache.get(sourceCode);
  if (cached) return cached;
  const parserKey = ((context.languageOptions as { parser?: object }).parser ?? DEFAULT_PARSER_KEY);
  let regexCache = regexCaches.get(parserKey);
  if (!regexCache) {
    regexCache = new Map();
    regexCaches.set(parserKey, regexCache);
  }
  const analysis = analyse(sourceCode, settings, {
    foreign: (specifier) => loadModuleSummary(context, specifier, settings, regexCache),
    env: packageEnvironment(context.physicalFilename),
    regexCache,
    filename: context.physicalFilename,
    mayReachSink: (specifier) => moduleMayReachSink(context.physicalFilename, specifier, settings),
  });
  cache.set(sourceCode, analysis);
  return analysis;
}

const EMPTY: Omit<FileAnalysis, 'handlers'> = { triggers: new Map(), findings: [], budget: { exhausted: 0 }, converged: true };

/** No finding is possible: the handlers are found only if someone asks (tests, tools). */
function withoutFindings(handlersOf: () => HandlerInfo[]): FileAnalysis {
  let handlers: HandlerInfo[] | undefined;
  return {
    ...EMPTY,
    get handlers(): HandlerInfo[] {
      return (handlers ??= handlersOf());
    },
  };
}

/** Runs the whole analysis on one file. Exposed for engine tests. */
/** What the analysis may use beyond the file itself (all optional, for tests). */
export interface AnalysisHost {
  readonly foreign?: (specifier: string) => ModuleSummary | null;
  readonly env?: SinkEnvironment;
  readonly regexCache?: RegexVerdictCache;
  /** The file being linted (local modules are named relative to it). */
  readonly filename?: string;
  /** Whether a local module could contribute a finding (text check, no parse); default: yes. */
  readonly mayReachSink?: (specifier: string) => boolean;
}

export function analyse(sourceCode: TSESLint.SourceCode, settings: ResolvedSettings, host: AnalysisHost = {}): FileAnalysis {
  const { foreign, env, regexCache, filename } = host;
  const visitorKeys = sourceCode.visitorKeys as Record<string, readonly string[]>;
  const handlersOf = (): HandlerInfo[] => findHandlers({ sourceCode, visitorKeys, extraNames: settings.handlers });
  const text = sourceCode.text;
  const specifiers = foreign ? localModules(text) : [];
  const mayCallLocalModule = specifiers.length > 0;
  const mayReach = (specifier: string): boolean => host.mayReachSink?.(specifier) ?? true;
  // Cheapest exit, before handlers are even looked for: the text names no sink, holds no
  // catastrophic regex literal, and imports no local module whose text shows a sink.
  let regexSinks: boolean | undefined;
  const usesRegex = (): boolean => (regexSinks ??= mayUseRegex(sourceCode, regexCache));
  const textSinks = textShowsSink(text, settings.models) || usesRegex();
  const signalled = textSinks ? null : specifiers.filter(mayReach);
  if (signalled?.length === 0) return withoutFindings(handlersOf);
  const handlers = handlersOf();
  if (handlers.length === 0) return { ...EMPTY, handlers };
  const modules = findModuleRefs(sourceCode, settings.models, env);
  // Cheap exit: no sink in this file can receive data, and no imported local module has one. A
  // module whose text shows a sink is judged by its summary (cached across files): a finding then
  // needs an exported function whose parameter reaches that sink, or that hands back a sink.
  const localSinks = modules.hasSinks || usesRegex() || /\bimport\s*\(/.test(text);
  if (!localSinks) {
    const used = signalled ?? specifiers.filter(mayReach);
    const names = used.length > 0 && foreign ? importedNames(sourceCode) : null;
    if (!used.some((specifier) => !names || summaryMayContribute(foreign?.(specifier) ?? null, names.get(specifier) ?? ALL, regexCache))) return { ...EMPTY, handlers };
  }

  const options = { sourceCode, visitorKeys, modules, handlers, ...(regexCache ? { regexCache } : {}), ...(mayCallLocalModule ? { foreign, ...(host.mayReachSink ? { foreignMayMatter: host.mayReachSink } : {}) } : {}) };
  // First without summaries of sink-free local modules (parsing them is the dearest step): if no
  // over-approximated call result reaches a sink, they could not have changed any finding.
  const runEngine = (approximateForeign: boolean): { engine: Engine; budget: Budget; uses: SinkUse[] } => {
    const budget: Budget = { exhausted: 0 };
    const engine = new Engine({ ...options, budget, approximateForeign });
    engine.run();
    return { engine, budget, uses: [...collectSinkUses(engine, sourceCode, modules.hits, env), ...foreignSinkUses(engine, budget, filename)] };
  };
  const approximate = mayCallLocalModule && host.mayReachSink !== undefined;
  let run = runEngine(approximate);
  if (approximate && (!run.engine.converged || run.budget.exhausted > 0 || run.uses.some((use) => use.values.some((v) => hasApprox(flatten(v, run.budget), 0))))) {
    run = runEngine(false);
  }
  const { engine, budget, uses } = run;

  const assertsOf = (id: TSESTree.Identifier): readonly AssertedParam[] | null => engine.foreignAsserts(id);
  const triggers = new Map<FunctionNode, TriggerId>();
  for (const h of handlers) {
    triggers.set(h.fn, h.typedTrigger ?? detectTrigger(engine.eventPaths.get(h.fn)) ?? settings.trigger ?? 'unknown');
  }
  const ctx: ResolveContext = {
    triggerOf: (fn) => triggers.get(fn) ?? settings.trigger ?? 'unknown',
    model: (id) => settings.model(id),
    fileHandlesS3: [...triggers.values()].includes('s3'),
    guardedAt: (node, names) => isGuarded(sourceCode, node, names, [], assertsOf),
  };

  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const use of uses) {
    const key = `${use.family}|${use.node.range[0]}`;
    if (reported.has(key)) continue;
    // Polynomial backtracking is harmless on length-bounded input (slice(0, N), length guards).
    const polynomial = use.redosKind === 'polynomial';
    const mask = familyBit(use.family) | (polynomial ? BOUNDED_BIT : 0);
    for (const value of use.values) {
      const tags = [...(polynomial ? [LENGTH_TAG] : []), ...(use.family === 'xxe' ? [NO_DTD_TAG] : [])];
      const sources = engine.resolve(flatten(value, budget), mask, ctx).filter((s) => !isGuarded(sourceCode, use.node, [...s.names, ...s.texts], tags, assertsOf));
      const source = sources[0];
      if (!source) continue;
      const bounded = use.redosKind === 'polynomial' && BOUNDED_SOURCES.test(source.label);
      findings.push({
        family: use.family,
        node: use.node,
        sink: use.sink,
        source: { label: source.label, path: source.path, line: source.line },
        steps: source.steps,
        confidence: bounded ? 'low' : use.confidence,
        ...(use.detail ? { detail: use.detail } : {}),
        ...(use.redosKind ? { redosKind: use.redosKind } : {}),
      });
      reported.add(key);
      break;
    }
  }
  findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
  return { handlers, triggers, findings, budget, converged: engine.converged };
}

/**
 * Sinks inside local modules, reached through a call in this file: the summary says which
 * parameter (at which path) reaches the sink; the argument at the call site is what must be clean.
 */
function foreignSinkUses(engine: Engine, budget: Budget, filename: string | undefined): SinkUse[] {
  const uses: SinkUse[] = [];
  if (engine.foreignCalls.size === 0) return uses;
  const reached = engine.reachable();
  for (const call of engine.foreignCalls.values()) {
    if (!engine.inHandlerContext(call.node, reached)) continue;
    const { fn, file } = call.target;
    for (const hit of call.target.hits) {
      // Steps inside the module are not shown: the sink label names the module and line.
      const param = fromOrigins([{ ...hit.param, kind: 'param', at: call.node, steps: [] }]);
      const value = substitute(param, fn, call.args, budget);
      const sink = { ...hit.use.sink, label: `${hit.use.sink.label} in ${relativeModule(filename, file)} (line ${hit.line})` };
      uses.push({ ...hit.use, node: call.node, sink, values: [value] });
    }
  }
  return uses;
}

/**
 * Whether a local module can add a finding to a file with no live sink of its own: one of its
 * functions lets a parameter reach a sink, or returns something that is a sink where it is used
 * (a sink function or parser instance, an unsafe YAML schema, a catastrophic regex). Unavailable
 * summaries add nothing (the engine would not use them either).
 */
function summaryMayContribute(summary: ModuleSummary | null, names: ReadonlySet<string> | typeof ALL, regexCache: RegexVerdictCache | undefined): boolean {
  if (!summary) return false;
  for (const [key, fn] of summary) {
    if (names !== ALL && !names.has(key.split(/[#.]/, 1)[0]!)) continue;
    if (fn.hits.length > 0 || handsBackSink(fn.ret, regexCache, 0)) return true;
  }
  return false;
}

/** Every export of a module may be used (namespace, default or whole-module bindings). */
const ALL = Symbol('all exports');

/**
 * The names the file imports from each relative module: `import { a, b as c }` and
 * `const { a } = require('./m')` name theirs; every other form (namespace, default, a module
 * object, a re-export, a require used any other way) may use any export.
 */
function importedNames(sourceCode: TSESLint.SourceCode): Map<string, Set<string> | typeof ALL> {
  const out = new Map<string, Set<string> | typeof ALL>();
  const add = (specifier: string, name: string | typeof ALL): void => {
    const current = out.get(specifier);
    if (current === ALL) return;
    if (name === ALL) out.set(specifier, ALL);
    else if (current) current.add(name);
    else out.set(specifier, new Set([name]));
  };
  for (const stmt of sourceCode.ast.body) {
    if (stmt.type === 'ImportDeclaration') {
      if (stmt.importKind === 'type') continue;
      const specifier = String(stmt.source.value);
      if (stmt.specifiers.length === 0) add(specifier, ALL);
      for (const spec of stmt.specifiers) {
        if (spec.type !== 'ImportSpecifier') add(specifier, ALL);
        else if (spec.importKind !== 'type') add(specifier, spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value));
      }
    } else if ((stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportAllDeclaration') && stmt.source) {
      add(String(stmt.source.value), ALL);
    } else if (stmt.type === 'TSImportEqualsDeclaration' && stmt.moduleReference.type === 'TSExternalModuleReference') {
      const literal = stmt.moduleReference.expression;
      if (literal.type === 'Literal') add(String(literal.value), ALL);
    }
  }
  // `require` is unresolved, or a configured global (Node globals declared in the config).
  const globalScope = sourceCode.scopeManager?.globalScope;
  const requires = [...(globalScope?.through ?? []), ...(globalScope?.set.get('require')?.references ?? [])];
  for (const ref of requires) {
    const call = ref.identifier.parent;
    if (ref.identifier.name !== 'require' || call?.type !== 'CallExpression' || call.callee !== ref.identifier) continue;
    const arg = call.arguments[0];
    if (arg?.type !== 'Literal' || typeof arg.value !== 'string') continue;
    const declarator = call.parent;
    const pattern = declarator?.type === 'VariableDeclarator' && declarator.init === call ? declarator.id : null;
    const props = pattern?.type === 'ObjectPattern' ? pattern.properties : null;
    if (!props || props.some((p) => p.type === 'RestElement' || staticPropertyName(p) === null)) {
      add(arg.value, ALL);
      continue;
    }
    for (const p of props) if (p.type === 'Property') add(arg.value, staticPropertyName(p)!);
  }
  return out;
}

function handsBackSink(value: Value, regexCache: RegexVerdictCache | undefined, depth: number): boolean {
  const regexes = [...(value.regex ? [value.regex] : []), ...(value.moreRegexes ?? [])];
  if (regexes.some((r) => isCatastrophic(r.source, r.flags, regexCache))) return true;
  if (value.objs?.some((o) => o.kind === 'sinkFn' || o.kind === 'instance' || o.kind === 'unsafeYamlSchema')) return true;
  if (!value.props || depth >= 4) return false;
  for (const prop of value.props.values()) if (handsBackSink(prop, regexCache, depth + 1)) return true;
  return false;
}

/** Whether an origin (or the key of a GetObject source) stands for an unsummarised call result. */
function hasApprox(origins: readonly Origin[], depth: number): boolean {
  return origins.some((o) => o.approx === true || (o.kind === 'source' && o.key !== undefined && depth < 4 && hasApprox(flatten(o.key, { exhausted: 0 }), depth + 1)));
}

/** `./lib/run.ts`, `../shared/exec.js`: a module as the linted file would import it. */
function relativeModule(from: string | undefined, file: string): string {
  if (!from || !path.isAbsolute(file)) return file;
  const rel = path.relative(path.dirname(from), file).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/**
 * Sources whose length AWS bounds to about a kilobyte (S3 keys ≤ 1024 bytes, header and path
 * values): a polynomial (quadratic) regex on them costs milliseconds, so such findings are
 * lower-confidence (`strict` only). Exponential ones stay high-confidence.
 */
const BOUNDED_SOURCES = /S3 object key|header|path parameter|request path|HTTP method|partition key|user name|User-Agent/i;

/**
 * A regex sink needs a regex-applying call and a regex that is either catastrophic (a literal
 * whose verdict says so) or built from data: a method that compiles a non-literal argument
 * (`match`, `matchAll`, `search`). `RegExp()` is a sink of its own (`hasSinks`); regexes returned
 * by local modules are covered by the module check.
 */
function mayUseRegex(sourceCode: TSESLint.SourceCode, cache: RegexVerdictCache | undefined): boolean {
  const text = sourceCode.text;
  if (!/\.(?:test|exec|match|matchAll|replace|replaceAll|search|split)\s*\(/.test(text)) return false;
  if (/\.(?:match|matchAll|search)\s*\(\s*(?!\/)/.test(text)) return true;
  // Regex tokens start at a slash: look tokens up by position instead of scanning all of them.
  for (let slash = text.indexOf('/'); slash >= 0; slash = text.indexOf('/', slash + 1)) {
    const token = sourceCode.getTokenByRangeStart(slash);
    if (token?.type !== 'RegularExpression') continue;
    const { pattern, flags } = (token as { regex?: { pattern: string; flags: string } }).regex ?? splitRegexToken(token.value);
    if (isCatastrophic(pattern, flags, cache)) return true;
    slash = token.range[1] - 1;
  }
  return false;
}

function splitRegexToken(value: string): { pattern: string; flags: string } {
  const end = value.lastIndexOf('/');
  return { pattern: value.slice(1, end), flags: value.slice(end + 1) };
}

/** Relative module specifiers the file imports, requires or re-exports. */
function localModules(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom|\brequire\s*\()\s*['"](\.\.?\/[^'"\n]*)['"]/g)].map((m) => m[1]!);
}

const TRIGGER_SHAPES: readonly [RegExp, TriggerId][] = [
  [/^Records\.\[\]\.s3(\.|$)|^tasks\.\[\]/, 's3'],
  [/^Records\.\[\]\.Sns(\.|$)/, 'sns'],
  [/^Records\.\[\]\.kinesis(\.|$)|^records\.\[\]\.data/, 'kinesis'],
  [/^Records\.\[\]\.dynamodb(\.|$)/, 'dynamodb-streams'],
  [/^Records\.\[\]\.(body|messageAttributes|receiptHandle|messageId)(\.|$)/, 'sqs'],
  [/^(triggerSource|userPoolId|userName)$|^request\.(userAttributes|clientMetadata|validationData)/, 'cognito'],
  [/^(ResourceProperties|OldResourceProperties|RequestType|ResponseURL)(\.|$)/, 'cloudformation'],
  [/^(getObjectContext|userRequest)(\.|$)/, 's3-object-lambda'],
  [/^requestContext\.elb/, 'alb'],
  [/^(detail|detail-type)(\.|$)/, 'eventbridge'],
  [/^(queryStringParameters|multiValueQueryStringParameters|pathParameters|requestContext|httpMethod|rawPath|rawQueryString|headers|multiValueHeaders|cookies|body)(\.|$)/, 'api-gateway'],
];

/** The trigger implied by the event shapes a handler reads, if exactly one fits best. */
function detectTrigger(paths: ReadonlySet<string> | undefined): TriggerId | null {
  if (!paths || paths.size === 0) return null;
  for (const [pattern, trigger] of TRIGGER_SHAPES) {
    for (const path of paths) if (pattern.test(path)) return trigger;
  }
  return null;
}
