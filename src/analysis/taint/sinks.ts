/**
 * Finds sink calls in code that runs on behalf of a handler and decides, per sink condition,
 * which argument values must be free of attacker data. Conditions that depend on options
 * (`shell: true`, `noent: true`) are read with `getStaticValue`, which resolves constants and
 * object spreads; options that are not statically known are not reported (silence over guessing).
 */
import { findVariable, getStaticValue } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName, unwrapTS } from '../ast.js';
import { analyzeRegex } from '../regex/index.js';
import type { Confidence, Family, Node, SinkModel, SyntheticSink, Value } from '../types.js';
import { INTERPRETERS, SHELL_FLAGS, SHELLS } from '../models/sinks.js';
import type { ModuleHit } from '../modules/index.js';
import { isUnsafeSchema, type Engine } from './engine.js';
import { CLEAN, ELEMENT, join, project, regexesOf } from './values.js';

/** A sink call whose listed values must not carry attacker data. */
export interface SinkUse {
  readonly node: Node;
  readonly family: Family;
  readonly sink: SinkModel | SyntheticSink;
  readonly values: readonly Value[];
  readonly confidence: Confidence;
  readonly detail?: string;
  readonly redosKind?: 'injection' | 'exponential' | 'polynomial';
}

const SYNTHETIC_IMPORT: SyntheticSink = {
  family: 'code',
  label: 'import() with a dynamic specifier',
  cwe: 'CWE-94',
  risk: 'code injection',
  advice: 'Import modules by constant names; map event values to an allow-listed table of modules.',
};
const REGEX_INJECTION: SyntheticSink = {
  family: 'redos',
  label: 'a string used as a regular expression',
  cwe: 'CWE-1333',
  risk: 'regular expression injection (ReDoS)',
  advice: 'String#match/matchAll/search compile a string argument as a regex: escape it first, or use includes()/indexOf().',
};
const CATASTROPHIC: SyntheticSink = {
  family: 'redos',
  label: 'the catastrophic regular expression',
  cwe: 'CWE-1333',
  risk: 'regular expression denial of service (ReDoS)',
  advice: 'Rewrite the regex without ambiguous repetition (or use the re2 package), and bound the input length before matching.',
};

const APPLY_ON_ARG = new Set(['test', 'exec']);
const APPLY_ON_RECEIVER = new Set(['match', 'matchAll', 'replace', 'replaceAll', 'search', 'split']);
const COMPILES_STRING = new Set(['match', 'matchAll', 'search']);

function staticValue(sc: TSESLint.SourceCode, node: Node | undefined): unknown {
  if (!node || node.type === 'SpreadElement') return undefined;
  const result = getStaticValue(node as never, sc.getScope(node) as never);
  return result ? result.value : undefined;
}

function truthyOption(options: unknown, names: readonly string[]): string[] {
  if (typeof options !== 'object' || options === null) return [];
  return names.filter((n) => Boolean((options as Record<string, unknown>)[n]));
}

/** What sink conditions may ask about the project (installed package versions). */
export interface SinkEnvironment {
  /** Major version of a dependency declared in the nearest package.json, or null when unknown. */
  packageMajor(name: string): number | null;
}

const NO_ENVIRONMENT: SinkEnvironment = { packageMajor: () => null };

const safeLoadFiles = new WeakMap<object, boolean>();

/** Whether the file calls js-yaml's `safeLoad` (removed in js-yaml 4), going by its module references. */
function callsJsYamlSafeLoad(hits: ReadonlyMap<Node, ModuleHit>): boolean {
  let known = safeLoadFiles.get(hits);
  if (known === undefined) {
    known = false;
    for (const hit of hits.values()) {
      if (hit.kind === 'sink' && hit.how === 'call' && hit.sink.path[0] === 'safeLoad' && hit.sink.modules.includes('js-yaml')) known = true;
    }
    safeLoadFiles.set(hits, known);
  }
  return known;
}

const ENV_ADVICE = 'Give the child a fixed environment: copy the variables it needs by name, and never let the event choose variable names or set NODE_OPTIONS, BASH_ENV, LD_PRELOAD, PATH or GIT_SSH_COMMAND.';

