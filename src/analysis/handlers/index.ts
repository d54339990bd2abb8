/**
 * Which functions in a file are Lambda handlers.
 *
 * A handler is a function the runtime invokes with an event. We find exported functions in every
 * module style, unwrap wrappers (`middy(fn)`, `middy().handler(fn)`, any exported call whose
 * argument is a function), resolve Powertools-style `instance.handler.bind(instance)` exports, and
 * then keep a candidate when
 *   1. its event parameter or its declaration is typed with an `aws-lambda` type, or
 *   2. it is unwrapped from `middy`, or named in `settings.handlers`, or
 *   3. it looks like a handler: exported name contains "handler", or parameters are named like
 *      `(event, context, callback)`, or it reads Lambda event shapes from its first parameter,
 * unless it has no parameter, looks like an HTTP-framework or CLI function (`(req, res)`,
 * `(argv)`), or the module is a yargs command module (`exports.command` + `exports.builder`).
 *
 * Route handlers count too: Powertools event-handler routes (`app.get(path, fn)` on a `Router`)
 * and Express routes of an app that a Lambda adapter (`serverless-http`, serverless-express)
 * wraps in the same file.
 *
 * Under-approximates: handlers exported from another file, Express apps whose adapter lives in
 * another file, decorator-registered routes. Over-approximates: an exported `handler(event)` that
 * a non-Lambda runtime calls (rare; it still needs a sink reached by event data to report).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '@eslint-community/eslint-utils';
import { isFunctionNode, paramName, paramType, staticPropertyName, typeArguments, typeReferenceName, unwrapTS, walk, type VisitorKeys } from '../ast.js';
import { TRIGGER_BY_TYPE_NAME } from '../models/triggers.js';
import type { FunctionNode, Node, TriggerId } from '../types.js';

export interface HandlerInfo {
  readonly fn: FunctionNode;
  /** Export name (`handler`, `default`, `main`) or the settings name that selected it. */
  readonly name: string;
  /** Trigger from a type annotation, if any. */
  readonly typedTrigger: TriggerId | null;
  /** Why this function counts as a handler (for tests and debugging). */
  readonly reason: 'type' | 'wrapper' | 'settings' | 'name' | 'params' | 'shape' | 'route';
}

interface Candidate {
  readonly fn: FunctionNode;
  readonly name: string;
  readonly declaredType: TSESTree.TypeNode | null;
  readonly wrapper: 'none' | 'middy' | 'call';
}

/**
 * First-parameter names that mean "Lambda event". Deliberately narrow and case-sensitive: `e`,
 * `input` and `payload` name DOM events, errors and parser inputs in library code (a sweep over
 * installed packages found such functions misread as handlers).
 */
const EVENT_PARAM = /^_?(event|evt|[a-z][A-Za-z0-9]*Event)$/;
const CONTEXT_PARAM = /^_?(context|ctx|lambdaContext|awsContext)$/;
const CALLBACK_PARAM = /^_?(callback|cb|done)$/;
/** First parameters that never name a Lambda event: CLIs and HTTP frameworks. */
const NOT_EVENT_PARAM = /^_?(argv|args|yargs|req|request|res|response|program|cli|next|app)$/;
/**
 * First parameters that usually name something else (ESLint rules' `(node, context)`, visitors,
 * parsers): they rule a function out unless its exported name says "handler".
 */
const UNLIKELY_EVENT_PARAM = /^_?(options|opts|config|cmd|command|node|ast|tree|path|file|filename|err|error|value|item|str|text|name|key|obj|object|target|source|src|el|element|ctx|schema|input)$/;
const HANDLER_NAME = /handler/i;
/** Top-level event keys that only Lambda events have. */
const EVENT_ROOT_KEYS = new Set([
  'Records',
  'records',
  'body',
  'queryStringParameters',
  'multiValueQueryStringParameters',
  'pathParameters',
  'requestContext',
  'httpMethod',
  'rawPath',
  'rawQueryString',
  'headers',
  'detail',
  'detail-type',
  'triggerSource',
  'userPoolId',
  'tasks',
  'awslogs',
]);

/** Type names from `aws-lambda` that mark a handler but say nothing about the trigger. */
const GENERIC_HANDLER_TYPES = new Set(['Handler', 'Context', 'LambdaInterface', 'StreamifyHandler', 'Callback']);

