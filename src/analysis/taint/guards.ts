/**
 * Allow-list guards that dominate a sink: `if (!ALLOWED.includes(x)) return …;`,
 * `if (/^[\w-]+$/.test(x)) { sink(x) }`, `x === 'a' || x === 'b'`, `typeof x === 'number'`,
 * `validator.isUUID(x)`, `isValidKey(x)`.
 *
 * Looks only at the sink's ancestors and at the statements before it in each enclosing block
 * (including enclosing functions, for closures). A guard is matched by the text of the value it
 * checks (`x`, `body.action`, `event.pathParameters.id`) against the names the tainted value had
 * on its way to the sink. Under-approximates guards in other functions that are not call sites on
 * the path, and guards whose checked expression is spelled differently.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName, unwrapTS } from '../ast.js';
import { isRestrictiveAllowlistRegex } from '../regex/index.js';
import type { FunctionNode, Node } from '../types.js';

const VALIDATOR_FUNCTIONS = /^(is(UUID|Uuid|Int|Integer|Numeric|Number|Alphanumeric|Alpha|Hexadecimal|MongoId|Base64|Slug|Port|Boolean|SafeInteger|Finite)|uuidValidate|validateUuid|isValid\w*|isAllowed\w*|isSafe\w*|isSupported\w*|isKnown\w*|isWhitelisted\w*|isAllowlisted\w*)$/;
const MEMBERSHIP_METHODS = new Set(['includes', 'has', 'hasOwnProperty']);

type Texts = Set<string>;

function text(sourceCode: TSESLint.SourceCode, node: Node): string {
  return sourceCode.getText(unwrapTS(node as TSESTree.Expression)).replace(/\s+/g, '').replace(/\?\./g, '.');
}

function union(a: Texts, b: Texts): Texts {
  return new Set([...a, ...b]);
}
function intersect(a: Texts, b: Texts): Texts {
  return new Set([...a].filter((x) => b.has(x)));
}

function isLiteral(node: Node): boolean {
  const n = unwrapTS(node as TSESTree.Expression);
  return (n.type === 'Literal' && n.value !== null && !('regex' in n && n.regex)) || (n.type === 'TemplateLiteral' && n.expressions.length === 0);
}

function isMinusOne(node: Node): boolean {
  return node.type === 'UnaryExpression' && node.operator === '-' && node.argument.type === 'Literal' && node.argument.value === 1;
}

/** Texts known to be validated when `test` evaluates to true. */
function positive(sc: TSESLint.SourceCode, raw: Node): Texts {
  const test = unwrapTS(raw as TSESTree.Expression);
  switch (test.type) {
    case 'UnaryExpression':
      return test.operator === '!' ? negative(sc, test.argument) : new Set();
    case 'LogicalExpression':
      if (test.operator === '&&') return union(positive(sc, test.left), positive(sc, test.right));
      if (test.operator === '||') return intersect(positive(sc, test.left), positive(sc, test.right));
      return new Set();
    case 'CallExpression':
      return validatedByCall(sc, test);
    case 'BinaryExpression': {
      const { left, right, operator } = test;
      const bool = booleanComparison(test);
      if (bool) return bool.positive ? positive(sc, bool.expr) : negative(sc, bool.expr);
      if (operator === '===' || operator === '==') {
        if (isLiteral(right)) return typeofTarget(sc, left, right) ?? new Set([text(sc, left)]);
        if (isLiteral(left)) return typeofTarget(sc, right, left) ?? new Set([text(sc, right)]);
      }
      if (operator === 'in' && left.type !== 'PrivateIdentifier') return new Set([text(sc, left)]);
      const bounded = lengthBound(sc, test, true);
      if (bounded) return bounded;
      if ((operator === '!==' || operator === '!=' || operator === '>' || operator === '>=') && isIndexOf(left)) {
        if (isMinusOne(right) || (right.type === 'Literal' && right.value === 0 && operator === '>=')) return indexOfTarget(sc, left);
      }
      return new Set();
    }
    default:
      return new Set();
  }
}