/**
 * Environment variables that make the child run code of the caller's choosing: the runtime's
 * preloads and options, the shell's startup files, git's ssh command, the dynamic loader.
 */
const CODE_ENV = new Set([
  'NODE_OPTIONS',
  'NODE_PATH',
  'BASH_ENV',
  'ENV',
  'SHELLOPTS',
  'PS4',
  'PROMPT_COMMAND',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'LD_AUDIT',
  'PATH',
  'PYTHONPATH',
  'PYTHONSTARTUP',
  'PYTHONHOME',
  'PERL5OPT',
  'PERL5LIB',
  'RUBYOPT',
  'RUBYLIB',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_EXEC_PATH',
  'GIT_CONFIG_PARAMETERS',
]);

/**
 * `spawn(cmd, args, { env: { ...process.env, ...body.env } })`: an `env` option whose variable
 * names come from the event (a spread or a computed key), or that sets one of {@link CODE_ENV}
 * from it, lets the request choose code for the child (`NODE_OPTIONS=--require …`,
 * `GIT_SSH_COMMAND`, `BASH_ENV`). Read from object literals, directly or through a `const`.
 */
function checkChildEnvironment(engine: Engine, sc: TSESLint.SourceCode, model: SinkModel, call: Node, uses: SinkUse[]): void {
  if (call.type !== 'CallExpression' && call.type !== 'NewExpression') return;
  const sink: SyntheticSink = { family: 'command', label: model.label, cwe: model.cwe, risk: model.risk, advice: ENV_ADVICE };
  for (const arg of call.arguments) {
    const options = objectLiteral(sc, arg);
    const envProp = options?.properties.find((p): p is TSESTree.Property => p.type === 'Property' && staticPropertyName(p) === 'env');
    const envObject = envProp ? objectLiteral(sc, envProp.value) : null;
    if (!envObject) continue;
    for (const prop of envObject.properties) {
      const base = { node: call, family: 'command', sink, confidence: 'high' } as const;
      if (prop.type === 'SpreadElement') {
        const value = engine.evaluate(prop.argument, 0);
        if (value.origins.length > 0) uses.push({ ...base, values: [value], detail: 'as names and values of environment variables for the child process' });
        continue;
      }
      const key = staticPropertyName(prop);
      if (key === null) {
        const name = engine.evaluate(prop.key, 0);
        if (name.origins.length > 0) uses.push({ ...base, values: [name], detail: 'as the name of an environment variable for the child process' });
      } else if (CODE_ENV.has(key)) {
        uses.push({ ...base, values: [engine.evaluate(prop.value, 0)], detail: `as \`${key}\` in the child process environment` });
      }
    }
  }
}

/** An object literal, directly or through a `const` binding. */
function objectLiteral(sc: TSESLint.SourceCode, node: Node): TSESTree.ObjectExpression | null {
  if (node.type === 'SpreadElement') return null;
  const expr = unwrapTS(node as TSESTree.Expression);
  if (expr.type === 'ObjectExpression') return expr;
  if (expr.type !== 'Identifier') return null;
  const init = constInit(sc, expr);
  const value = init ? unwrapTS(init as TSESTree.Expression) : null;
  return value?.type === 'ObjectExpression' ? value : null;
}

/** The arguments `fn.call(thisArg, …args)` and `fn.apply(thisArg, [...args])` pass to `fn`. */
function shiftedArgs(call: TSESTree.CallExpression, method: 'call' | 'apply'): TSESTree.CallExpressionArgument[] {
  if (method === 'call') return call.arguments.slice(1);
  const arr = call.arguments[1];
  return arr?.type === 'ArrayExpression' ? arr.elements.filter((e) => e !== null) : [];
}