function triggerFromType(type: TSESTree.TypeNode | null): TriggerId | 'generic' | null {
  const name = typeReferenceName(type);
  if (!name) return null;
  const trigger = TRIGGER_BY_TYPE_NAME.get(name);
  if (trigger) return trigger;
  if (name === 'Handler' || name === 'StreamifyHandler') {
    const inner = triggerFromType(typeArguments(type)[0] ?? null);
    return inner && inner !== 'generic' ? inner : 'generic';
  }
  return GENERIC_HANDLER_TYPES.has(name) ? 'generic' : null;
}

export interface HandlerContext {
  readonly sourceCode: TSESLint.SourceCode;
  readonly visitorKeys: VisitorKeys;
  readonly extraNames: ReadonlySet<string>;
}

interface ExportEntry {
  readonly name: string;
  readonly expr: Node;
  readonly declaredType: TSESTree.TypeNode | null;
}

/** Every export of a module (ESM, CommonJS, TS `export =`) with the expression it exports. */
function collectExports(program: TSESTree.Program): { exported: ExportEntry[]; exportNames: Set<string> } {
  const exported: ExportEntry[] = [];
  const exportNames = new Set<string>();
  const add = (name: string, expr: Node | null | undefined, declaredType: TSESTree.TypeNode | null = null): void => {
    exportNames.add(name);
    if (expr) exported.push({ name, expr, declaredType });
  };
  for (const stmt of program.body) {
    if (stmt.type === 'ExportNamedDeclaration') {
      const decl = stmt.declaration;
      if ((decl?.type === 'FunctionDeclaration' || decl?.type === 'ClassDeclaration') && decl.id) add(decl.id.name, decl);
      if (decl?.type === 'VariableDeclaration') {
        for (const d of decl.declarations) {
          if (d.id.type === 'Identifier') add(d.id.name, d.init, d.id.typeAnnotation?.typeAnnotation ?? null);
        }
      }
      if (!stmt.source) {
        for (const spec of stmt.specifiers) {
          if (spec.type !== 'ExportSpecifier' || spec.local.type !== 'Identifier') continue;
          const exportedName = spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value);
          add(exportedName, spec.local);
        }
      }
    } else if (stmt.type === 'ExportDefaultDeclaration') {
      add('default', stmt.declaration);
    } else if (stmt.type === 'TSExportAssignment') {
      add('default', stmt.expression);
    } else if (stmt.type === 'ExpressionStatement') {
      collectCommonJsExports(stmt.expression, add);
    }
  }
  return { exported, exportNames };
}

/**
 * Exported functions of a (library) module by export name, for cross-file summaries. Only plain
 * functions and bindings of them; wrapped exports are not library entry points.
 */
export function exportedFunctions(ctx: HandlerContext): Map<string, FunctionNode> {
  const out = new Map<string, FunctionNode>();
  for (const entry of collectExports(ctx.sourceCode.ast).exported) {
    let node = unwrapTS(entry.expr as TSESTree.Expression) as Node;
    if (node.type === 'Identifier') {
      const resolved = resolveIdentifier(ctx, node);
      if (resolved?.node.type === 'ClassDeclaration' || resolved?.node.type === 'ClassExpression') node = resolved.node;
    }
    // Exported classes: methods as `Class#method`, static methods as `Class.method`.
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
      for (const member of node.body.body) {
        if (member.type !== 'MethodDefinition' || !isFunctionNode(member.value)) continue;
        const name = staticPropertyName(member);
        if (name) out.set(`${entry.name}${member.static ? '.' : '#'}${name}`, member.value);
      }
      continue;
    }
    if (node.type !== 'Identifier' && !isFunctionNode(node)) continue;
    const [candidate] = resolveCandidates(ctx, node, entry.name, null, 'none', 0);
    if (candidate && !out.has(entry.name)) out.set(entry.name, candidate.fn);
  }
  return out;
}

/** Re-exports of other modules: `export { a as b } from './x'`, `export * from './x'`. */
export interface ReExport {
  readonly specifier: string;
  /** exported name → imported name; null for `export *`. */
  readonly names: ReadonlyMap<string, string> | null;
}