/** Texts known to be validated when `test` evaluates to false. */
function negative(sc: TSESLint.SourceCode, raw: Node): Texts {
  const test = unwrapTS(raw as TSESTree.Expression);
  switch (test.type) {
    case 'CallExpression':
      return doctypeCheck(sc, test);
    case 'UnaryExpression':
      return test.operator === '!' ? positive(sc, test.argument) : new Set();
    case 'LogicalExpression':
      if (test.operator === '||') return union(negative(sc, test.left), negative(sc, test.right));
      if (test.operator === '&&') return intersect(negative(sc, test.left), negative(sc, test.right));
      return new Set();
    case 'BinaryExpression': {
      const { left, right, operator } = test;
      const bool = booleanComparison(test);
      if (bool) return bool.positive ? negative(sc, bool.expr) : positive(sc, bool.expr);
      if (operator === '!==' || operator === '!=') {
        if (isLiteral(right)) return typeofTarget(sc, left, right) ?? new Set([text(sc, left)]);
        if (isLiteral(left)) return typeofTarget(sc, right, left) ?? new Set([text(sc, right)]);
      }
      const bounded = lengthBound(sc, test, false);
      if (bounded) return bounded;
      if ((operator === '===' || operator === '==' || operator === '<') && isIndexOf(left)) {
        if (isMinusOne(right) || (right.type === 'Literal' && right.value === 0 && operator === '<')) return indexOfTarget(sc, left);
      }
      return new Set();
    }
    default:
      return new Set();
  }
}

/** Prefix of texts known to contain no DOCTYPE/ENTITY declaration: only XXE cares. */
export const NO_DTD_TAG = 'no-dtd:';
const DTD_MARKER = /<!(DOCTYPE|ENTITY)/i;

/** `/<!DOCTYPE/i.test(xml)`, `xml.includes('<!DOCTYPE')`: false means the XML declares no DTD. */
function doctypeCheck(sc: TSESLint.SourceCode, call: TSESTree.CallExpression): Texts {
  const callee = unwrapTS(call.callee);
  if (callee.type !== 'MemberExpression') return new Set();
  const method = staticPropertyName(callee);
  const receiver = unwrapTS(callee.object);
  const arg = call.arguments[0];
  if (!arg || arg.type === 'SpreadElement') return new Set();
  const regex = method === 'test' ? regexLiteralOf(sc, receiver) : null;
  if (regex && DTD_MARKER.test(regex.pattern.replace(/\\/g, '')) && regex.flags.includes('i')) {
    return new Set([NO_DTD_TAG + text(sc, arg)]);
  }
  if (method === 'includes' && arg.type === 'Literal' && typeof arg.value === 'string' && DTD_MARKER.test(arg.value)) {
    return new Set([NO_DTD_TAG + text(sc, receiver)]);
  }
  return new Set();
}

/** Prefix of texts whose length (not content) is validated: only polynomial regexes care. */
export const LENGTH_TAG = 'length:';
const MAX_BOUND = 2_000;

/**
 * `x.length < 200` (when `whenTrue`) or `x.length > 200` (when false, as in an early exit):
 * the value is at most a couple of thousand characters long.
 */
function lengthBound(sc: TSESLint.SourceCode, test: TSESTree.BinaryExpression, whenTrue: boolean): Texts | null {
  const isLength = (n: Node): n is TSESTree.MemberExpression => n.type === 'MemberExpression' && staticPropertyName(n) === 'length';
  const num = (n: Node): number | null => (n.type === 'Literal' && typeof n.value === 'number' ? n.value : null);
  let member: TSESTree.MemberExpression | null = null;
  let bound: number | null = null;
  let op = test.operator;
  if (isLength(test.left) && num(test.right) !== null) {
    member = test.left;
    bound = num(test.right);
  } else if (isLength(test.right) && test.left.type !== 'PrivateIdentifier' && num(test.left) !== null) {
    member = test.right;
    bound = num(test.left);
    op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, typeof op>)[op] ?? op;
  }
  if (!member || bound === null || bound > MAX_BOUND) return null;
  const upper = whenTrue ? op === '<' || op === '<=' : op === '>' || op === '>=';
  return upper ? new Set([LENGTH_TAG + text(sc, member.object)]) : null;
}