/** Collects the sink uses of a file (only in code that runs on behalf of a handler). */
export function collectSinkUses(engine: Engine, sc: TSESLint.SourceCode, hits: ReadonlyMap<Node, ModuleHit>, env: SinkEnvironment = NO_ENVIRONMENT): SinkUse[] {
  const reached = engine.reachable();
  const uses: SinkUse[] = [];
  for (const call of engine.calls) {
    if (!engine.inHandlerContext(call, reached)) continue;
    const hit = hits.get(call);
    if (hit?.kind === 'sink' && hit.how !== 'read') {
      // `new VM({ sandbox })` creates the sink; only its methods (`vm.run(code)`) run code.
      if (!(hit.how === 'construct' && hit.sink.instanceMethods)) checkSink(engine, sc, env, hit.sink, call, call.arguments, uses, hits);
      if (hit.sink.family === 'command') checkChildEnvironment(engine, sc, hit.sink, call, uses);
      continue;
    }
    if (call.type !== 'CallExpression') continue;
    const callee = unwrapTS(call.callee);
    const calleeValue = engine.evaluate(callee, 0);
    const direct = calleeValue.objs?.find((o) => o.kind === 'sinkFn');
    if (direct?.kind === 'sinkFn') {
      checkSink(engine, sc, env, direct.sink, call, call.arguments, uses, hits);
      continue;
    }
    // A sink function passed to a helper and called there through its parameter (`fn(cmd)`,
    // `fn.call(null, cmd)`, `opts.run(cmd)`), with the arguments of the calls that passed it.
    // Only sinks whose check is the taint of fixed arguments: the others read their options
    // syntactically at the sink call.
    const passed = engine.callbackSinks.get(call);
    if (passed) {
      for (const [sink, values] of passed) {
        if (sink.check !== 'tainted') continue;
        const positions = sink.args === 'all' ? values.map((_, i) => i) : sink.args;
        uses.push({ node: call, family: sink.family, sink, confidence: sink.confidence ?? 'high', values: positions.flatMap((i) => (values[i] ? [values[i]] : [])) });
      }
      continue;
    }
    if (callee.type !== 'MemberExpression') continue;
    const method = staticPropertyName(callee) ?? '';
    const receiver = engine.evaluate(unwrapTS(callee.object), 0);
    if (method === 'call' || method === 'apply') {
      const fn = receiver.objs?.find((o) => o.kind === 'sinkFn');
      if (fn?.kind === 'sinkFn') {
        checkSink(engine, sc, env, fn.sink, call, shiftedArgs(call, method), uses, hits);
        continue;
      }
    }
    const instance = receiver.objs?.find((o) => o.kind === 'instance' && o.sink.instanceMethods?.includes(method));
    if (instance?.kind === 'instance') {
      checkSink(engine, sc, env, instance.sink, call, call.arguments, uses, hits);
      continue;
    }
    checkRegexApplication(engine, call, method, receiver, uses);
  }
  for (const node of engine.imports) {
    if (!engine.inHandlerContext(node, reached)) continue;
    uses.push({ node, family: 'code', sink: SYNTHETIC_IMPORT, values: [engine.evaluate(node.source, 0)], confidence: 'high' });
  }
  return uses;
}

function checkRegexApplication(engine: Engine, call: TSESTree.CallExpression, method: string, receiver: Value, uses: SinkUse[]): void {
  const arg0 = call.arguments[0];
  if (!arg0 || arg0.type === 'SpreadElement') return;
  // The regex may be held by a callback parameter (`PATTERNS.some((re) => re.test(s))`).
  const receiverRegexes = [receiver, ...engine.valuesAtCallSites(receiver)].flatMap(regexesOf);
  if (APPLY_ON_ARG.has(method) && receiverRegexes.length > 0) {
    for (const regex of receiverRegexes) {
      const use = catastrophicUse(engine, call, regex, method, engine.evaluate(arg0, 0));
      if (use) {
        uses.push(use);
        break;
      }
    }
    return;
  }
  if (!APPLY_ON_RECEIVER.has(method)) return;
  const pattern = engine.evaluate(arg0, 0);
  const patternRegexes = [pattern, ...engine.valuesAtCallSites(pattern)].flatMap(regexesOf);
  if (patternRegexes.length > 0) {
    for (const regex of patternRegexes) {
      const use = catastrophicUse(engine, call, regex, method, receiver);
      if (use) {
        uses.push(use);
        break;
      }
    }
    return;
  }
  if (COMPILES_STRING.has(method) && pattern.str === undefined) {
    uses.push({ node: call, family: 'redos', sink: REGEX_INJECTION, values: [pattern], confidence: 'high', redosKind: 'injection' });
  }
}

