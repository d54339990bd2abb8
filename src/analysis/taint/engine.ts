/**
 * The taint engine: a flow-insensitive abstract interpretation of one file.
 *
 * Every function's parameters start as symbolic {@link ParamOrigin}s, so each function is
 * analysed once and its return value is a summary in terms of its parameters; a call substitutes
 * the actual arguments into that summary (parameter → return). Which parameter reaches which sink
 * is answered on demand by {@link Engine.resolve}, which walks recorded call sites back to a
 * handler's event parameter (parameter → sink). Variables hold the join of everything assigned to
 * them anywhere (flow-insensitive); the file is evaluated in passes until nothing changes, and a
 * pass after the first re-evaluates only the expressions whose inputs (cells) changed.
 *
 * Over-approximates: reassigned variables (every assignment counts everywhere), unknown calls
 * (taint of primitive arguments and the receiver passes to the result). Under-approximates:
 * object-literal arguments to unknown calls (SDK/DB parameter objects), flows through other
 * files, getters/setters, `arguments`, generators, and anything past a budget.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, paramName, staticPropertyName, unwrapTS, walk, type VisitorKeys } from '../ast.js';
import type { ForeignFunction, ModuleSummary } from '../crossfile.js';
import type { HandlerInfo } from '../handlers/index.js';
import { isValidatedBranch, type AssertedParam } from './guards.js';
import type { RegexVerdict, RegexVerdictCache } from '../regex/index.js';
import type { ModuleHit, ModuleRefs } from '../modules/index.js';
import { judgeContextPath, judgeEventPath, renderPath } from './judge.js';
import { CLEAN_GLOBAL_CALLS, CLEAN_METHODS, CLEAN_STATIC_CALLS, PASS_METHODS } from '../models/transfers.js';
import type { FunctionNode, Node, ObjRef, Origin, ParamOrigin, ParamRef, SinkModel, Step, TriggerId, TriggerModel, Value } from '../types.js';
import { familyBit } from '../types.js';
import { applyShape, zodShape, type SchemaResolver } from './schemas.js';
import { strippedFamilies } from '../regex/strip.js';
import { isRestrictiveAllowlistRegex } from '../regex/index.js';
import {
  ANY_KEY,
  BOUNDED_BIT,
  CLEAN,
  MAX_BOUNDED_LENGTH,
  ELEMENT,
  addStep,
  cleanFor,
  flatten,
  fromOrigins,
  join,
  joinAll,
  objectValue,
  parseJson,
  project,
  seal,
  shallow,
  stringValue,
  substitute,
  withObj,
  type Budget,
} from './values.js';

type Variable = TSESLint.Scope.Variable;

const MAX_PASSES = 8;
const MAX_EVAL_DEPTH = 250;
const MAX_RESOLVE_DEPTH = 6;
/** How deep dispatch to callbacks nests (a callback calling a callback parameter of its own). */
const MAX_DISPATCH_DEPTH = 3;
/** How deep into a parameter a called callback may sit (`opts.hooks.onItem(x)`: 2). */
const MAX_CALLBACK_PATH = 2;

/** A parameter, or a property path into one, that holds a function called by its function. */
interface CallbackTarget {
  readonly index: number;
  readonly path: readonly string[];
}

interface ParamCall {
  /** What of the enclosing function's parameters is called here. */
  readonly targets: readonly CallbackTarget[];
  readonly args: readonly Value[];
}

const CALLBACK_METHODS = new Set([
  'map',
  'flatMap',
  'forEach',
  'filter',
  'find',
  'findLast',
  'some',
  'every',
  'reduce',
  'reduceRight',
  'then',
  'catch',
  'finally',
  'sort',
]);
/** How messages name a destructured first parameter. */
const DEFAULT_EVENT_NAME: Readonly<Record<string, string>> = { router: 'reqCtx', express: 'req' };
/** Methods that store their arguments in the receiver collection. */
const MUTATORS = new Set(['push', 'unshift', 'add', 'set', 'splice']);
const SAFE_ENCODINGS = new Set(['hex', 'base64', 'base64url']);
const SCHEMA_METHODS = new Set(['parse', 'parseAsync', 'safeParse', 'safeParseAsync', 'spa']);
const DECODERS = new Set(['decodeURIComponent', 'decodeURI', 'unescape', 'escape', 'encodeURIComponent', 'encodeURI', 'String', 'atob', 'btoa', 'structuredClone']);

/** Something the passes write and read: a variable, a return summary, class fields, a promise. */
type Cell = object;

/** The cells an evaluation read, and when it started: a cell stamped later invalidates it. */
interface Reads {
  readonly deps: readonly Cell[];
  readonly at: number;
}

interface MemoEntry extends Reads {
  readonly value: Value;
}

/** One recorded call of a local function. */
export interface CallSite {
  readonly node: Node;
  readonly args: readonly Value[];
  readonly caller: FunctionNode | null;
}

/** A tainted source reached at a sink. */
export interface ResolvedSource {
  readonly label: string;
  readonly path: string;
  readonly line: number;
  readonly steps: readonly Step[];
  /** Nodes naming the value on its way (for guard checks). */
  readonly names: readonly string[];
  readonly texts: readonly string[];
  readonly trigger: TriggerId | null;
  /** When summarising a library module: the exported function's parameter that was reached. */
  readonly symbolic?: ParamRef;
}

/** A call from this file to a function exported by a local module. */
export interface ForeignCall {
  readonly node: Node;
  readonly target: ForeignFunction;
  readonly args: readonly Value[];
}

export interface EngineOptions {
  readonly sourceCode: TSESLint.SourceCode;
  readonly visitorKeys: VisitorKeys;
  readonly modules: ModuleRefs;
  readonly handlers: readonly HandlerInfo[];
  readonly budget: Budget;
  /** Library mode: exported functions whose parameters are reported symbolically. */
  readonly entries?: ReadonlySet<FunctionNode>;
  /** Summaries of relatively imported modules (`./lib/run.js`), when available. */
  readonly foreign?: (specifier: string) => ModuleSummary | null;
  /** Regex verdicts shared across files linted with the same parser. */
  readonly regexCache?: RegexVerdictCache;
  /** Whether a local module's own code could yield a sink or source (text check); default: yes. */
  readonly foreignMayMatter?: (specifier: string) => boolean;
  /**
   * First, cheaper pass of a file: calls into local modules whose text shows no sink or source
   * are not summarised; their result is every argument's taint, sealed and marked `approx`. When
   * no marked origin reaches a sink, the summaries could not have changed a finding.
   */
  readonly approximateForeign?: boolean;
}

export class Engine {
  readonly env = new Map<Variable, Value>();
  readonly rets = new Map<FunctionNode, Value>();
  readonly callSites = new Map<FunctionNode, Map<Node, CallSite>>();
  /**
   * Calls of a function's own parameter (`fn(record)` in `function each(records, fn)`), per
   * function and call: which parameters are called there and with what. A callback passed to the
   * function at one of its call sites is called at those calls with those arguments.
   */
  private readonly paramCalls = new Map<FunctionNode, Map<Node, ParamCall>>();
  /**
   * Sink functions passed as callbacks (`retry(exec, cmd)`), per call of the parameter holding
   * them: the arguments there, in terms of the calls that passed the sink (not a cell: read after
   * the fixed point).
   */
  readonly callbackSinks = new Map<Node, Map<SinkModel, readonly Value[]>>();
  private dispatchDepth = 0;
  readonly handlerFns: Map<FunctionNode, HandlerInfo>;
  /** Paths read from each handler's event parameter (for trigger detection). */
  readonly eventPaths = new Map<FunctionNode, Set<string>>();
  readonly calls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
  readonly imports: TSESTree.ImportExpression[] = [];
  private readonly functions: FunctionNode[] = [];
  readonly foreignCalls = new Map<Node, ForeignCall>();
  /** What each `new Promise(executor)` resolves with. */
  private readonly resolved = new Map<Node, Value>();
  /** Instance fields per class (`this.x = …`), joined over all instances. */
  private readonly fields = new Map<TSESTree.ClassDeclaration | TSESTree.ClassExpression, Value>();
  private readonly foreignSummaries = new Map<string, ModuleSummary | null>();
  private readonly foreignSignals = new Map<string, boolean>();
  readonly budget: Budget;
  readonly regexCache: RegexVerdictCache;
  private readonly refs = new Map<TSESTree.Identifier, Variable>();
  /** The class-scope binding of a class name (references inside the class body resolve to it). */
  private readonly alsoDeclares = new Map<TSESTree.Identifier, Variable>();
  private readonly enclosing = new Map<Node, FunctionNode | null>();
  private readonly defs: Node[] = [];
  /**
   * Evaluated expressions, kept across passes: each entry lists the cells (variables, return
   * summaries, class fields, promise results) its evaluation read, and stays valid until one of
   * them changes. A pass therefore re-evaluates only what a change can affect.
   */
  private readonly memo = new Map<Node, MemoEntry>();
  /** The same for definition sites (statements evaluated for their side effect on cells). */
  private readonly defMemo = new Map<Node, Reads>();
  private readonly constants = new Map<Node, Value>();
  /** When each cell last changed (a tick of {@link clock}). */
  private readonly stamps = new Map<Cell, number>();
  private clock = 0;
  /** Cells read by the evaluation in progress (null outside evaluation). */
  private reads: Cell[] | null = null;
  private readonly hits: ReadonlyMap<Node, ModuleHit>;
  converged = false;