/** `E === true`, `E !== false`, `false === E`: the comparison stands for `E` or `!E`. */
function booleanComparison(test: TSESTree.BinaryExpression): { expr: Node; positive: boolean } | null {
  const isBool = (n: Node): n is TSESTree.BooleanLiteral => n.type === 'Literal' && typeof n.value === 'boolean';
  const lit = isBool(test.right) ? test.right : isBool(test.left) ? test.left : null;
  if (!lit) return null;
  const expr = lit === test.right ? test.left : test.right;
  if (expr.type === 'PrivateIdentifier') return null;
  const equal = test.operator === '===' || test.operator === '==';
  const notEqual = test.operator === '!==' || test.operator === '!=';
  if (!equal && !notEqual) return null;
  return { expr, positive: equal === lit.value };
}

function typeofTarget(sc: TSESLint.SourceCode, side: Node, literal: Node): Texts | null {
  if (side.type !== 'UnaryExpression' || side.operator !== 'typeof') return null;
  const value = literal.type === 'Literal' ? literal.value : null;
  return value === 'number' || value === 'boolean' || value === 'bigint' ? new Set([text(sc, side.argument)]) : new Set();
}

function isIndexOf(node: Node): node is TSESTree.CallExpression {
  return node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && staticPropertyName(node.callee) === 'indexOf';
}

function indexOfTarget(sc: TSESLint.SourceCode, call: TSESTree.CallExpression): Texts {
  const arg = call.arguments[0];
  return arg && arg.type !== 'SpreadElement' ? new Set([text(sc, arg)]) : new Set();
}

function validatedByCall(sc: TSESLint.SourceCode, call: TSESTree.CallExpression): Texts {
  const callee = unwrapTS(call.callee);
  const args = call.arguments.filter((a): a is TSESTree.Expression => a.type !== 'SpreadElement');
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : null;
  if (!name) return new Set();
  if (callee.type === 'MemberExpression') {
    if (MEMBERSHIP_METHODS.has(name) && args[0]) {
      // `ALLOWED.includes(x)` — but not `x.includes('..')`, which checks the value's own content.
      const receiver = unwrapTS(callee.object);
      if (receiver.type === 'Literal' || name !== 'includes' || !looksLikeValueCheck(receiver, args[0])) return new Set([text(sc, args[0])]);
      return new Set();
    }
    if (name === 'test' && args[0]) {
      const regex = regexLiteralOf(sc, unwrapTS(callee.object));
      return regex && isRestrictiveAllowlistRegex(regex.pattern, regex.flags) ? new Set([text(sc, args[0])]) : new Set();
    }
    if (name === 'hasOwn' || name === 'call') {
      const target = args[1];
      return target ? new Set([text(sc, target)]) : new Set();
    }
  }
  if (VALIDATOR_FUNCTIONS.test(name) && args[0]) return new Set([text(sc, args[0])]);
  return new Set();
}

/** The regex literal of `/re/` or of a `const RE = /re/` binding. */
function regexLiteralOf(sc: TSESLint.SourceCode, node: Node): { pattern: string; flags: string } | null {
  if (node.type === 'Literal' && 'regex' in node && node.regex) return node.regex;
  if (node.type !== 'Identifier') return null;
  const variable = findVariable(sc.getScope(node) as never, node) as { defs: { node: Node; parent?: Node }[] } | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.node.type !== 'VariableDeclarator' || (def.node.parent as TSESTree.VariableDeclaration | undefined)?.kind !== 'const') return null;
  const init = def.node.init && unwrapTS(def.node.init);
  return init?.type === 'Literal' && 'regex' in init && init.regex ? init.regex : null;
}

/** `value.includes('x')` checks the value itself, not membership of the value in a list. */
function looksLikeValueCheck(receiver: Node, arg: Node): boolean {
  return arg.type === 'Literal' || (arg.type === 'TemplateLiteral' && receiver.type !== 'ArrayExpression');
}