/** A catastrophic regex applied to `input`: scslre + the ambiguous-loop check decide. */
function catastrophicUse(engine: Engine, call: Node, regex: { source: string; flags: string }, method: string, input: Value): SinkUse | null {
  const verdict = analyzeRegex(regex.source, regex.flags, engine.regexCache);
  if (verdict.kind === 'exponential' || verdict.kind === 'polynomial') {
    return { node: call, family: 'redos', sink: CATASTROPHIC, values: [input], confidence: 'high', detail: regexDetail(regex.source, regex.flags, method, verdict), redosKind: verdict.kind };
  }
  // safe-regex's star-height flag (verdict.starHeightOnly) is deliberately not reported, even in
  // strict: on the fixture corpus it added no true finding and one false one (a linear URL regex).
  return null;
}

function regexDetail(source: string, flags: string, method: string, verdict: { kind: string; detail: string }): string {
  const shown = source.length > 60 ? `${source.slice(0, 57)}…` : source;
  return `\`/${shown}/${flags}\` in .${method}() (${verdict.kind} backtracking${verdict.detail ? `: ${verdict.detail}` : ''})`;
}

/**
 * Which of `flags` an options argument may turn on, looking through constants and spreads
 * (getStaticValue), `const` bindings, local factory functions' returned object literals and the
 * call sites of a local wrapper (`parse(xml, { noent: true })`), and at what the file writes into
 * an options variable after its declaration (`opts.noent = true`, `Object.assign(opts, …)`). A
 * flag whose value is a call-site argument counts when some caller passes a truthy one. Null when
 * the options cannot be resolved.
 */
function enabledFlags(engine: Engine, sc: TSESLint.SourceCode, node: Node, flags: readonly string[], depth = 0): string[] | null {
  const expr = unwrapTS(node as TSESTree.Expression);
  const writes = expr.type === 'Identifier' ? fieldWrites(sc, expr) : [];
  const declared = declaredFlags(engine, sc, node, flags, depth, writes.length > 0);
  if (declared === null || writes.length === 0) return declared;
  const out = new Set(declared);
  for (const write of writes) {
    if (write.kind === 'assign') {
      // `Object.assign(opts, extra)`: like a spread of `extra`.
      const assigned = spreadFlags(engine, sc, write.value, flags, depth);
      if (assigned === null) return null;
      assigned.forEach((f) => out.add(f));
    } else if (write.key === null) {
      // `opts[name] = value` with a name that cannot be told: any flag, unless the value is off.
      if (flagMayBeTrue(engine, sc, write.value)) return null;
    } else if (flags.includes(write.key) && flagMayBeTrue(engine, sc, write.value)) {
      out.add(write.key);
    }
  }
  return [...out];
}

/**
 * Flags a constant options argument turns on (nothing when it is not constant), including what
 * the file writes into an options variable after its declaration (`opts.shell = true`).
 */
function staticFlags(engine: Engine, sc: TSESLint.SourceCode, arg: TSESTree.CallExpressionArgument | undefined, flags: readonly string[]): string[] {
  if (!arg || arg.type === 'SpreadElement') return [];
  const expr = unwrapTS(arg);
  if (expr.type === 'Identifier' && fieldWrites(sc, expr).length > 0) return enabledFlags(engine, sc, expr, flags) ?? [];
  return truthyOption(staticValue(sc, arg), flags);
}

const TS_WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSSatisfiesExpression']);

type FieldWrite = { readonly kind: 'field'; readonly key: string | null; readonly value: Node } | { readonly kind: 'assign'; readonly value: Node };