  constructor(private readonly opts: EngineOptions) {
    this.budget = opts.budget;
    this.regexCache = opts.regexCache ?? new Map<string, RegexVerdict>();
    this.hits = opts.modules.hits;
    this.handlerFns = new Map(opts.handlers.map((h) => [h.fn, h]));
    for (const h of opts.handlers) this.eventPaths.set(h.fn, new Set());
    const scopeManager = opts.sourceCode.scopeManager;
    if (scopeManager) {
      for (const scope of scopeManager.scopes) {
        // Type-only references (`x: Order`) carry no value.
        for (const ref of scope.references) if (ref.resolved && (ref as { isValueReference?: boolean }).isValueReference !== false) this.refs.set(ref.identifier as TSESTree.Identifier, ref.resolved);
        // A class name is declared in its own scope too; the outer (first) declaration is the one
        // references resolve to, so it must win.
        for (const variable of scope.variables) {
          for (const id of variable.identifiers) {
            if (!this.refs.has(id)) this.refs.set(id, variable);
            else if (this.refs.get(id) !== variable) this.alsoDeclares.set(id, variable);
          }
        }
      }
    }
    this.collect();
  }

  /** Collects definition sites, calls and functions once (iteratively). */
  private collect(): void {
    walk(this.opts.sourceCode.ast, this.opts.visitorKeys, (node) => {
      switch (node.type) {
        case 'VariableDeclarator':
        case 'AssignmentExpression':
        case 'ForOfStatement':
        case 'ForInStatement':
        case 'ReturnStatement':
          this.defs.push(node);
          break;
        case 'FunctionDeclaration':
        case 'FunctionExpression':
        case 'ArrowFunctionExpression':
          this.initFunction(node);
          if (node.type === 'ArrowFunctionExpression' && node.expression) this.defs.push(node);
          break;
        case 'ClassDeclaration':
          if (node.id) {
            const value: Value = { origins: [], objs: [{ kind: 'class', node }] };
            this.bindIdentifier(node.id, value);
            const inner = this.alsoDeclares.get(node.id);
            if (inner) this.env.set(inner, value);
          }
          break;
        case 'CallExpression':
        case 'NewExpression':
          this.calls.push(node);
          break;
        case 'ImportExpression':
          this.imports.push(node);
          break;
        case 'YieldExpression':
          this.defs.push(node);
          break;
        default:
          break;
      }
      return undefined;
    });
  }

  private initFunction(fn: FunctionNode): void {
    this.functions.push(fn);
    if (fn.type === 'FunctionDeclaration' && fn.id) this.bindIdentifier(fn.id, { origins: [], objs: [{ kind: 'fn', fn }] });
    fn.params.forEach((param, index) => {
      const origin: ParamOrigin = { kind: 'param', fn, index, path: [], sealed: false, at: param, steps: [], clean: 0 };
      this.bindPattern(param, fromOrigins([origin]));
    });
  }