function exits(stmt: Node): boolean {
  switch (stmt.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'ContinueStatement':
    case 'BreakStatement':
      return true;
    case 'BlockStatement': {
      const last = stmt.body[stmt.body.length - 1];
      return last !== undefined && exits(last);
    }
    case 'ExpressionStatement': {
      // `process.exit(1)`, `callback(err); return` handled by blocks; `return callback(...)` above.
      const e = stmt.expression;
      return e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && staticPropertyName(e.callee) === 'exit';
    }
    default:
      return false;
  }
}

/** What a statement that precedes the sink validates: early exits, assertions, assertion helpers. */
/** A parameter an assertion helper validates (throws or returns unless it is valid). */
export interface AssertedParam {
  readonly index: number;
  /** '' for full validation, {@link LENGTH_TAG} for a length bound. */
  readonly tag: string;
}

/** Which parameters of helpers defined in other modules are asserted (from their summaries). */
export type AssertsOf = (callee: TSESTree.Identifier) => readonly AssertedParam[] | null;

/** The parameters a function validates with early exits or assertions before anything else runs. */
export function assertedParams(sc: TSESLint.SourceCode, fn: FunctionNode, depth = 1): AssertedParam[] {
  if (fn.body.type !== 'BlockStatement') return [];
  const params = fn.params.map((p) => (p.type === 'Identifier' ? p.name : null));
  const out: AssertedParam[] = [];
  for (const inner of fn.body.body) {
    for (const checked of validatedByStatement(sc, inner, depth)) {
      const tag = checked.startsWith(LENGTH_TAG) ? LENGTH_TAG : '';
      const index = params.indexOf(checked.slice(tag.length));
      if (index >= 0) out.push({ index, tag });
    }
  }
  return out;
}

function validatedByStatement(sc: TSESLint.SourceCode, stmt: Node, depth = 0, assertsOf?: AssertsOf): Texts {
  if (stmt.type === 'IfStatement' && !stmt.alternate && exits(stmt.consequent)) return negative(sc, stmt.test);
  // `if (!ALLOWED.includes(x)) { x = 'default'; }`: afterwards x is allowed or the constant.
  if (stmt.type === 'IfStatement' && !stmt.alternate) {
    const reset = resetToConstant(sc, stmt.consequent);
    if (reset) return new Set([...negative(sc, stmt.test)].filter((t) => t === reset));
  }
  // `try { assertValid(x) } catch { return 400 }`: past the try, the assertions in it held.
  if (stmt.type === 'TryStatement' && stmt.handler && exits(stmt.handler.body) && depth === 0) {
    let out: Texts = new Set();
    for (const inner of stmt.block.body) out = union(out, validatedByStatement(sc, inner, depth, assertsOf));
    return out;
  }
  if (stmt.type !== 'ExpressionStatement') return new Set();
  const expr = stmt.expression.type === 'AwaitExpression' ? stmt.expression.argument : stmt.expression;
  if (expr.type !== 'CallExpression') return new Set();
  const callee = unwrapTS(expr.callee);
  const cond = expr.arguments[0];
  const isAssert = (callee.type === 'Identifier' && callee.name === 'assert') || (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'assert');
  if (isAssert) return cond && cond.type !== 'SpreadElement' ? positive(sc, cond) : new Set();
  // `check(name)` where `function check(n) { if (!/^[a-z]+$/.test(n)) throw … }`, in this file or
  // imported from a local module (its summary lists what it asserts).
  if (callee.type !== 'Identifier' || depth !== 0) return new Set();
  const helper = localFunction(sc, callee);
  const asserted = helper ? assertedParams(sc, helper, depth + 1) : assertsOf?.(callee) ?? [];
  const out: Texts = new Set();
  for (const { index, tag } of asserted) {
    const arg = expr.arguments[index];
    if (arg && arg.type !== 'SpreadElement') out.add(tag + text(sc, arg));
  }
  return out;
}