export function reExports(program: TSESTree.Program): ReExport[] {
  const out: ReExport[] = [];
  for (const stmt of program.body) {
    if (stmt.type === 'ExportAllDeclaration' && !stmt.exported) out.push({ specifier: String(stmt.source.value), names: null });
    if (stmt.type === 'ExportNamedDeclaration' && stmt.source && stmt.exportKind !== 'type') {
      const names = new Map<string, string>();
      for (const spec of stmt.specifiers) {
        if (spec.exportKind === 'type') continue;
        const local = spec.local.type === 'Identifier' ? spec.local.name : String(spec.local.value);
        names.set(spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value), local);
      }
      out.push({ specifier: String(stmt.source.value), names });
    }
  }
  return out;
}

/** Finds the handlers of a file. */
export function findHandlers(ctx: HandlerContext): HandlerInfo[] {
  const program = ctx.sourceCode.ast;
  const { exported, exportNames } = collectExports(program);

  // yargs command modules export `command` + `builder`/`describe` + `handler(argv)`.
  if (exportNames.has('command') && (exportNames.has('builder') || exportNames.has('describe'))) return [];

  const candidates: Candidate[] = [];
  const seen = new Set<FunctionNode>();
  for (const entry of exported) {
    for (const candidate of resolveCandidates(ctx, entry.expr, entry.name, entry.declaredType, 'none', 0)) {
      if (!seen.has(candidate.fn)) {
        seen.add(candidate.fn);
        candidates.push(candidate);
      }
    }
  }
  // Settings may name functions that are not exported the usual way.
  if (ctx.extraNames.size > 0) {
    for (const stmt of program.body) {
      const fn = namedTopLevelFunction(stmt);
      if (fn && ctx.extraNames.has(fn.name) && !seen.has(fn.fn)) {
        seen.add(fn.fn);
        candidates.push({ fn: fn.fn, name: fn.name, declaredType: fn.type, wrapper: 'none' });
      }
    }
  }

  const handlers: HandlerInfo[] = [];
  for (const c of candidates) {
    const info = judgeCandidate(ctx, c);
    if (info) handlers.push(info);
  }
  for (const route of findRouteHandlers(ctx)) if (!seen.has(route.fn)) handlers.push(route);
  return handlers;
}

// ---------------------------------------------------------------------------------------------
// Routers: Powertools event-handler routes and Express apps behind a Lambda adapter

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all', 'any', 'use', 'route']);
/** Packages that run an Express app inside a Lambda handler, and the export that wraps the app. */
const EXPRESS_ADAPTERS = /^(serverless-http|@vendia\/serverless-express|@codegenie\/serverless-express|aws-serverless-express|serverless-express(\/.*)?|@h4ad\/serverless-adapter)$/;

interface Binding {
  readonly module: string;
  /** `default`, `*` (namespace / whole require) or the imported name. */
  readonly imported: string;
}

/** Top-level module bindings: `import x from 'm'`, `import { a } from 'm'`, `const x = require('m')`. */
function moduleBindings(program: TSESTree.Program): Map<string, Binding> {
  const out = new Map<string, Binding>();
  const requireOf = (node: Node | null | undefined): string | null => {
    const n = node && unwrapTS(node as TSESTree.Expression);
    if (n?.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require') {
      const arg = n.arguments[0];
      return arg?.type === 'Literal' && typeof arg.value === 'string' ? arg.value : null;
    }
    if (n?.type === 'MemberExpression') return requireOf(n.object); // require('m').default
    return null;
  };
  for (const stmt of program.body) {
    if (stmt.type === 'ImportDeclaration') {
      const module = String(stmt.source.value);
      for (const spec of stmt.specifiers) {
        const imported = spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.type === 'ImportNamespaceSpecifier' ? '*' : spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
        out.set(spec.local.name, { module, imported });
      }
    } else if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) {
        const module = requireOf(d.init);
        if (!module) continue;
        if (d.id.type === 'Identifier') out.set(d.id.name, { module, imported: '*' });
        if (d.id.type === 'ObjectPattern') {
          for (const p of d.id.properties) {
            if (p.type === 'Property' && p.value.type === 'Identifier') out.set(p.value.name, { module, imported: staticPropertyName(p) ?? '*' });
          }
        }
      }
    }
  }
  return out;
}