/** Writes into the object a variable holds: `id.key = value`, `id[key] = value`, `Object.assign(id, value…)`. */
function fieldWrites(sc: TSESLint.SourceCode, id: TSESTree.Identifier): FieldWrite[] {
  const variable = findVariable(sc.getScope(id) as never, id) as { references: { identifier: TSESTree.Identifier }[] } | null;
  const out: FieldWrite[] = [];
  for (const { identifier } of variable?.references ?? []) {
    // `(opts as XmlOptions).noent = true`, `opts!.noent = true`: the write goes to the same object.
    let target: Node = identifier;
    while (target.parent && TS_WRAPPERS.has(target.parent.type) && (target.parent as { expression?: Node }).expression === target) target = target.parent;
    const parent = target.parent;
    if (parent?.type === 'MemberExpression' && parent.object === target) {
      const assignment = parent.parent;
      if (assignment?.type !== 'AssignmentExpression' || assignment.left !== parent) continue;
      const computedKey = parent.computed ? staticValue(sc, parent.property) : undefined;
      const key = staticPropertyName(parent) ?? (typeof computedKey === 'string' ? computedKey : null);
      out.push({ kind: 'field', key, value: assignment.operator === '=' ? assignment.right : assignment });
    } else if (parent?.type === 'CallExpression' && parent.arguments[0] === target && isObjectAssign(parent.callee)) {
      for (const arg of parent.arguments.slice(1)) out.push({ kind: 'assign', value: arg });
    }
  }
  return out;
}

function isObjectAssign(callee: Node): boolean {
  return callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' && callee.object.name === 'Object' && callee.property.type === 'Identifier' && callee.property.name === 'assign';
}

/** The flags a spread (or `Object.assign` source) may turn on: all of them when the event supplies it. */
function spreadFlags(engine: Engine, sc: TSESLint.SourceCode, node: Node, flags: readonly string[], depth: number): string[] | null {
  const argument = node.type === 'SpreadElement' ? node.argument : node;
  if (engine.evaluate(argument, 0).origins.length > 0) return [...flags];
  return enabledFlags(engine, sc, argument, flags, depth + 1);
}

/** {@link enabledFlags} from the options' declaration alone (`written`: the file writes into it later). */
function declaredFlags(engine: Engine, sc: TSESLint.SourceCode, node: Node, flags: readonly string[], depth: number, written: boolean): string[] | null {
  const expr = unwrapTS(node as TSESTree.Expression);
  // A constant that the file writes into later is not constant: read its declaration below.
  const known = written ? undefined : staticValue(sc, node);
  if (known !== undefined) return truthyOption(known, flags);
  if (depth > 4) return null;
  const objects: Node[] = [];
  if (expr.type === 'ObjectExpression') objects.push(expr);
  else if (expr.type === 'Identifier') {
    const sites = engine.argumentsAtCallSites(expr);
    const init = sites.length === 0 ? constInit(sc, expr) : null;
    objects.push(...sites, ...(init ? [init] : []));
  } else if (expr.type === 'CallExpression' && expr.callee.type === 'Identifier') {
    objects.push(...returnedExpressions(sc, expr.callee));
  }
  if (objects.length === 0) return null;
  const out = new Set<string>();
  for (const obj of objects) {
    const inner = unwrapTS(obj as TSESTree.Expression);
    if (inner.type !== 'ObjectExpression') {
      const nested = enabledFlags(engine, sc, inner, flags, depth + 1);
      if (nested === null) return null;
      nested.forEach((f) => out.add(f));
      continue;
    }
    for (const prop of inner.properties) {
      if (prop.type === 'SpreadElement') {
        // `{ ...defaults, ...overrides }` with overrides from the event: the attacker picks the flags.
        const spread = spreadFlags(engine, sc, prop, flags, depth);
        if (spread === null) return null;
        spread.forEach((f) => out.add(f));
        continue;
      }
      const key = staticPropertyName(prop);
      if (!key || !flags.includes(key)) continue;
      if (flagMayBeTrue(engine, sc, prop.value)) out.add(key);
    }
  }
  return [...out];
}

/** A flag's value: statically truthy, or a parameter some caller passes a truthy value for. */
function flagMayBeTrue(engine: Engine, sc: TSESLint.SourceCode, value: Node): boolean {
  const known = staticValue(sc, value);
  if (known !== undefined) return Boolean(known);
  const sites = engine.argumentsAtCallSites(value);
  if (sites.length > 0) return sites.some((arg) => staticValue(sc, arg) !== false && staticValue(sc, arg) !== 0 && staticValue(sc, arg) !== null);
  // Set from data at run time (a header, an environment variable): it can be on.
  return true;
}

function constInit(sc: TSESLint.SourceCode, id: TSESTree.Identifier): Node | null {
  const variable = findVariable(sc.getScope(id) as never, id) as { defs: { node: Node }[] } | null;
  const def = variable?.defs.length === 1 ? variable.defs[0]!.node : null;
  return def?.type === 'VariableDeclarator' && def.init ? def.init : null;
}