/** The variable a block only assigns a constant to (`{ x = 'web'; }`), if that is all it does. */
function resetToConstant(sc: TSESLint.SourceCode, block: Node): string | null {
  const body = block.type === 'BlockStatement' ? block.body : [block];
  if (body.length !== 1) return null;
  const only = body[0]!;
  if (only.type !== 'ExpressionStatement' || only.expression.type !== 'AssignmentExpression' || only.expression.operator !== '=') return null;
  const { left, right } = only.expression;
  return left.type === 'Identifier' && isLiteral(right) ? text(sc, left) : null;
}

/** A function declared in this file under `id` (declaration or `const f = () => …`). */
function localFunction(sc: TSESLint.SourceCode, id: TSESTree.Identifier): FunctionNode | null {
  const variable = findVariable(sc.getScope(id) as never, id) as { defs: { node: Node }[] } | null;
  const def = variable?.defs.length === 1 ? variable.defs[0]!.node : null;
  if (def?.type === 'FunctionDeclaration') return def;
  if (def?.type === 'VariableDeclarator' && def.init) {
    const init = unwrapTS(def.init);
    if (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression') return init;
  }
  return null;
}

/**
 * Whether `branch`, taken when `test` is `whenTrue`, is itself the value that `test` validates:
 * `ALLOWED.has(r) ? r : 'us-east-1'`, `RE.test(q) && q`, `!RE.test(q) ? 'unknown' : q`.
 */
export function isValidatedBranch(sc: TSESLint.SourceCode, test: Node, branch: Node, whenTrue: boolean): boolean {
  const texts = whenTrue ? positive(sc, test) : negative(sc, test);
  return texts.size > 0 && texts.has(text(sc, branch));
}

/** Texts validated on every path to `node` (memoised by the caller if needed). */
export function validatedAt(sc: TSESLint.SourceCode, node: Node, assertsOf?: AssertsOf): Texts {
  let out: Texts = new Set();
  let child: Node = node;
  let parent = node.parent;
  for (let depth = 0; parent && depth < 400; depth++) {
    switch (parent.type) {
      case 'IfStatement':
      case 'ConditionalExpression':
        if (child === parent.consequent) out = union(out, positive(sc, parent.test));
        else if (child === parent.alternate) out = union(out, negative(sc, parent.test));
        break;
      case 'LogicalExpression':
        if (child === parent.right) out = union(out, parent.operator === '&&' ? positive(sc, parent.left) : parent.operator === '||' ? negative(sc, parent.left) : new Set());
        break;
      case 'SwitchCase':
      case 'BlockStatement':
      case 'Program':
      case 'StaticBlock': {
        // `switch (x) { case 'a': … }`: inside a literal case, x equals that literal.
        if (parent.type === 'SwitchCase' && parent.test && isLiteral(parent.test) && child !== parent.test) {
          out = union(out, new Set([text(sc, (parent.parent).discriminant)]));
        }
        const body = (parent.type === 'SwitchCase' ? parent.consequent : parent.body) as Node[];
        for (const stmt of body) {
          if (stmt === child) break;
          out = union(out, validatedByStatement(sc, stmt, 0, assertsOf));
        }
        break;
      }
      default:
        break;
    }
    child = parent;
    parent = parent.parent;
  }
  return out;
}

/**
 * True when one of `names` (variables or access texts of the tainted value) is validated at
 * `node`. `tags` admit weaker, family-specific checks: {@link LENGTH_TAG} (a length bound, enough
 * for polynomial regexes) and {@link NO_DTD_TAG} (DOCTYPE rejected, enough for XXE).
 */
export function isGuarded(sc: TSESLint.SourceCode, node: Node, names: readonly string[], tags: readonly string[] = [], assertsOf?: AssertsOf): boolean {
  if (names.length === 0) return false;
  const validated = validatedAt(sc, node, assertsOf);
  if (validated.size === 0) return false;
  return names.some((raw) => {
    const n = raw.replace(/\s+/g, '').replace(/\?\./g, '.');
    return validated.has(n) || tags.some((tag) => validated.has(tag + n));
  });
}