function findRouteHandlers(ctx: HandlerContext): HandlerInfo[] {
  const program = ctx.sourceCode.ast;
  const text = ctx.sourceCode.text;
  if (!/express|event-handler/.test(text)) return [];
  const bindings = moduleBindings(program);
  const from = (name: string): Binding | undefined => bindings.get(name);
  const apps = new Map<string, 'express' | 'router'>();
  for (const stmt of program.body) {
    const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
    if (decl?.type !== 'VariableDeclaration') continue;
    for (const d of decl.declarations) {
      if (d.id.type !== 'Identifier' || !d.init) continue;
      const init = unwrapTS(d.init);
      const callee = init.type === 'NewExpression' || init.type === 'CallExpression' ? unwrapTS(init.callee) : null;
      if (!callee) continue;
      if (callee.type === 'Identifier') {
        const b = from(callee.name);
        if (init.type === 'NewExpression' && b && /@aws-lambda-powertools\/event-handler/.test(b.module)) apps.set(d.id.name, 'router');
        else if (b?.module === 'express' && (b.imported === 'default' || b.imported === '*' || b.imported === 'Router')) apps.set(d.id.name, 'express');
      } else if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && from(callee.object.name)?.module === 'express' && staticPropertyName(callee) === 'Router') {
        apps.set(d.id.name, 'express');
      }
    }
  }
  if (apps.size === 0) return [];
  const adapterNames = new Set([...bindings].filter(([, b]) => EXPRESS_ADAPTERS.test(b.module)).map(([name]) => name));
  let expressServedByLambda = false;
  const registrations: { kind: 'express' | 'router'; app: string; method: string; call: TSESTree.CallExpression }[] = [];
  walk(program, ctx.visitorKeys, (node) => {
    if (node.type !== 'CallExpression') return undefined;
    const callee = unwrapTS(node.callee);
    const root = callee.type === 'MemberExpression' ? rootIdentifier(callee.object) : callee.type === 'Identifier' ? callee : null;
    if (root && adapterNames.has(root.name)) expressServedByLambda = true;
    if (callee.type !== 'MemberExpression' || !root) return undefined;
    const kind = apps.get(root.name);
    const method = staticPropertyName(callee) ?? '';
    if (kind && ROUTE_METHODS.has(method)) registrations.push({ kind, app: root.name, method, call: node });
    return undefined;
  });
  const out: HandlerInfo[] = [];
  for (const { kind, app, method, call } of registrations) {
    if (kind === 'express' && !expressServedByLambda) continue;
    for (const arg of call.arguments) {
      if (arg.type === 'SpreadElement') continue;
      for (const candidate of resolveCandidates(ctx, arg, `${app}.${method}`, null, 'none', 0)) {
        const params = candidate.fn.params;
        // Express error handlers take (err, req, res, next); the first parameter is not the request.
        if (params.length === 0 || (kind === 'express' && params.length >= 4)) continue;
        out.push({ fn: candidate.fn, name: candidate.name, typedTrigger: kind, reason: 'route' });
      }
    }
  }
  return out;
}

/** `app` in `app.route('/x').get`, `app.get`. */
function rootIdentifier(node: Node): TSESTree.Identifier | null {
  let current = unwrapTS(node as TSESTree.Expression) as Node;
  for (let i = 0; i < 10; i++) {
    if (current.type === 'Identifier') return current;
    if (current.type === 'MemberExpression') current = current.object;
    else if (current.type === 'CallExpression') current = current.callee;
    else return null;
  }
  return null;
}

function namedTopLevelFunction(stmt: TSESTree.ProgramStatement): { name: string; fn: FunctionNode; type: TSESTree.TypeNode | null } | null {
  const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
  if (decl?.type === 'FunctionDeclaration' && decl.id) return { name: decl.id.name, fn: decl, type: null };
  if (decl?.type === 'VariableDeclaration') {
    for (const d of decl.declarations) {
      const init = d.init && unwrapTS(d.init);
      if (d.id.type === 'Identifier' && isFunctionNode(init)) return { name: d.id.name, fn: init, type: d.id.typeAnnotation?.typeAnnotation ?? null };
    }
  }
  return null;
}

function isModuleExports(node: Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === 'module' &&
    staticPropertyName(node) === 'exports'
  );
}

