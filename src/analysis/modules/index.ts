/**
 * Resolves references to modelled modules and globals with `ReferenceTracker` (legacy mode:
 * `require`, every `import` form, destructuring, aliases, `node:` prefixes).
 *
 * Adapter: ESLint only declares `require`, `module`, `setTimeout`, … as globals when the user's
 * config lists Node globals. Without them the tracker would see no CommonJS import at all, so we
 * hand it a view of the global scope in which unresolved references to those names form a
 * synthetic global variable. The real scope manager is never mutated (other rules share it).
 *
 * Over-approximates nothing; under-approximates `createRequire`, `process.getBuiltinModule` and
 * TypeScript `import x = require()` (handled by the evaluator's `require()` fallback).
 */
import { CALL, CONSTRUCT, READ, ReferenceTracker } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { walk } from '../ast.js';
import { INTERPRETERS, SHELLS } from '../models/sinks.js';
import type { Node, SinkModel, TransferModel } from '../types.js';

/** What the tracker found at a node. */
export type ModuleHit =
  | { readonly kind: 'sink'; readonly sink: SinkModel; readonly how: 'call' | 'construct' | 'read' }
  | { readonly kind: 'transfer'; readonly transfer: TransferModel }
  | { readonly kind: 'promisify' }
  | { readonly kind: 'getObjectCommand' }
  | { readonly kind: 'unsafeYamlSchema' }
  | { readonly kind: 'batchProcess' }
  | { readonly kind: 'createRequire' };

export interface ModuleRefs {
  /** Hits keyed by the reference node: the CallExpression/NewExpression for calls, the node read otherwise. */
  readonly hits: ReadonlyMap<Node, ModuleHit>;
  /**
   * True when some sink reference could receive a non-constant value (cheap early exit): not a
   * call whose checked arguments are all literals (`require('./db')`, `exec('df -h')`), and not
   * the callee of such a call.
   */
  readonly hasSinks: boolean;
}

type Info = ModuleHit;
// The tracker's TraceMap type is recursive over string keys and the three symbols.
interface TraceNode {
  [key: string]: TraceNode;
  [READ]?: Info;
  [CALL]?: Info;
  [CONSTRUCT]?: Info;
}

function ensurePath(root: TraceNode, path: readonly string[]): TraceNode {
  let node = root;
  for (const key of path) {
    node[key] ??= {};
    node = node[key];
  }
  return node;
}

const NODE_BUILTINS = new Set(['child_process', 'vm', 'util', 'crypto', 'zlib', 'path', 'querystring', 'module']);

function addModule(map: TraceNode, mod: string, path: readonly string[], set: (n: TraceNode) => void): void {
  set(ensurePath(map, [mod, ...path]));
  if (NODE_BUILTINS.has(mod)) set(ensurePath(map, [`node:${mod}`, ...path]));
}

export interface ModelSet {
  readonly sinks: readonly SinkModel[];
  readonly transfers: readonly TransferModel[];
}

/** Builds the module and global trace maps for a set of models (memoised per model set). */
const traceMapCache = new WeakMap<ModelSet, { modules: TraceNode; globals: TraceNode }>();

function traceMaps(models: ModelSet): { modules: TraceNode; globals: TraceNode } {
  const cached = traceMapCache.get(models);
  if (cached) return cached;
  const modules: TraceNode = {};
  const globals: TraceNode = {};
  for (const sink of models.sinks) {
    const set = (n: TraceNode): void => {
      n[READ] ??= { kind: 'sink', sink, how: 'read' };
      if (sink.kind === 'call' || sink.kind === 'callOrConstruct') n[CALL] ??= { kind: 'sink', sink, how: 'call' };
      if (sink.kind === 'construct' || sink.kind === 'callOrConstruct') n[CONSTRUCT] ??= { kind: 'sink', sink, how: 'construct' };
    };
    if (sink.modules.length === 0) set(ensurePath(globals, sink.path));
    for (const mod of sink.modules) addModule(modules, mod, sink.path, set);
  }
  for (const transfer of models.transfers) {
    for (const mod of transfer.modules) {
      addModule(modules, mod, transfer.path, (n) => {
        n[CALL] ??= { kind: 'transfer', transfer };
        n[READ] ??= { kind: 'transfer', transfer };
      });
    }
  }
  addModule(modules, 'util', ['promisify'], (n) => (n[CALL] = { kind: 'promisify' }));
  addModule(modules, '@aws-sdk/client-s3', ['GetObjectCommand'], (n) => (n[CONSTRUCT] = { kind: 'getObjectCommand' }));
  addModule(modules, 'js-yaml', ['DEFAULT_FULL_SCHEMA'], (n) => (n[READ] = { kind: 'unsafeYamlSchema' }));
  for (const path of [[], ['all'], ['function'], ['regexp'], ['undefined']]) {
    addModule(modules, 'js-yaml-js-types', path, (n) => (n[READ] = { kind: 'unsafeYamlSchema' }));
  }
  addModule(modules, 'module', ['createRequire'], (n) => (n[CALL] = { kind: 'createRequire' }));
  addModule(modules, '@aws-lambda-powertools/batch', ['processPartialResponse'], (n) => (n[CALL] = { kind: 'batchProcess' }));
  addModule(modules, '@aws-lambda-powertools/batch', ['processPartialResponseSync'], (n) => (n[CALL] = { kind: 'batchProcess' }));
  const result = { modules, globals };
  traceMapCache.set(models, result);
  return result;
}