/** What a local function returns (`return {…}` statements, or an arrow's expression body). */
function returnedExpressions(sc: TSESLint.SourceCode, id: TSESTree.Identifier): Node[] {
  const variable = findVariable(sc.getScope(id) as never, id) as { defs: { node: Node }[] } | null;
  let fn: Node | null | undefined = variable?.defs.length === 1 ? variable.defs[0]!.node : null;
  if (fn?.type === 'VariableDeclarator') fn = fn.init && unwrapTS(fn.init);
  if (fn?.type === 'ArrowFunctionExpression' && fn.expression) return [fn.body];
  if (fn?.type !== 'FunctionDeclaration' && fn?.type !== 'FunctionExpression' && fn?.type !== 'ArrowFunctionExpression') return [];
  const out: Node[] = [];
  for (const stmt of fn.body.type === 'BlockStatement' ? fn.body.body : []) {
    if (stmt.type === 'ReturnStatement' && stmt.argument) out.push(stmt.argument);
  }
  return out;
}

/** An array literal, directly or through a `const` binding. */
function constArray(sc: TSESLint.SourceCode, arg: TSESTree.CallExpressionArgument | undefined): TSESTree.ArrayExpression | null {
  if (!arg || arg.type === 'SpreadElement') return null;
  const node = unwrapTS(arg);
  if (node.type === 'ArrayExpression') return node;
  if (node.type !== 'Identifier') return null;
  const variable = findVariable(sc.getScope(node) as never, node) as { defs: { node: Node }[] } | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.node.type !== 'VariableDeclarator') return null;
  const init = def.node.init && unwrapTS(def.node.init);
  return init?.type === 'ArrayExpression' ? init : null;
}

function argValue(engine: Engine, arg: TSESTree.CallExpressionArgument | undefined): Value | null {
  if (!arg) return null;
  return arg.type === 'SpreadElement' ? project(engine.evaluate(arg.argument, 0), ELEMENT, arg, engine.budget) : engine.evaluate(arg, 0);
}

/** `spawn(cmd, argv?, options?)`: the second argument is the argv unless it is an options object. */
function isArrayArg(engine: Engine, arg: TSESTree.CallExpressionArgument | undefined): boolean {
  if (!arg || arg.type === 'SpreadElement' || arg.type === 'ObjectExpression') return false;
  if (arg.type === 'ArrayExpression') return true;
  const v = engine.evaluate(arg, 0);
  return !(v.props && !v.props.has(ELEMENT));
}