function collectCommonJsExports(expr: TSESTree.Expression, add: (name: string, expr: Node | null) => void): void {
  if (expr.type !== 'AssignmentExpression' || expr.operator !== '=') return;
  const left = expr.left;
  const right = expr.right;
  if (isModuleExports(left)) {
    const value = unwrapTS(right);
    if (value.type === 'ObjectExpression') {
      for (const prop of value.properties) {
        if (prop.type !== 'Property') continue;
        const name = staticPropertyName(prop);
        if (name) add(name, prop.value);
      }
    } else {
      add('default', value);
    }
  } else if (left.type === 'MemberExpression') {
    const target = left.object;
    const isExports = (target.type === 'Identifier' && target.name === 'exports') || isModuleExports(target);
    const name = staticPropertyName(left);
    if (isExports && name) add(name, right);
  }
  // `module.exports.handler = exports.handler = fn`
  if (right.type === 'AssignmentExpression') collectCommonJsExports(right, add);
}

function resolveIdentifier(ctx: HandlerContext, id: TSESTree.Identifier): { node: Node; type: TSESTree.TypeNode | null } | null {
  const variable = findVariable(ctx.sourceCode.getScope(id) as never, id) as { defs: { node: Node; type: string }[] } | null;
  const def = variable?.defs[0];
  if (!def) return null;
  if (def.node.type === 'FunctionDeclaration') return { node: def.node, type: null };
  if (def.node.type === 'VariableDeclarator' && def.node.init && def.node.id.type === 'Identifier') {
    return { node: def.node.init, type: def.node.id.typeAnnotation?.typeAnnotation ?? null };
  }
  if (def.node.type === 'ClassDeclaration') return { node: def.node, type: null };
  return null;
}

const MAX_RESOLVE_DEPTH = 8;

function resolveCandidates(
  ctx: HandlerContext,
  raw: Node,
  name: string,
  declaredType: TSESTree.TypeNode | null,
  wrapper: Candidate['wrapper'],
  depth: number,
): Candidate[] {
  if (depth > MAX_RESOLVE_DEPTH) return [];
  const node = unwrapTS(raw as TSESTree.Expression) as Node;
  if (isFunctionNode(node)) return [{ fn: node, name, declaredType, wrapper }];
  if (node.type === 'Identifier') {
    const resolved = resolveIdentifier(ctx, node);
    if (!resolved || resolved.node.type === 'ClassDeclaration') return [];
    return resolveCandidates(ctx, resolved.node, name, declaredType ?? resolved.type, wrapper, depth + 1);
  }
  if (node.type === 'CallExpression') {
    const callee = unwrapTS(node.callee);
    // `instance.handler.bind(instance)` and `new Lambda().handler.bind(...)`
    if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'bind') {
      return resolveCandidates(ctx, callee.object, name, declaredType, wrapper, depth + 1);
    }
    const isMiddy = isMiddyChain(node);
    const result: Candidate[] = [];
    for (const arg of node.arguments) {
      if (arg.type === 'SpreadElement') continue;
      const inner = unwrapTS(arg);
      if (isFunctionNode(inner) || inner.type === 'Identifier') {
        result.push(...resolveCandidates(ctx, inner, name, declaredType, isMiddy ? 'middy' : 'call', depth + 1));
      }
    }
    // `middy(fn).use(a).use(b)`, `middy().handler(fn)`: look through the call chain.
    if (callee.type === 'MemberExpression' && callee.object.type === 'CallExpression') {
      result.push(...resolveCandidates(ctx, callee.object, name, declaredType, wrapper, depth + 1));
    }
    return result;
  }
  if (node.type === 'MemberExpression') {
    // `instance.handler` where `instance = new Lambda()`; also `new Lambda().handler`.
    const method = staticPropertyName(node);
    const cls = method ? resolveClass(ctx, node.object) : null;
    const fn = cls && method ? classMethod(cls, method) : null;
    return fn ? [{ fn, name, declaredType, wrapper }] : [];
  }
  return [];
}