/** Names whose unresolved references we treat as globals even when the config does not declare them. */
const IMPLICIT_GLOBALS = ['require', 'module', 'exports', 'setTimeout', 'setInterval', 'setImmediate', 'globalThis', 'global'];

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/**
 * A read-only view of the global scope in which unresolved references to {@link IMPLICIT_GLOBALS}
 * are gathered into synthetic variables, so that the tracker follows them.
 */
function globalScopeView(globalScope: Scope): Scope {
  const extra = new Map<string, Variable>();
  for (const name of IMPLICIT_GLOBALS) {
    if (globalScope.set.has(name)) continue;
    const references = globalScope.through.filter((ref) => ref.identifier.name === name);
    if (references.length === 0) continue;
    extra.set(name, { name, defs: [], references, identifiers: [], scope: globalScope } as unknown as Variable);
  }
  if (extra.size === 0) return globalScope;
  const set = new Map(globalScope.set);
  for (const [name, variable] of extra) set.set(name, variable as never);
  return new Proxy(globalScope, {
    get(target, key, receiver) {
      if (key === 'set') return set;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/** Finds every reference to a modelled module member or global in the file. */
export function findModuleRefs(sourceCode: TSESLint.SourceCode, models: ModelSet, env?: ModuleEnvironment): ModuleRefs {
  const globalScope = sourceCode.scopeManager?.globalScope;
  const hits = new Map<Node, ModuleHit>();
  if (!globalScope) return { hits, hasSinks: false };
  const { modules, globals } = traceMaps(models);
  const tracker = new ReferenceTracker(globalScopeView(globalScope) as never, { mode: 'legacy' });
  const record = (node: unknown, info: unknown): void => {
    // A node can be both read and called (`cp.exec(x)` reports the MemberExpression as read and
    // the CallExpression as call): they are different nodes, so first wins only on true duplicates.
    if (!hits.has(node as Node)) hits.set(node as Node, info as ModuleHit);
  };
  const map = modules as never;
  for (const ref of tracker.iterateEsmReferences(map)) record(ref.node, ref.info);
  for (const ref of tracker.iterateCjsReferences(map)) record(ref.node, ref.info);
  for (const ref of tracker.iterateGlobalReferences(globals)) record(ref.node, ref.info);
  // Adapters for module loads the tracker does not see.
  for (const { node, specifier } of otherModuleLoads(sourceCode, hits)) {
    const sub = (modules as Record<string, TraceNode>)[specifier];
    if (!sub) continue;
    for (const ref of tracker.iteratePropertyReferences(node as never, sub)) record(ref.node, ref.info);
  }
  // Judged once all hits are known: a `promisify(execFile)` alias needs the promisify hit.
  let hasSinks = false;
  for (const [node, hit] of hits) {
    if (hit.kind === 'sink' && isLiveSink(sourceCode, node, hit, hits, env)) {
      hasSinks = true;
      break;
    }
  }
  return { hits, hasSinks };
}

/** What liveness may ask about the project: js-yaml ≥ 4 `load()` is safe without a schema. */
export interface ModuleEnvironment {
  packageMajor(name: string): number | null;
}

/**
 * Whether a sink reference can receive attacker data (see {@link ModuleRefs.hasSinks}): a
 * syntactic over-approximation of the sink conditions in `taint/sinks.ts`, so that a file whose
 * sinks are all called with constants or safe options skips the engine. Anything not plainly
 * constant (an identifier, a spread, computed keys) counts as live.
 */
function isLiveSink(sc: TSESLint.SourceCode, node: Node, hit: Extract<ModuleHit, { kind: 'sink' }>, hits: ReadonlyMap<Node, ModuleHit>, env: ModuleEnvironment | undefined): boolean {
  const { sink } = hit;
  // Regex constructors make regex values, and instance sinks act through methods called later.
  if (sink.check === 'regexCtor' || sink.instanceMethods) return true;
  if (hit.how === 'read') {
    // `import { exec } from 'child_process'`: live when the binding is used other than as a callee.
    if (node.type === 'ImportSpecifier') {
      return sc.scopeManager!.getDeclaredVariables(node).some((v) => v.references.some((ref) => readIsLive(sc, ref.identifier, sink, hits, env)));
    }
    return readIsLive(sc, node, sink, hits, env);
  }
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return true;
  return callMayUse(sink, node.arguments, hits, env);
}

/**
 * A read of a sink function: the callee of a call is covered by the call's own hit, and
 * `const run = promisify(execFile)` is live only through the calls of `run`; anything else (an
 * alias, an argument) is live.
 */
function readIsLive(sc: TSESLint.SourceCode, expr: Node, sink: SinkModel, hits: ReadonlyMap<Node, ModuleHit>, env: ModuleEnvironment | undefined): boolean {
  if (isCallee(expr)) return false;
  const call = expr.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== expr || hits.get(call)?.kind !== 'promisify') return true;
  const declarator = call.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== call || declarator.id.type !== 'Identifier') return true;
  return sc.scopeManager!.getDeclaredVariables(declarator).some((v) =>
    v.references.some((ref) => ref.isRead() && (!isCallee(ref.identifier) || callMayUse(sink, (ref.identifier.parent as TSESTree.CallExpression).arguments, hits, env))),
  );
}

const LIBXML_FLAGS = new Set(['noent', 'dtdload', 'dtdvalid', 'xinclude', 'huge']);
/** js-yaml schemas that revive no functions. */
const SAFE_YAML_SCHEMAS = new Set(['FAILSAFE_SCHEMA', 'JSON_SCHEMA', 'CORE_SCHEMA', 'DEFAULT_SAFE_SCHEMA']);

/** Whether a call of `sink` with these arguments could be a sink use with a non-constant value. */
function callMayUse(sink: SinkModel, args: readonly TSESTree.CallExpressionArgument[], hits: ReadonlyMap<Node, ModuleHit>, env: ModuleEnvironment | undefined): boolean {
  if (args.some((a) => a.type === 'SpreadElement')) return true;
  // A child process's `env` option can carry the request into NODE_OPTIONS, BASH_ENV, … (options
  // written inline, or held by a variable).
  if (sink.family === 'command' && args.slice(1).some((a) => a.type === 'Identifier' || (a.type === 'ObjectExpression' && a.properties.some((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'env')))) return true;
  const constant = (arg: Node | undefined): boolean => arg === undefined || isConstantText(arg);
  switch (sink.check) {
    case 'spawn':
    case 'execa': {
      // The program, then an argv array that matters with `shell: true` or to a shell/interpreter.
      const program = args[0];
      if (!constant(program)) return true;
      const second = args[1];
      if (second === undefined || second.type === 'ObjectExpression') return false;
      if (second.type !== 'ArrayExpression') return true;
      if (second.elements.every((e) => e === null || constant(e))) return false;
      const name = program ? constantText(program) : null;
      if (name === null || SHELLS.test(name) || Object.hasOwn(INTERPRETERS, name.replace(/^.*[\\/]/, ''))) return true;
      return args[2] !== undefined && mayBeTruthy(args[2], ['shell']);
    }
    case 'yamlSchema': {
      if (constant(args[0])) return false;
      if (sink.path[0] === 'loadAll' && args.length > 1) return true;
      const options = args[1];
      const schema = options?.type === 'ObjectExpression' ? propertyValue(options, 'schema') : undefined;
      if ((options !== undefined && options.type !== 'ObjectExpression') || schema === null) return true;
      // Without a schema: js-yaml 3.x `load` revives functions; `safeLoad` and js-yaml 4 do not.
      if (schema === undefined) return sink.path[0] !== 'safeLoad' && !((env?.packageMajor('js-yaml') ?? 0) >= 4);
      return !(schema.type === 'MemberExpression' && !schema.computed && schema.object.type === 'Identifier' && schema.property.type === 'Identifier' && SAFE_YAML_SCHEMAS.has(schema.property.name) && !hits.has(schema));
    }
    case 'libxmlOptions':
      return !constant(args[0]) && args[1] !== undefined && mayBeTruthy(args[1], [...LIBXML_FLAGS]);
    case 'bsonEval':
      return !constant(args[0]) && args[1] !== undefined && mayBeTruthy(args[1], ['evalFunctions']);
    default: {
      const checked = sink.args === 'all' ? args : sink.args.map((i) => args[i]);
      return checked.some((arg) => !constant(arg));
    }
  }
}

/** Whether an options argument may set one of `names` to a truthy value. */
function mayBeTruthy(options: Node, names: readonly string[]): boolean {
  if (options.type !== 'ObjectExpression') return true;
  return names.some((name) => {
    const value = propertyValue(options, name);
    return value === null || (value !== undefined && !(value.type === 'Literal' && !value.value));
  });
}

/** The value of `name` in an object literal: undefined when absent, null when it cannot be told (spread, computed key). */
function propertyValue(object: TSESTree.ObjectExpression, name: string): Node | null | undefined {
  let found: Node | undefined;
  for (const prop of object.properties) {
    if (prop.type === 'SpreadElement' || (prop.computed && prop.key.type !== 'Literal')) return null;
    const key = prop.key.type === 'Identifier' && !prop.computed ? prop.key.name : prop.key.type === 'Literal' ? String(prop.key.value) : null;
    if (key === name) found = prop.value;
  }
  return found;
}

function isCallee(node: Node): boolean {
  const parent = node.parent;
  return (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.callee === node;
}

function isConstantText(node: Node): boolean {
  if (node.type === 'Literal') return !('regex' in node && node.regex);
  return node.type === 'TemplateLiteral' && node.expressions.length === 0;
}

function constantText(node: Node): string | null {
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : null;
  return node.type === 'TemplateLiteral' && node.expressions.length === 0 ? (node.quasis[0]?.value.cooked ?? null) : null;
}

function findImportExpressions(sourceCode: TSESLint.SourceCode): TSESTree.ImportExpression[] {
  const found: TSESTree.ImportExpression[] = [];
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type === 'ImportExpression') found.push(node);
    return undefined;
  });
  return found;
}

/**
 * Module loads that `ReferenceTracker` does not follow: TypeScript `import cp = require('cp')`,
 * `const require = createRequire(import.meta.url); require('cp')` and
 * `process.getBuiltinModule('cp')`. Yields the expression nodes whose value is the module.
 */
function* otherModuleLoads(sourceCode: TSESLint.SourceCode, hits: ReadonlyMap<Node, ModuleHit>): Generator<{ node: Node; specifier: string }> {
  const literal = (node: Node | undefined): string | null => (node?.type === 'Literal' && typeof node.value === 'string' ? node.value : null);
  for (const stmt of sourceCode.ast.body) {
    const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
    if (decl?.type !== 'TSImportEqualsDeclaration' || decl.moduleReference.type !== 'TSExternalModuleReference') continue;
    const specifier = literal(decl.moduleReference.expression);
    const variable = specifier ? sourceCode.getDeclaredVariables(decl)[0] : undefined;
    if (!specifier || !variable) continue;
    for (const ref of variable.references) if (ref.isRead()) yield { node: ref.identifier, specifier };
  }
  for (const [node, hit] of hits) {
    if (hit.kind !== 'createRequire' || node.parent?.type !== 'VariableDeclarator') continue;
    for (const variable of sourceCode.getDeclaredVariables(node.parent)) {
      for (const ref of variable.references) {
        const call = ref.identifier.parent as Node | undefined;
        if (call?.type === 'CallExpression' && call.callee === ref.identifier) {
          const specifier = literal(call.arguments[0]);
          if (specifier) yield { node: call, specifier };
        }
      }
    }
  }
  const text = sourceCode.text;
  // `const { exec } = await import('node:child_process')`
  if (/\bimport\s*\(/.test(text)) {
    for (const node of findImportExpressions(sourceCode)) {
      const specifier = literal(node.source);
      if (!specifier) continue;
      const parent = node.parent as Node | undefined;
      yield { node: parent?.type === 'AwaitExpression' ? parent : node, specifier: specifier.replace(/^node:/, '') };
    }
  }
  if (!text.includes('getBuiltinModule')) return;
  const globalScope = sourceCode.scopeManager?.globalScope;
  for (const ref of globalScope?.through ?? []) {
    const member = ref.identifier.parent as Node | undefined;
    if (ref.identifier.name !== 'process' || member?.type !== 'MemberExpression' || member.property.type !== 'Identifier' || member.property.name !== 'getBuiltinModule') continue;
    const call = member.parent as Node | undefined;
    const specifier = call?.type === 'CallExpression' ? literal(call.arguments[0]) : null;
    if (call && specifier) yield { node: call, specifier: specifier.replace(/^node:/, '') };
  }
}