  /** Runs passes until no variable, return summary or call site changes (bounded). */
  run(): void {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const before = this.clock;
      for (const def of this.defs) this.runDef(def);
      for (const call of this.calls) this.evaluate(call, 0);
      // Call sites are not cells: nothing evaluated during the passes reads them.
      if (this.clock === before) {
        this.converged = true;
        return;
      }
    }
    this.budget.exhausted++;
  }

  /** Evaluates a definition site unless nothing it read has changed since its last evaluation. */
  private runDef(def: Node): void {
    const entry = this.defMemo.get(def);
    if (entry && this.isFresh(entry)) return;
    const reads: Cell[] = [];
    this.reads = reads;
    const at = this.clock;
    try {
      this.evalDef(def);
    } finally {
      this.reads = null;
    }
    this.defMemo.set(def, { deps: distinct(reads), at });
  }

  private isFresh(entry: Reads): boolean {
    for (const cell of entry.deps) if ((this.stamps.get(cell) ?? -1) > entry.at) return false;
    return true;
  }

  private read(cell: Cell): void {
    this.reads?.push(cell);
  }

  private touch(cell: Cell): void {
    this.stamps.set(cell, ++this.clock);
  }

  // -------------------------------------------------------------------------------------------
  // Bindings

  private bindIdentifier(id: TSESTree.Identifier, value: Value): void {
    const variable = this.refs.get(id);
    if (!variable) return;
    // A handler's event parameter bound to its own origin is the source itself, not a step.
    const first = value.origins[0];
    const isOwnParam = value.origins.length === 1 && first?.kind === 'param' && first.at === id && this.handlerFns.has(first.fn);
    const stepped = isOwnParam ? value : addStep(value, { name: id.name, node: id });
    const old = this.env.get(variable);
    const next = old ? join(old, stepped, this.budget) : stepped;
    if (next !== old) {
      this.env.set(variable, next);
      this.touch(variable);
    }
  }

  private bindPattern(pattern: Node, value: Value): void {
    switch (pattern.type) {
      case 'Identifier':
        this.bindIdentifier(pattern, value);
        return;
      case 'ObjectPattern':
        for (const prop of pattern.properties) {
          if (prop.type === 'RestElement') {
            this.bindPattern(prop.argument, value);
            continue;
          }
          const key = staticPropertyName(prop) ?? (prop.computed ? this.evaluate(prop.key, 0).str ?? ANY_KEY : ANY_KEY);
          this.bindPattern(prop.value, project(value, key, prop, this.budget));
        }
        return;
      case 'ArrayPattern':
        pattern.elements.forEach((el, index) => {
          if (!el) return;
          if (el.type === 'RestElement') this.bindPattern(el.argument, value);
          else this.bindPattern(el, project(value, String(index), el, this.budget));
        });
        return;
      case 'AssignmentPattern':
        this.bindPattern(pattern.left, join(value, this.evaluate(pattern.right, 0), this.budget));
        return;
      case 'RestElement':
        this.bindPattern(pattern.argument, value);
        return;
      case 'TSParameterProperty':
        this.bindPattern(pattern.parameter, value);
        return;
      case 'MemberExpression': {
        // `obj.field = value`: remember the field on the variable holding the object.
        const target = unwrapTS(pattern.object);
        if (target.type === 'ThisExpression') {
          // `this.field = value` in a class: one abstract object per class (all instances).
          const cls = this.classOf(pattern);
          if (cls) this.joinField(cls, staticPropertyName(pattern) ?? ANY_KEY, value);
          return;
        }
        if (target.type !== 'Identifier') return;
        const key = staticPropertyName(pattern) ?? ANY_KEY;
        const variable = this.refs.get(target);
        if (!variable) return;
        const old = this.env.get(variable) ?? CLEAN;
        const next = join(old, objectValue(new Map([[key, value]])), this.budget);
        if (next !== old) {
          this.env.set(variable, next);
          this.touch(variable);
        }
        return;
      }
      default:
        return;
    }
  }

  private evalDef(node: Node): void {
    switch (node.type) {
      case 'VariableDeclarator':
        if (node.init) this.bindPattern(node.id, this.evaluate(node.init, 0));
        return;
      case 'AssignmentExpression': {
        const right = this.evaluate(node.right, 0);
        if (node.operator === '=') this.bindPattern(node.left, right);
        else if (node.operator === '+=' || node.operator === '||=' || node.operator === '??=' || node.operator === '&&=') {
          this.bindPattern(node.left, node.operator === '+=' ? seal(right, this.budget) : right);
        }
        return;
      }
      case 'ForOfStatement':
      case 'ForInStatement': {
        const right = this.evaluate(node.right, 0);
        const item = node.type === 'ForOfStatement' ? project(right, ELEMENT, node.left, this.budget) : seal(right, this.budget);
        const left = node.left.type === 'VariableDeclaration' ? node.left.declarations[0]?.id : node.left;
        if (left) this.bindPattern(left, item);
        return;
      }
      case 'ReturnStatement': {
        const fn = this.enclosingFunction(node);
        if (fn && node.argument) this.addReturn(fn, this.evaluate(node.argument, 0));
        return;
      }
      case 'ArrowFunctionExpression':
        if (node.expression) this.addReturn(node, this.evaluate(node.body, 0));
        return;
      case 'YieldExpression': {
        // A generator's result is iterated: what it yields are the elements (`yield*` delegates).
        const fn = this.enclosingFunction(node);
        if (fn && node.argument) {
          const value = this.evaluate(node.argument, 0);
          this.addReturn(fn, node.delegate ? value : objectValue(new Map([[ELEMENT, value]])));
        }
        return;
      }
      default:
        return;
    }
  }

  private addReturn(fn: FunctionNode, value: Value): void {
    const old = this.rets.get(fn) ?? CLEAN;
    const next = join(old, value, this.budget);
    if (next !== old) {
      this.rets.set(fn, next);
      this.touch(fn);
    }
  }

  enclosingFunction(node: Node): FunctionNode | null {
    const cached = this.enclosing.get(node);
    if (cached !== undefined) return cached;
    let current = node.parent;
    while (current && !isFunctionNode(current)) current = current.parent;
    const fn = current && isFunctionNode(current) ? current : null;
    this.enclosing.set(node, fn);
    return fn;
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  /** The abstract value of an expression (memoised until a cell it read changes). */
  evaluate(node: Node, depth: number): Value {
    // Leaves cost less to recompute than to memoise (a third of all evaluations are identifiers).
    switch (node.type) {
      case 'Identifier':
        return this.evalIdentifier(node);
      case 'Literal':
        return literalValue(node);
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ClassExpression':
        return this.constantValue(node);
      // Wrappers that only pass their operand on, and property reads: recomputing them when their
      // parent is re-evaluated is cheaper than an entry of their own.
      case 'AwaitExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSSatisfiesExpression':
      case 'TSInstantiationExpression':
      case 'ChainExpression':
        return this.tooDeep(depth) ? CLEAN : this.evaluate('argument' in node ? node.argument : node.expression, depth + 1);
      case 'MemberExpression':
        return this.tooDeep(depth) ? CLEAN : this.evalMember(node, depth + 1);
      default:
        break;
    }
    const cached = this.memo.get(node);
    if (cached && this.isFresh(cached)) {
      if (this.reads) for (const cell of cached.deps) this.reads.push(cell);
      return cached.value;
    }
    if (this.tooDeep(depth)) return CLEAN;
    const outer = this.reads;
    const reads: Cell[] = [];
    this.reads = reads;
    const at = this.clock;
    let value: Value;
    try {
      value = this.evaluateUncached(node, depth + 1);
    } finally {
      this.reads = outer;
    }
    const deps = distinct(reads);
    if (outer) for (const cell of deps) outer.push(cell);
    this.memo.set(node, { value, deps, at });
    return value;
  }

  /** Past the nesting bound the analysis goes silent for the expression (counted). */
  private tooDeep(depth: number): boolean {
    if (depth <= MAX_EVAL_DEPTH) return false;
    this.budget.exhausted++;
    return true;
  }

  /** Functions and classes as values: one object per node, so joins see them as unchanged. */
  private constantValue(node: FunctionNode | TSESTree.ClassExpression): Value {
    let value = this.constants.get(node);
    if (!value) {
      value = { origins: [], objs: [node.type === 'ClassExpression' ? { kind: 'class', node } : { kind: 'fn', fn: node }] };
      this.constants.set(node, value);
    }
    return value;
  }

  private evaluateUncached(node: Node, d: number): Value {
    switch (node.type) {
      case 'TemplateLiteral': {
        if (node.expressions.length === 0) return stringValue(node.quasis[0]?.value.cooked ?? '');
        return seal(joinAll(node.expressions.map((e) => this.evaluate(e, d)), this.budget), this.budget);
      }
      case 'TaggedTemplateExpression':
        return seal(joinAll(node.quasi.expressions.map((e) => this.evaluate(e, d)), this.budget), this.budget);
      case 'CallExpression':
        return this.evalCall(node, d);
      case 'NewExpression':
        return this.evalNew(node, d);
      case 'YieldExpression':
        return node.argument ? this.evaluate(node.argument, d) : CLEAN;
      case 'BinaryExpression':
        if (node.operator !== '+') return CLEAN;
        return seal(join(this.evaluate(node.left, d), this.evaluate(node.right, d), this.budget), this.budget);
      case 'LogicalExpression': {
        const right = this.evaluate(node.right, d);
        // `ALLOWED.includes(x) && x`: the right side is only taken once the left validated it.
        const guarded = node.operator === '&&' && right.origins.length > 0 && isValidatedBranch(this.opts.sourceCode, node.left, node.right, true);
        return join(this.evaluate(node.left, d), guarded ? CLEAN : right, this.budget);
      }
      case 'ConditionalExpression':
        return join(this.validatedBranch(node.test, node.consequent, true, d), this.validatedBranch(node.test, node.alternate, false, d), this.budget);
      case 'AssignmentExpression':
        return this.evaluate(node.right, d);
      case 'SequenceExpression':
        return node.expressions.length > 0 ? this.evaluate(node.expressions[node.expressions.length - 1]!, d) : CLEAN;
      case 'ObjectExpression':
        return this.evalObject(node, d);
      case 'ArrayExpression': {
        let elements = CLEAN;
        for (const el of node.elements) {
          if (!el) continue;
          const v = el.type === 'SpreadElement' ? project(this.evaluate(el.argument, d), ELEMENT, el, this.budget) : this.evaluate(el, d);
          elements = join(elements, v, this.budget);
        }
        return objectValue(new Map([[ELEMENT, elements]]));
      }
      default:
        return CLEAN;
    }
  }

  private evalIdentifier(node: TSESTree.Identifier): Value {
    if (node.name === 'undefined') return CLEAN;
    const variable = this.refs.get(node);
    if (!variable) return CLEAN;
    this.read(variable);
    const value = this.env.get(variable) ?? CLEAN;
    // Imported or destructured module members: the tracker reports the declaring node.
    const def = variable.defs[0];
    if (def) {
      const declared = variable.identifiers[0] as Node | undefined;
      const hit = this.hits.get(def.node) ?? (declared?.parent ? this.hits.get(declared.parent) : undefined);
      if (hit) return join(value, this.hitValue(hit), this.budget);
    }
    return value;
  }

  private readonly schemaResolver: SchemaResolver = {
    constInit: (id) => {
      const def = this.refs.get(id)?.defs[0];
      if (def?.node.type !== 'VariableDeclarator' || (def.node.parent).kind !== 'const') return null;
      return def.node.init ?? null;
    },
    isZod: (id) => {
      const variable = this.refs.get(id);
      const def = variable?.defs[0];
      if (!def) return id.name === 'z' && !variable;
      return def.type === 'ImportBinding' && /^zod(\/|$)/.test(String((def.parent as TSESTree.ImportDeclaration).source.value));
    },
  };

  /** The function and position of a parameter that `id` refers to, if it is one. */
  paramOf(id: TSESTree.Identifier): { fn: FunctionNode; index: number } | null {
    const def = this.refs.get(id)?.defs[0];
    if (def?.type !== 'Parameter' || !isFunctionNode(def.node)) return null;
    const fn = def.node;
    const index = fn.params.findIndex((p) => p === def.name || (p.type === 'AssignmentPattern' && p.left === def.name));
    return index >= 0 ? { fn, index } : null;
  }

  /**
   * Argument nodes that flow into a parameter at the recorded call sites of its function (one
   * level): options objects passed through a local wrapper (`parse(xml, { noent: true })`).
   */
  argumentsAtCallSites(node: Node): Node[] {
    const target = unwrapTS(node as TSESTree.Expression);
    const param = target.type === 'Identifier' ? this.paramOf(target) : null;
    if (!param || this.handlerFns.has(param.fn)) return [];
    const out: Node[] = [];
    for (const site of this.callSites.get(param.fn)?.values() ?? []) {
      const call = site.node;
      const args = call.type === 'CallExpression' || call.type === 'NewExpression' ? call.arguments : [];
      const arg = args[param.index];
      if (arg && arg.type !== 'SpreadElement') out.push(arg);
    }
    return out;
  }

  /** What a value held by a parameter of a local function is at that function's call sites. */
  valuesAtCallSites(value: Value): Value[] {
    const out: Value[] = [];
    for (const o of value.origins) {
      if (o.kind !== 'param' || this.handlerFns.has(o.fn)) continue;
      for (const site of this.callSites.get(o.fn)?.values() ?? []) out.push(substitute(fromOrigins([o]), o.fn, site.args, this.budget));
    }
    return out;
  }

  /** True for references to globals (`JSON`, `Number`, `decodeURIComponent`), declared or not. */
  isGlobal(id: TSESTree.Identifier): boolean {
    const variable = this.refs.get(id);
    return !variable || (variable.defs.length === 0 && variable.scope.type === 'global');
  }

  private hitValue(hit: ModuleHit): Value {
    if (hit.kind === 'sink' && hit.how === 'read') return { origins: [], objs: [{ kind: 'sinkFn', sink: hit.sink }] };
    if (hit.kind === 'unsafeYamlSchema') return UNSAFE_SCHEMA;
    return CLEAN;
  }

  private evalMember(node: TSESTree.MemberExpression, d: number): Value {
    const hit = this.hits.get(node);
    if (hit) {
      const v = this.hitValue(hit);
      if (v !== CLEAN) return v;
    }
    const object = unwrapTS(node.object);
    if (object.type === 'ThisExpression') {
      const name = staticPropertyName(node);
      const method = name ? this.classMethodOf(node, name) : null;
      if (method) return { origins: [], objs: [{ kind: 'fn', fn: method }] };
      const cls = this.classOf(node);
      if (cls) this.read(cls);
      const fields = cls ? this.fields.get(cls) : undefined;
      return fields ? project(fields, name ?? ANY_KEY, node, this.budget) : CLEAN;
    }
    let key = staticPropertyName(node);
    if (node.computed && key === null) {
      const prop = this.evaluate(node.property, d);
      key = prop.str ?? ANY_KEY;
    }
    if (key === null) key = ANY_KEY;
    if (/^\d+$/.test(key)) key = ELEMENT;
    if (key === 'length' && !node.computed) return CLEAN;
    const base = this.evaluate(object, d);
    let result = project(base, key, node, this.budget);
    if (isUnsafeSchema(base)) result = join(result, UNSAFE_SCHEMA, this.budget);
    if (base.objs) {
      for (const obj of base.objs) {
        if (obj.kind === 'classInstance' || obj.kind === 'class') {
          const method = classMethod(obj.node, key);
          if (method) result = withObj({ kind: 'fn', fn: method }, result);
          // `static EMAIL = /…/`: constant class fields (regexes, tables).
          const field = obj.kind === 'class' ? staticField(obj.node, key) : null;
          if (field) result = join(result, this.evaluate(field, d), this.budget);
        }
      }
    }
    this.recordEventPaths(result);
    return result;
  }

  private recordEventPaths(value: Value): void {
    for (const o of value.origins) {
      if (o.kind !== 'param' || o.index !== 0) continue;
      this.eventPaths.get(o.fn)?.add(o.path.join('.'));
    }
  }

  /** The class whose body contains `node` (for `this`), skipping nested non-arrow functions. */
  private classOf(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
    let current = node.parent;
    while (current && current.type !== 'ClassBody') {
      if ((current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression') && current.parent?.type !== 'MethodDefinition' && current.parent?.type !== 'PropertyDefinition') return null;
      current = current.parent;
    }
    return current?.type === 'ClassBody' ? (current.parent) : null;
  }

  private joinField(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, key: string, value: Value): void {
    const old = this.fields.get(cls) ?? CLEAN;
    const next = join(old, objectValue(new Map([[key, value]])), this.budget);
    if (next !== old) {
      this.fields.set(cls, next);
      this.touch(cls);
    }
  }

  private classMethodOf(node: Node, name: string): FunctionNode | null {
    let current = node.parent;
    while (current && current.type !== 'ClassBody') current = current.parent;
    return current?.type === 'ClassBody' ? classMethod(current.parent, name) : null;
  }

  private evalObject(node: TSESTree.ObjectExpression, d: number): Value {
    const props = new Map<string, Value>();
    let origins: readonly Origin[] = [];
    // Keys written after the last spread that carried origins override that spread.
    const shadow = new Set<string>();
    for (const prop of node.properties) {
      if (prop.type === 'SpreadElement') {
        const spread = this.evaluate(prop.argument, d);
        // A later spread overrides earlier explicit keys: its own known keys replace them.
        if (spread.props) for (const [k, v] of spread.props) props.set(k, spread.origins.length > 0 ? join(props.get(k) ?? CLEAN, v, this.budget) : v);
        if (spread.origins.length > 0) {
          origins = [...origins, ...spread.origins];
          shadow.clear();
        }
        continue;
      }
      const key = staticPropertyName(prop) ?? ANY_KEY;
      const value = this.evaluate(prop.value, d);
      if (origins.length > 0) {
        if (key !== ANY_KEY) shadow.add(key);
        props.set(key, value);
      } else {
        props.set(key, join(props.get(key) ?? CLEAN, value, this.budget));
      }
    }
    return objectValue(props, origins, shadow);
  }

  private argValues(args: readonly TSESTree.CallExpressionArgument[], d: number): Value[] {
    return args.map((a) => (a.type === 'SpreadElement' ? project(this.evaluate(a.argument, d), ELEMENT, a, this.budget) : this.evaluate(a, d)));
  }

  /** Unknown call: the taint of the receiver and of primitive arguments passes to the result. */
  private passThrough(values: readonly Value[]): Value {
    let out = CLEAN;
    for (const v of values) {
      if (v.props && !v.props.has(ELEMENT)) continue; // parameter objects (SDK/DB params) do not pass
      out = join(out, seal(v, this.budget), this.budget);
      if (isUnsafeSchema(v)) out = join(out, UNSAFE_SCHEMA, this.budget);
    }
    return out;
  }

  private callLocal(fn: FunctionNode, call: Node, args: readonly Value[]): Value {
    const sites = innerMap(this.callSites, fn);
    const old = sites.get(call);
    if (!old || !sameArgs(old.args, args, this.budget)) {
      const merged = old ? joinArgs(old.args, args, this.budget) : args;
      sites.set(call, { node: call, args: merged, caller: this.enclosingFunction(call) });
    }
    this.read(fn);
    this.dispatchCallbacks(fn, args);
    const ret = this.rets.get(fn) ?? CLEAN;
    // A recursive call (`redact(item)` inside `redact`) sees the summary without its known
    // properties: substituting the full summary into itself nests it one level deeper every pass,
    // so the fixed point would only stop at the depth bound. The origins still flow (`redact(x)`
    // carries x's taint); only the per-field shape of the recursive part is given up.
    if (ret.props && this.isInside(call, fn)) return substitute(shallow(ret), fn, args, this.budget);
    return substitute(ret, fn, args, this.budget);
  }

  /**
   * `fn(record)`, `opts.onItem(record)` or `fn.call(null, record)` where `fn`/`opts` is a parameter
   * of an enclosing function: remembered (see {@link paramCalls}).
   */
  private noteParamCall(callee: Value, call: Node, args: readonly Value[]): void {
    for (const o of callee.origins) {
      if (o.kind === 'param' && !o.sealed && o.path.length <= MAX_CALLBACK_PATH) this.addParamCall(o.fn, { index: o.index, path: o.path }, call, args);
    }
  }

  /** Records that `fn` calls what its parameter holds at `target` at `call`; touches `fn` when new. */
  private addParamCall(fn: FunctionNode, target: CallbackTarget, call: Node, args: readonly Value[]): void {
    const calls = innerMap(this.paramCalls, fn);
    const old = calls.get(call);
    const known = old?.targets.some((t) => t.index === target.index && t.path.join('.') === target.path.join('.')) ?? false;
    if (known && sameArgs(old!.args, args, this.budget)) return;
    const merged = old ? joinArgs(old.args, args, this.budget) : args;
    calls.set(call, { targets: known ? old!.targets : [...(old?.targets ?? []), target], args: merged });
    this.touch(fn);
  }

  /**
   * A call of `fn` passing local functions where `fn` calls that parameter: each such callback is
   * called there (a call site of the callback, in `fn`), so its parameters receive the arguments
   * (`each(event.Records, (r) => exec(r.body))`). A callback that is itself a parameter of the
   * caller (`outer(cb)` calling `each(items, cb)`) makes the caller call it there too. A callback
   * that calls a callback parameter of its own dispatches in turn, to a bounded depth.
   */
  private dispatchCallbacks(fn: FunctionNode, args: readonly Value[]): void {
    const calls = this.paramCalls.get(fn);
    if (!calls || this.dispatchDepth >= MAX_DISPATCH_DEPTH) return;
    this.dispatchDepth++;
    try {
      for (const [call, { targets, args: callArgs }] of calls) {
        for (const { index, path } of targets) {
          let value = args[index] ?? CLEAN;
          for (const key of path) value = project(value, key, call, this.budget);
          const handedOn = value.origins.filter((o): o is ParamOrigin => o.kind === 'param' && !o.sealed && o.fn !== fn && o.path.length <= MAX_CALLBACK_PATH);
          if (!value.objs?.length && handedOn.length === 0) continue;
          // The arguments as this call site of `fn` gives them: a callback passed here does not
          // see what other callers of `fn` pass.
          const here = callArgs.map((a) => substitute(a, fn, args, this.budget));
          for (const obj of value.objs ?? []) {
            if (obj.kind === 'fn' && obj.fn !== fn) this.callLocal(obj.fn, call, here);
            else if (obj.kind === 'sinkFn') this.noteCallbackSink(call, obj.sink, here);
          }
          for (const o of handedOn) this.addParamCall(o.fn, { index: o.index, path: o.path }, call, here);
        }
      }
    } finally {
      this.dispatchDepth--;
    }
  }

  /** A sink function reaches `call` through a parameter, called there with `args`. */
  private noteCallbackSink(call: Node, sink: SinkModel, args: readonly Value[]): void {
    const sinks = innerMap(this.callbackSinks, call);
    const old = sinks.get(sink);
    sinks.set(sink, old ? joinArgs(old, args, this.budget) : args);
  }

  /** A branch of `test ? a : b`: nothing when it is the very value the test validated (`RE.test(q) ? q : 'unknown'`). */
  private validatedBranch(test: Node, branch: Node, whenTrue: boolean, d: number): Value {
    const value = this.evaluate(branch, d);
    return value.origins.length > 0 && isValidatedBranch(this.opts.sourceCode, test, branch, whenTrue) ? CLEAN : value;
  }

  /** True when `node` lies in the body of `fn` (directly or in a function nested in it). */
  private isInside(node: Node, fn: FunctionNode): boolean {
    for (let current = this.enclosingFunction(node); current; current = this.enclosingFunction(current)) if (current === fn) return true;
    return false;
  }

  private callValue(callee: Value, call: Node, args: readonly Value[]): Value | null {
    if (!callee.objs) return null;
    let result: Value | null = null;
    for (const obj of callee.objs) {
      if (obj.kind === 'fn') result = join(result ?? CLEAN, this.callLocal(obj.fn, call, args), this.budget);
      else if (obj.kind === 'sinkFn') result ??= CLEAN;
      else if (obj.kind === 'resolver') {
        const old = this.resolved.get(obj.promise) ?? CLEAN;
        const next = join(old, args[0] ?? CLEAN, this.budget);
        if (next !== old) {
          this.resolved.set(obj.promise, next);
          this.touch(obj.promise);
        }
        result ??= CLEAN;
      }
    }
    return result;
  }

  private evalCall(node: TSESTree.CallExpression, d: number): Value {
    const hit = this.hits.get(node);
    const args = this.argValues(node.arguments, d);
    if (hit) {
      switch (hit.kind) {
        case 'sink':
          // Parsers and deserializers return the (attacker) data they read; command output does not.
          return hit.sink.family === 'command' ? CLEAN : this.passThrough(args);
        case 'transfer':
          if (hit.transfer.effect === 'clean') {
            const families = hit.transfer.families;
            if (families === 'all' || families === undefined) return CLEAN;
            return cleanFor(joinAll(args, this.budget), families.reduce((m, f) => m | familyBit(f), 0), this.budget);
          }
          return join(args[0] ?? CLEAN, seal(joinAll(args.slice(1), this.budget), this.budget), this.budget);
        case 'promisify':
          return { origins: [], objs: (args[0]?.objs ?? []).filter((o) => o.kind === 'sinkFn' || o.kind === 'fn') };
        case 'unsafeYamlSchema':
          return UNSAFE_SCHEMA;
        case 'batchProcess': {
          const record = project(project(args[0] ?? CLEAN, 'Records', node, this.budget), ELEMENT, node, this.budget);
          this.callValue(args[1] ?? CLEAN, node, [record]);
          return CLEAN;
        }
        default:
          break;
      }
    }
    const callee = unwrapTS(node.callee);
    if (callee.type === 'Identifier') {
      const name = callee.name;
      const local = this.evaluate(callee, d);
      const called = this.callValue(local, node, args);
      if (called) return called;
      this.noteParamCall(local, node, args);
      const foreign = this.foreignTarget(callee, null, args, node);
      if (foreign === APPROX) return this.approximate(args);
      if (foreign) return this.callForeign(node, foreign, args);
      if (this.isGlobal(callee)) {
        if (CLEAN_GLOBAL_CALLS.has(name)) return CLEAN;
        // encodeURIComponent leaves no quote, `$`, backtick, `;`, `|`, `&`, space or newline: a
        // command argument can no longer break out. (`'`, `(`, `*` survive: not clean for code/regex.)
        if (name === 'encodeURIComponent') return cleanFor(args[0] ?? CLEAN, familyBit('command'), this.budget);
        if (DECODERS.has(name)) return seal(args[0] ?? CLEAN, this.budget);
        if (name === 'require') return CLEAN;
      }
      return this.passThrough(args);
    }
    if (callee.type === 'MemberExpression') return this.evalMethodCall(node, callee, args, d);
    const calleeValue = this.evaluate(callee, d);
    return this.callValue(calleeValue, node, args) ?? this.passThrough(args);
  }

  private evalMethodCall(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, args: readonly Value[], d: number): Value {
    const method = staticPropertyName(callee) ?? '';
    const object = unwrapTS(callee.object);
    const objectName = object.type === 'Identifier' && this.isGlobal(object) ? object.name : null;
    if (objectName) {
      const qualified = `${objectName}.${method}`;
      if (CLEAN_STATIC_CALLS.has(qualified) || CLEAN_STATIC_CALLS.has(`${objectName}.*`)) return CLEAN;
      switch (qualified) {
        case 'JSON.parse':
          return parseJson(args[0] ?? CLEAN, node, this.budget);
        case 'JSON.stringify':
        case 'Buffer.from':
        case 'Buffer.concat':
        case 'String.raw':
          return seal(args[0] ?? CLEAN, this.budget);
        case 'Object.assign': {
          const target = node.arguments[0];
          const merged = joinAll(args, this.budget);
          if (target?.type === 'Identifier') this.bindPattern(target, merged);
          return merged;
        }
        case 'Object.keys':
          // Property names are attacker-chosen strings when the object comes from the event.
          return objectValue(new Map([[ELEMENT, seal(args[0] ?? CLEAN, this.budget)]]));
        case 'Object.entries': {
          // [key, value] pairs: keys are attacker-chosen strings too.
          const pair = new Map([['0', seal(args[0] ?? CLEAN, this.budget)], ['1', project(args[0] ?? CLEAN, ANY_KEY, node, this.budget)]]);
          return objectValue(new Map([[ELEMENT, objectValue(pair)]]));
        }
        case 'Object.values':
        case 'Array.from':
          return objectValue(new Map([[ELEMENT, project(args[0] ?? CLEAN, ANY_KEY, node, this.budget)]]));
        case 'Object.fromEntries':
          // An object whose every field may come from the entries.
          return seal(args[0] ?? CLEAN, this.budget);
        case 'RegExp.escape':
          return cleanFor(args[0] ?? CLEAN, familyBit('redos'), this.budget);
        case 'Promise.all':
        case 'Promise.allSettled':
        case 'Promise.race':
        case 'Promise.any':
        case 'Promise.resolve':
          return args[0] ?? CLEAN;
        default:
          break;
      }
    }
    if (object.type === 'Identifier') {
      const foreign = this.foreignTarget(object, method, args, node);
      if (foreign === APPROX) return this.approximate(args);
      if (foreign) return this.callForeign(node, foreign, args);
    }
    const receiver = this.evaluate(object, d);
    const foreignInstance = receiver.objs?.find((o): o is Extract<ObjRef, { kind: 'foreignInstance' }> => o.kind === 'foreignInstance');
    const foreignMethod = foreignInstance?.members.get(`${foreignInstance.cls}#${method}`) as ForeignFunction | undefined;
    if (foreignMethod) return this.callForeign(node, foreignMethod, args);
    // Local functions reached through objects, classes and `this`.
    const calleeValue = this.evaluate(callee, d);
    const local = this.callValue(calleeValue, node, args);
    if (local) return local;
    // fn.call(thisArg, ...args) / fn.apply(thisArg, array) / fn.bind(...)
    if (method === 'call' || method === 'apply' || method === 'bind') {
      if (method === 'bind') return receiver.objs ? { origins: [], objs: receiver.objs } : CLEAN;
      const shifted = method === 'call' ? args.slice(1) : [project(args[1] ?? CLEAN, ELEMENT, node, this.budget)];
      const viaCall = this.callValue(receiver, node, shifted);
      if (viaCall) return viaCall;
      this.noteParamCall(receiver, node, shifted);
    } else if (!CALLBACK_METHODS.has(method) && !PASS_METHODS.has(method) && !CLEAN_METHODS.has(method)) {
      // `opts.onItem(x)` with `opts` a parameter (built-in methods of strings and arrays aside).
      this.noteParamCall(calleeValue, node, args);
    }
    // Second-order source: S3 GetObject (v2 `s3.getObject(params)`, v3 aggregated client).
    if (method === 'getObject' || method === 'getObjectAsync') {
      const params = args[0] ?? CLEAN;
      const source = this.getObjectSource(node, project(params, 'Key', node, this.budget));
      const callback = args[args.length - 1];
      if (callback?.objs && args.length > 1) this.callValue(callback, node, [CLEAN, source]);
      return source;
    }
    if (method === 'send') {
      const command = args[0]?.objs?.find((o): o is Extract<ObjRef, { kind: 'getObjectCommand' }> => o.kind === 'getObjectCommand');
      if (command) return this.getObjectSource(command.node, command.key);
      return CLEAN;
    }
    if (MUTATORS.has(method) && object.type === 'Identifier') {
      // `acc.push(x)`, `set.add(x)`, `map.set(k, v)`: the collection now holds the arguments.
      const added = method === 'set' ? args[1] ?? CLEAN : joinAll(method === 'splice' ? args.slice(2) : args, this.budget);
      this.bindPattern(object, objectValue(new Map([[ELEMENT, added]])));
    }
    if (CALLBACK_METHODS.has(method)) {
      const cb = args[0];
      const fnObjs = cb?.objs?.filter((o) => o.kind === 'fn');
      if (fnObjs && fnObjs.length > 0 && cb) {
        const element = method === 'then' || method === 'catch' || method === 'finally' ? receiver : project(receiver, ELEMENT, node, this.budget);
        if (method === 'reduce' || method === 'reduceRight') {
          const acc = join(args[1] ?? CLEAN, this.callValue(cb, node, [args[1] ?? CLEAN, element]) ?? CLEAN, this.budget);
          return this.callValue(cb, node, [acc, element]) ?? CLEAN;
        }
        const ret = this.callValue(cb, node, method === 'catch' ? [CLEAN] : [element, CLEAN, receiver]) ?? CLEAN;
        switch (method) {
          case 'map':
            return objectValue(new Map([[ELEMENT, ret]]));
          case 'flatMap':
            return objectValue(new Map([[ELEMENT, project(ret, ELEMENT, node, this.budget)]]));
          case 'find':
          case 'findLast':
            return element;
          case 'filter':
          case 'sort':
            return receiver;
          case 'then':
          case 'catch':
          case 'finally':
            return ret;
          default:
            return CLEAN;
        }
      }
      if (method === 'map' || method === 'filter' || method === 'then') return receiver;
      if (method === 'find') return project(receiver, ELEMENT, node, this.budget);
      return CLEAN;
    }
    if (SCHEMA_METHODS.has(method)) {
      const shape = zodShape(object, this.schemaResolver);
      if (shape) {
        const parsed = applyShape(shape, args[0] ?? CLEAN, node, this.budget);
        return method.startsWith('safe') || method === 'spa' ? objectValue(new Map([['data', parsed]])) : parsed;
      }
    }
    if (method === 'replace' || method === 'replaceAll') {
      if (isRegexEscaper(node)) return cleanFor(receiver, familyBit('redos'), this.budget);
      const stripped = stripCleans(node);
      if (stripped) return cleanFor(receiver, stripped, this.budget);
      if (isSingleQuoteShellEscaper(node)) return cleanFor(receiver, familyBit('command'), this.budget);
      return seal(join(receiver, args[1] ?? CLEAN, this.budget), this.budget);
    }
    if (method === 'split' || method === 'match' || method === 'matchAll' || method === 'exec') {
      // Groups captured by an anchored allow-list regex (`/^release-(\d+\.\d+)$/`) are safe text.
      const regex = (method === 'exec' ? receiver : args[0])?.regex;
      if (method !== 'split' && regex && isRestrictiveAllowlistRegex(regex.source, regex.flags)) return CLEAN;
      const source = method === 'exec' ? args[0] ?? CLEAN : receiver;
      return objectValue(new Map([[ELEMENT, seal(source, this.budget)]]));
    }
    if (method === 'entries' && args.length === 0) {
      // `array.entries()`: [index, element] pairs; the index is a number.
      return objectValue(new Map([[ELEMENT, objectValue(new Map([['0', CLEAN], ['1', project(receiver, ELEMENT, node, this.budget)]]))]]));
    }
    if ((method === 'slice' || method === 'substring' || method === 'substr') && isSmallPrefix(node)) {
      return cleanFor(receiver, BOUNDED_BIT, this.budget);
    }
    if (method === 'digest') return CLEAN;
    // `map.get(key)`, `params.get('q')`: the stored values, not the key.
    if (method === 'get' && args.length <= 2) return project(receiver, ELEMENT, node, this.budget);
    // `buf.toString('hex' | 'base64')`: the alphabet carries no metacharacter of any sink family.
    if (method === 'toString' && node.arguments[0]?.type === 'Literal' && SAFE_ENCODINGS.has(String(node.arguments[0].value))) return CLEAN;
    if (CLEAN_METHODS.has(method)) return CLEAN;
    if (PASS_METHODS.has(method)) {
      // `x.toString()` keeps the receiver; `concat`/`join` add the arguments.
      return seal(join(receiver, joinAll(args, this.budget), this.budget), this.budget);
    }
    // Event-style APIs on attacker data (`stream.on('data', (chunk) => …)`) hand it to callbacks.
    if (receiver.origins.length > 0) {
      for (const arg of args) if (arg.objs?.some((o) => o.kind === 'fn')) this.callValue(arg, node, [seal(receiver, this.budget)]);
    }
    return this.passThrough([receiver, ...args]);
  }

  /**
   * The exported function of a local module that `id` (or `id.member`) names: `import { run } from
   * './run'`, `import * as lib from './lib'`, `const { run } = require('./run')`, `const lib = require('./lib')`.
   */
  private foreignTarget(id: TSESTree.Identifier, member: string | null, args?: readonly Value[], call?: Node): ForeignFunction | typeof APPROX | null {
    const binding = this.foreignBinding(id, args, call);
    if (binding === APPROX) return APPROX;
    if (!binding) return null;
    const { summary, imported } = binding;
    if (member !== null) {
      // `lib.run()` on a namespace import, or `Renderer.create()` on a class import.
      if (imported === '*' || imported === 'default') return summary.get(member) ?? summary.get(`default.${member}`) ?? null;
      return summary.get(`${imported}.${member}`) ?? null;
    }
    return summary.get(imported === '*' ? 'default' : imported) ?? null;
  }

  /** The local module and export name an identifier is bound to. */
  private foreignBinding(id: TSESTree.Identifier, args?: readonly Value[], call?: Node): { summary: ModuleSummary; imported: string } | typeof APPROX | null {
    if (!this.opts.foreign) return null;
    const variable = this.refs.get(id);
    const def = variable?.defs[0];
    const declared = variable?.identifiers[0];
    if (!def || !declared) return null;
    let specifier: string | null = null;
    let imported: string | null = null;
    if (def.type === 'ImportBinding') {
      const decl = def.parent as TSESTree.ImportDeclaration;
      specifier = String(decl.source.value);
      const spec = def.node as TSESTree.ImportClause;
      imported = spec.type === 'ImportSpecifier' ? (spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value)) : spec.type === 'ImportDefaultSpecifier' ? 'default' : '*';
    } else if (def.node.type === 'VariableDeclarator' && def.node.init) {
      const init = unwrapTS(def.node.init);
      if (init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && init.arguments[0]?.type === 'Literal') {
        specifier = String(init.arguments[0].value);
        if (def.node.id.type === 'Identifier') imported = '*';
        else if (def.node.id.type === 'ObjectPattern') {
          const prop = def.node.id.properties.find((p) => p.type === 'Property' && p.value === declared);
          imported = prop && prop.type === 'Property' ? staticPropertyName(prop) : null;
        }
      }
    }
    if (!specifier || !imported || !/^\.\.?\//.test(specifier)) return null;
    let summary = this.foreignSummaries.get(specifier);
    if (summary === undefined) {
      // Parsing a module is the dearest step of the analysis. Unless the module itself can
      // produce something (a sink, a regex, S3 object content), which its text shows, its summary
      // only shapes the call's result: useless when the arguments carry no taint or the result
      // is discarded (`logger.info(…)`, `await db.put(…)`).
      if (args && (isDiscarded(call) || args.every((a) => flatten(a, this.budget).length === 0)) && !this.foreignMatters(specifier)) return null;
      if (args && this.opts.approximateForeign && !this.foreignMatters(specifier)) return APPROX;
      summary = this.opts.foreign(specifier);
      this.foreignSummaries.set(specifier, summary);
    }
    return summary ? { summary, imported } : null;
  }

  private foreignMatters(specifier: string): boolean {
    let verdict = this.foreignSignals.get(specifier);
    if (verdict === undefined) {
      verdict = this.opts.foreignMayMatter?.(specifier) ?? true;
      this.foreignSignals.set(specifier, verdict);
    }
    return verdict;
  }

  /** What an imported helper asserts about its parameters (for guards). */
  foreignAsserts(id: TSESTree.Identifier): readonly AssertedParam[] | null {
    const target = this.foreignTarget(id, null);
    return target && target !== APPROX ? target.asserts : null;
  }

  /** The result of an unsummarised local module call: all argument taint, sealed, marked. */
  private approximate(args: readonly Value[]): Value {
    const sealed = seal(joinAll(args, this.budget), this.budget);
    return sealed.origins.length === 0 ? CLEAN : fromOrigins(sealed.origins.map((o) => ({ ...o, approx: true as const })));
  }

  /** `new Renderer(…)` for a class exported by a local module: its members, keyed `Class#method`. */
  private foreignClass(id: TSESTree.Identifier): { members: ModuleSummary; cls: string } | null {
    for (const suffix of ['#constructor', '']) {
      const target = this.foreignTargetNamed(id, suffix);
      if (target) return target;
    }
    return null;
  }

  private foreignTargetNamed(id: TSESTree.Identifier, suffix: string): { members: ModuleSummary; cls: string } | null {
    const binding = this.foreignBinding(id);
    if (!binding || binding === APPROX) return null;
    const cls = binding.imported === '*' ? 'default' : binding.imported;
    const members = binding.summary;
    for (const name of members.keys()) if (name.startsWith(`${cls}#`) || name.startsWith(`${cls}.`) || (suffix === '' && name === cls)) return { members, cls };
    return null;
  }

  private callForeign(node: Node, target: ForeignFunction, args: readonly Value[]): Value {
    const old = this.foreignCalls.get(node);
    if (!old || !sameArgs(old.args, args, this.budget)) {
      this.foreignCalls.set(node, { node, target, args: old ? joinArgs(old.args, args, this.budget) : args });
    }
    return substitute(target.ret, target.fn, args, this.budget);
  }

  private getObjectSource(node: Node, key: Value): Value {
    return { origins: [{ kind: 'source', label: 'S3 object content (GetObject)', node, key, steps: [], clean: 0 }] };
  }

  private evalNew(node: TSESTree.NewExpression, d: number): Value {
    const hit = this.hits.get(node);
    const args = this.argValues(node.arguments, d);
    if (hit?.kind === 'sink') {
      if (hit.sink.instanceMethods) return { origins: [], objs: [{ kind: 'instance', sink: hit.sink }] };
      if (hit.sink.check === 'regexCtor') return regexFromArgs(node, args);
      return CLEAN;
    }
    if (hit?.kind === 'getObjectCommand') {
      return { origins: [], objs: [{ kind: 'getObjectCommand', key: project(args[0] ?? CLEAN, 'Key', node, this.budget), node }] };
    }
    if (hit?.kind === 'transfer') return CLEAN;
    const callee = unwrapTS(node.callee);
    if (callee.type === 'Identifier') {
      const foreign = this.foreignClass(callee);
      if (foreign) {
        const ctor = foreign.members.get(`${foreign.cls}#constructor`);
        if (ctor) this.callForeign(node, ctor, args);
        return { origins: [], objs: [{ kind: 'foreignInstance', members: foreign.members, cls: foreign.cls }] };
      }
    }
    const calleeValue = this.evaluate(callee, d);
    const cls = calleeValue.objs?.find((o): o is Extract<ObjRef, { kind: 'class' }> => o.kind === 'class');
    if (cls) {
      const ctor = classMethod(cls.node, 'constructor');
      if (ctor) this.callLocal(ctor, node, args);
      return { origins: [], objs: [{ kind: 'classInstance', node: cls.node }] };
    }
    if (callee.type === 'Identifier' && this.isGlobal(callee)) {
      if (callee.name === 'Date') return CLEAN;
      if (callee.name === 'Promise') {
        // `new Promise((resolve) => … resolve(x))`: the promise holds whatever `resolve` receives.
        const executor = args[0];
        const resolver: Value = { origins: [], objs: [{ kind: 'resolver', promise: node }] };
        if (executor) this.callValue(executor, node, [resolver, CLEAN]);
        // Parameters are symbolic, so the inline executor's `resolve` is bound to the resolver itself.
        const inline = node.arguments[0] && unwrapTS(node.arguments[0] as TSESTree.Expression);
        if (isFunctionNode(inline) && inline.params[0]) this.bindPattern(inline.params[0], resolver);
        this.read(node);
        return this.resolved.get(node) ?? CLEAN;
      }
    }
    return this.passThrough(args);
  }

  // -------------------------------------------------------------------------------------------
  // Resolution

  /**
   * Functions that run on behalf of a handler: handlers, functions nested in them, and functions
   * called from code that runs on behalf of a handler (to a fixed point over recorded call sites).
   */
  reachable(): ReadonlySet<FunctionNode> {
    this.reachedCache ??= this.computeReachable();
    return this.reachedCache;
  }

  private reachedCache: ReadonlySet<FunctionNode> | undefined;

  private computeReachable(): ReadonlySet<FunctionNode> {
    // Walk breadth-first from the handlers over two edge kinds: a function reaches the functions
    // nested in it and the functions it calls. O(functions + call sites), however deep the nesting.
    const nested = new Map<FunctionNode, FunctionNode[]>();
    for (const fn of this.functions) {
      const parent = this.enclosingFunction(fn);
      if (!parent) continue;
      const list = nested.get(parent);
      if (list) list.push(fn);
      else nested.set(parent, [fn]);
    }
    const calls = new Map<FunctionNode, FunctionNode[]>();
    for (const [callee, sites] of this.callSites) {
      for (const site of sites.values()) {
        if (!site.caller) continue;
        const list = calls.get(site.caller);
        if (list) list.push(callee);
        else calls.set(site.caller, [callee]);
      }
    }
    const reached = new Set<FunctionNode>([...this.handlerFns.keys(), ...(this.opts.entries ?? [])]);
    const queue = [...reached];
    while (queue.length > 0) {
      const fn = queue.pop()!;
      for (const next of [...(nested.get(fn) ?? []), ...(calls.get(fn) ?? [])]) {
        if (reached.has(next)) continue;
        reached.add(next);
        queue.push(next);
      }
    }
    return reached;
  }

  /** True when code at `node` runs on behalf of a handler. */
  inHandlerContext(node: Node, reached: ReadonlySet<FunctionNode>): boolean {
    let fn = this.enclosingFunction(node);
    while (fn) {
      if (reached.has(fn)) return true;
      fn = this.enclosingFunction(fn);
    }
    return false;
  }

  /** Resolves origins reaching a sink of a family to attacker sources (empty when none). */
  resolve(origins: readonly Origin[], familyMask: number, ctx: ResolveContext): ResolvedSource[] {
    const out: ResolvedSource[] = [];
    const visited = new Set<string>();
    for (const o of origins) this.resolveOne(o, familyMask, ctx, 0, visited, out);
    return out;
  }

  /** `s3.getObject()`, `new GetObjectCommand()` */
  private describeCall(node: Node): string {
    if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return this.opts.sourceCode.getText(node).slice(0, 60);
    const callee = this.opts.sourceCode.getText(node.callee).replace(/\s+/g, '');
    return `${node.type === 'NewExpression' ? 'new ' : ''}${callee.length > 50 ? `…${callee.slice(-50)}` : callee}()`;
  }

  private resolveOne(o: Origin, familyMask: number, ctx: ResolveContext, depth: number, visited: Set<string>, out: ResolvedSource[]): void {
    if (out.length >= 4) return;
    if (o.clean & familyMask) return;
    const names = o.steps.map((s) => s.name);
    if (o.kind === 'source') {
      // GetObject content is attacker data in S3-triggered code, or when the key comes from the event.
      let tainted = ctx.fileHandlesS3;
      if (!tainted && o.key) tainted = this.resolve(flatten(o.key, this.budget), 0, { ...ctx, fileHandlesS3: false }).length > 0;
      if (tainted) {
        out.push({ label: o.label, path: this.describeCall(o.node), line: o.node.loc.start.line, steps: o.steps, names, texts: [], trigger: 's3' });
      }
      return;
    }
    if (this.opts.entries?.has(o.fn)) {
      out.push({ label: '', path: '', line: o.at.loc.start.line, steps: o.steps, names, texts: [], trigger: null, symbolic: { fn: o.fn, index: o.index, path: o.path, sealed: o.sealed, clean: o.clean } satisfies ParamRef });
      return;
    }
    const handler = this.handlerFns.get(o.fn);
    if (handler) {
      const param = o.fn.params[o.index];
      const root = paramName(param) ?? (o.index === 0 ? DEFAULT_EVENT_NAME[handler.typedTrigger ?? ''] ?? 'event' : 'context');
      const trigger = ctx.triggerOf(o.fn);
      const verdict = o.index === 0 ? judgeEventPath(ctx.model(trigger), o.path) : o.index === 1 ? judgeContextPath(o.path) : { tainted: false, label: '' };
      if (verdict.tainted) {
        out.push({
          label: verdict.label,
          path: renderPath(root, o.path),
          line: o.at.loc.start.line,
          steps: o.steps,
          names,
          texts: [this.opts.sourceCode.getText(o.at)],
          trigger,
        });
      }
      return;
    }
    if (depth >= MAX_RESOLVE_DEPTH) {
      this.budget.exhausted++;
      return;
    }
    const key = `${o.fn.range[0]}|${o.index}|${o.path.join('.')}|${o.sealed}`;
    if (visited.has(key)) return;
    visited.add(key);
    const sites = this.callSites.get(o.fn);
    if (!sites) return;
    for (const site of sites.values()) {
      const arg = substitute(fromOrigins([{ ...o, steps: [] }]), o.fn, site.args, this.budget);
      const found: ResolvedSource[] = [];
      for (const inner of flatten(arg, this.budget)) this.resolveOne(inner, familyMask, ctx, depth + 1, visited, found);
      for (const r of found) {
        // A guard at the call site (`if (!ALLOWED.includes(x)) return; run(x)`) covers the callee.
        if (ctx.guardedAt(site.node, [...r.names, ...r.texts])) continue;
        if (out.length < 4) out.push({ ...r, steps: [...r.steps, ...o.steps], names: [...r.names, ...names] });
      }
    }
  }
}

/** What resolution needs to know about the file. */
export interface ResolveContext {
  triggerOf(fn: FunctionNode): TriggerId;
  model(id: TriggerId): TriggerModel;
  readonly fileHandlesS3: boolean;
  guardedAt(node: Node, names: readonly string[]): boolean;
}

/** The cells read, each once when there are enough of them for repeats to matter. */
function distinct(reads: Cell[]): readonly Cell[] {
  return reads.length > 8 ? [...new Set(reads)] : reads;
}

/** Marks a local module call answered by {@link Engine.approximate} instead of a summary. */
const APPROX = Symbol('approximate');

/** A call whose value nobody reads: `f();`, `await f();`, `void f();`, `a?.f();`. */
function isDiscarded(call: Node | undefined): boolean {
  let node = call;
  while (node?.parent) {
    const parent: Node = node.parent;
    if (parent.type === 'ExpressionStatement') return true;
    const passes =
      parent.type === 'AwaitExpression' ||
      parent.type === 'ChainExpression' ||
      parent.type === 'TSNonNullExpression' ||
      parent.type === 'TSAsExpression' ||
      (parent.type === 'UnaryExpression' && parent.operator === 'void');
    if (!passes) return false;
    node = parent;
  }
  return false;
}

function literalValue(node: TSESTree.Literal): Value {
  if ('regex' in node && node.regex) return { origins: [], regex: { source: node.regex.pattern, flags: node.regex.flags, node } };
  return typeof node.value === 'string' ? stringValue(node.value) : CLEAN;
}

/** A js-yaml schema that revives functions (`DEFAULT_FULL_SCHEMA`, `js-yaml-js-types`). */
const UNSAFE_SCHEMA: Value = { origins: [], objs: [{ kind: 'unsafeYamlSchema' }] };

export function isUnsafeSchema(value: Value): boolean {
  return value.objs?.some((o) => o.kind === 'unsafeYamlSchema') ?? false;
}

function classMethod(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): FunctionNode | null {
  for (const member of cls.body.body) {
    if ((member.type === 'MethodDefinition' || member.type === 'PropertyDefinition') && staticPropertyName(member) === name) {
      const value = member.value && unwrapTS(member.value as TSESTree.Expression);
      if (isFunctionNode(value)) return value;
    }
  }
  return null;
}

function staticField(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): Node | null {
  for (const member of cls.body.body) {
    if (member.type === 'PropertyDefinition' && member.static && member.value && staticPropertyName(member) === name && !isFunctionNode(member.value)) return member.value;
  }
  return null;
}

/** Argument values joined position by position (a call seen again with other arguments). */
function joinArgs(old: readonly Value[], args: readonly Value[], budget: Budget): Value[] {
  return args.map((a, i) => join(old[i] ?? CLEAN, a, budget));
}

/** The map stored under `key`, created empty on first use. */
function innerMap<K, IK, IV>(outer: Map<K, Map<IK, IV>>, key: K): Map<IK, IV> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

function sameArgs(a: readonly Value[], b: readonly Value[], budget: Budget): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (join(a[i]!, b[i]!, budget) !== a[i]) return false;
  return true;
}

/**
 * `s.replace(/'/g, "'\\''")`: the POSIX idiom for quoting inside single quotes (close, escaped
 * quote, reopen); the helper that uses it wraps the result in single quotes.
 */
function isSingleQuoteShellEscaper(node: TSESTree.CallExpression): boolean {
  const [pattern, replacement] = node.arguments;
  if (pattern?.type !== 'Literal' || !('regex' in pattern) || !pattern.regex || pattern.regex.pattern !== "'" || !pattern.regex.flags.includes('g')) return false;
  const text = replacement?.type === 'Literal' ? replacement.value : replacement?.type === 'TemplateLiteral' && replacement.expressions.length === 0 ? replacement.quasis[0]?.value.cooked : null;
  return text === "'\\''" || text === `'"'"'`;
}

/** `s.slice(0, 200)`: the result is at most {@link MAX_BOUNDED_LENGTH} characters long. */
function isSmallPrefix(node: TSESTree.CallExpression): boolean {
  const [start, end] = node.arguments;
  const num = (n: Node | undefined): number | null => (n?.type === 'Literal' && typeof n.value === 'number' ? n.value : null);
  return num(start) === 0 && (num(end) ?? Infinity) <= MAX_BOUNDED_LENGTH;
}

/** `x.replace(/[^\w.-]/g, '_')`: the families for which the surviving alphabet is harmless. */
function stripCleans(node: TSESTree.CallExpression): number {
  const [pattern, replacement] = node.arguments;
  if (pattern?.type !== 'Literal' || !('regex' in pattern) || !pattern.regex || !pattern.regex.flags.includes('g')) return 0;
  if (replacement?.type !== 'Literal' || typeof replacement.value !== 'string' || !/^[\w .-]*$/.test(replacement.value)) return 0;
  const families = strippedFamilies(pattern.regex.pattern, pattern.regex.flags);
  // A space in the replacement re-introduces what the command alphabet excludes.
  return replacement.value.includes(' ') ? families & ~familyBit('command') : families;
}

/** `x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')` — the usual hand-written regex escaper. */
function isRegexEscaper(node: TSESTree.CallExpression): boolean {
  const [pattern, replacement] = node.arguments;
  if (pattern?.type !== 'Literal' || !('regex' in pattern) || !pattern.regex) return false;
  if (replacement?.type !== 'Literal' || typeof replacement.value !== 'string') return false;
  if (!/^\\\\?\$&$/.test(replacement.value)) return false;
  const cls = pattern.regex.pattern;
  return ['.', '*', '+', '?', '(', ')', '[', '|'].every((ch) => cls.includes(ch)) && pattern.regex.flags.includes('g');
}

function regexFromArgs(node: TSESTree.NewExpression | TSESTree.CallExpression, args: readonly Value[]): Value {
  const source = args[0]?.str;
  if (source === undefined) return CLEAN;
  const flags = args[1]?.str ?? '';
  return { origins: [], regex: { source, flags, node } };
}