function isMiddyChain(call: TSESTree.CallExpression): boolean {
  let current: Node = call;
  for (let i = 0; i < 20; i++) {
    if (current.type !== 'CallExpression') return false;
    const callee: Node = unwrapTS(current.callee);
    if (callee.type === 'Identifier') return callee.name === 'middy';
    if (callee.type !== 'MemberExpression') return false;
    current = callee.object;
  }
  return false;
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

function resolveClass(ctx: HandlerContext, raw: Node): ClassNode | null {
  const node = unwrapTS(raw as TSESTree.Expression) as Node;
  if (node.type === 'NewExpression') {
    const callee = unwrapTS(node.callee);
    if (callee.type === 'ClassExpression') return callee;
    if (callee.type === 'Identifier') {
      const resolved = resolveIdentifier(ctx, callee);
      if (resolved?.node.type === 'ClassDeclaration' || resolved?.node.type === 'ClassExpression') return resolved.node;
    }
    return null;
  }
  if (node.type === 'Identifier') {
    const resolved = resolveIdentifier(ctx, node);
    if (!resolved) return null;
    if (resolved.node.type === 'ClassDeclaration' || resolved.node.type === 'ClassExpression') return resolved.node; // static method
    return resolveClass(ctx, resolved.node);
  }
  return null;
}

function classMethod(cls: ClassNode, name: string): FunctionNode | null {
  for (const member of cls.body.body) {
    if ((member.type === 'MethodDefinition' || member.type === 'PropertyDefinition') && staticPropertyName(member) === name) {
      const value = member.value && unwrapTS(member.value as TSESTree.Expression);
      if (isFunctionNode(value)) return value;
    }
  }
  return null;
}

function judgeCandidate(ctx: HandlerContext, c: Candidate): HandlerInfo | null {
  const params = c.fn.params;
  const declared = triggerFromType(c.declaredType);
  const paramTyped = triggerFromType(paramType(params[0])) ?? triggerFromType(paramType(params[1]));
  const typed = [declared, paramTyped].find((t): t is TriggerId => t !== null && t !== 'generic');
  const base = { fn: c.fn, name: c.name, typedTrigger: typed ?? null };
  if (typed || declared === 'generic' || paramTyped === 'generic') return { ...base, reason: 'type' };
  if (c.wrapper === 'middy' && params.length > 0) return { ...base, reason: 'wrapper' };
  if (ctx.extraNames.has(c.name)) return { ...base, reason: 'settings' };
  if (params.length === 0) return null;
  const first = paramName(params[0]);
  const second = paramName(params[1]);
  if (first && NOT_EVENT_PARAM.test(first)) return null;
  if (first && UNLIKELY_EVENT_PARAM.test(first) && !(HANDLER_NAME.test(c.name) && c.wrapper === 'none')) return null;
  if (second && /^_?(res|response|reply)$/.test(second)) return null;
  if (first && EVENT_PARAM.test(first)) return { ...base, reason: 'params' };
  if ((second && CONTEXT_PARAM.test(second)) || (paramName(params[2]) ?? '').match(CALLBACK_PARAM)) return { ...base, reason: 'params' };
  if (readsEventShapes(ctx, c.fn)) return { ...base, reason: 'shape' };
  if (HANDLER_NAME.test(c.name) && c.wrapper === 'none') return { ...base, reason: 'name' };
  return null;
}

/** True when the first parameter is destructured into, or read as, a Lambda event shape. */
function readsEventShapes(ctx: HandlerContext, fn: FunctionNode): boolean {
  const first = fn.params[0];
  const pattern = first?.type === 'AssignmentPattern' ? first.left : first;
  if (pattern?.type === 'ObjectPattern') {
    return pattern.properties.some((p) => p.type === 'Property' && EVENT_ROOT_KEYS.has(staticPropertyName(p) ?? ''));
  }
  const name = paramName(first);
  if (!name) return false;
  let found = false;
  walk(fn.body, ctx.visitorKeys, (node) => {
    if (found) return false;
    if (node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === name) {
      if (EVENT_ROOT_KEYS.has(staticPropertyName(node) ?? '')) found = true;
    }
    if (
      node.type === 'VariableDeclarator' &&
      node.init?.type === 'Identifier' &&
      node.init.name === name &&
      node.id.type === 'ObjectPattern' &&
      node.id.properties.some((p) => p.type === 'Property' && EVENT_ROOT_KEYS.has(staticPropertyName(p) ?? ''))
    ) {
      found = true;
    }
    return undefined;
  });
  return found;
}