function checkSink(engine: Engine, sc: TSESLint.SourceCode, env: SinkEnvironment, sink: SinkModel, call: Node, args: readonly TSESTree.CallExpressionArgument[], uses: SinkUse[], hits: ReadonlyMap<Node, ModuleHit>): void {
  const base = { node: call, family: sink.family, sink, confidence: sink.confidence ?? 'high' } as const;
  const positions = sink.args === 'all' ? args.map((_, i) => i) : sink.args;
  const values = (): Value[] => positions.map((i) => argValue(engine, args[i])).filter((v): v is Value => v !== null);
  switch (sink.check) {
    case 'tainted':
      uses.push({ ...base, values: values() });
      return;
    case 'regexCtor': {
      const v = argValue(engine, args[0]);
      if (v) uses.push({ ...base, values: [v], redosKind: 'injection' });
      return;
    }
    case 'spawn':
    case 'execa': {
      const program = argValue(engine, args[0]);
      const hasArgv = isArrayArg(engine, args[1]);
      const argv = hasArgv ? argValue(engine, args[1]) : null;
      const shell = staticFlags(engine, sc, args[hasArgv ? 2 : 1], ['shell']).length > 0;
      if (program) uses.push({ ...base, values: [program], detail: 'as the program to run' });
      if (shell && argv) uses.push({ ...base, values: [argv], detail: 'with `shell: true`' });
      // `process.execPath` is the node binary itself (`spawn(process.execPath, ['-e', code])`).
      const programName = program?.str ?? (args[0] && args[0].type !== 'SpreadElement' && sc.getText(args[0]) === 'process.execPath' ? 'node' : undefined);
      const argvArray = hasArgv ? constArray(sc, args[1]) : null;
      if (argv && typeof programName === 'string' && argvArray) {
        const flags = SHELLS.test(programName) ? SHELL_FLAGS : new Set(INTERPRETERS[programName.replace(/^.*[\\/]/, '')] ?? []);
        const elements = argvArray.elements;
        const flagIndex = elements.findIndex((e) => e?.type === 'Literal' && typeof e.value === 'string' && flags.has(e.value));
        if (flagIndex >= 0) {
          const script = elements.slice(flagIndex + 1).filter((e): e is TSESTree.Expression => e !== null && e.type !== 'SpreadElement');
          const detail = SHELLS.test(programName) ? `as a \`${programName} ${String((elements[flagIndex] as TSESTree.Literal).value)}\` script` : `as \`${programName}\` code`;
          uses.push({ ...base, values: script.map((e) => engine.evaluate(e, 0)), detail });
        }
      }
      return;
    }
    case 'yamlSchema': {
      // loadAll(input, iterator, options): the options follow an iterator function.
      const optionsIndex = sink.path[0] === 'loadAll' && args[1] && args[1].type !== 'SpreadElement' && engine.evaluate(args[1], 0).objs?.some((o) => o.kind === 'fn') ? 2 : 1;
      const optionsArg = args[optionsIndex];
      let opts = argValue(engine, optionsArg);
      // Options passed through a local wrapper: look at the wrapper's call sites.
      if (optionsArg && optionsArg.type !== 'SpreadElement') {
        for (const arg of engine.argumentsAtCallSites(optionsArg)) opts = join(opts ?? CLEAN, engine.evaluate(arg, 0), engine.budget);
      }
      const v = argValue(engine, args[0]);
      if (!v) return;
      const schema = opts ? project(opts, 'schema', call, engine.budget) : null;
      if (schema && isUnsafeSchema(schema)) {
        uses.push({ ...base, values: [v], detail: 'with a schema that revives functions' });
        return;
      }
      // js-yaml 3.x `load`/`loadAll` without a schema use DEFAULT_FULL_SCHEMA (!!js/function).
      // Options that are present but not a known object literal may carry any schema: say nothing.
      const hasSchema = opts?.props?.has('schema') ?? false;
      if (hasSchema || sink.path[0] === 'safeLoad' || (optionsArg && !opts?.props)) return;
      const declared = env.packageMajor('js-yaml');
      if (declared !== null && declared >= 4) return;
      // js-yaml 4 removed safeLoad (it throws): a file that calls it runs on js-yaml 3.
      const major = declared ?? (callsJsYamlSafeLoad(hits) ? 3 : null);
      const detail =
        major === null
          ? 'without a schema (unsafe in js-yaml < 4; version unknown)'
          : declared === null
            ? 'without a schema (the file also calls safeLoad, which js-yaml 4 removed: js-yaml 3.x revives !!js/function)'
            : `without a schema (js-yaml ${major}.x revives !!js/function)`;
      uses.push({ ...base, values: [v], detail, confidence: major === null ? 'low' : 'high' });
      return;
    }
    case 'libxmlOptions': {
      const v = argValue(engine, args[0]);
      const optionsArg = args[1];
      if (!v || !optionsArg || optionsArg.type === 'SpreadElement') return;
      const flags = enabledFlags(engine, sc, optionsArg, ['noent', 'dtdload', 'dtdvalid', 'xinclude', 'huge']);
      if (flags === null) {
        // Options that cannot be resolved may enable entities: lower confidence.
        uses.push({ ...base, values: [v], detail: 'with options that are not statically known', confidence: 'low' });
      } else if (flags.length > 0) {
        uses.push({ ...base, values: [v], detail: `with ${flags.map((o) => `\`${o}: true\``).join(', ')}` });
      }
      return;
    }
    case 'bsonEval': {
      if (staticFlags(engine, sc, args[1], ['evalFunctions']).length === 0) return;
      const v = argValue(engine, args[0]);
      if (v) uses.push({ ...base, values: [v] });
      return;
    }
    default:
      return;
  }
}
