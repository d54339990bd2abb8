/**
 * Schema validators as sanitizers: a zod schema's `parse`/`safeParse` result is clean where the
 * schema is narrow (`enum`, `literal`, `number`, `boolean`, `uuid`, `int`, an anchored allow-list
 * `regex`, …) and keeps the input's taint where it only validates shape (`string()`). Objects and
 * arrays are followed field by field; unknown keys are stripped by `z.object`, so they are dropped.
 *
 * Under-approximates: schemas built dynamically or imported from other files (treated as
 * shape-only, so taint passes), `superRefine`/`refine` predicates (not trusted as sanitizers).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName, unwrapTS } from '../ast.js';
import { isRestrictiveAllowlistRegex } from '../regex/index.js';
import type { Node, Value } from '../types.js';
import { CLEAN, ELEMENT, objectValue, project, type Budget } from './values.js';

export type SchemaShape =
  | { readonly kind: 'clean' }
  | { readonly kind: 'pass' }
  | { readonly kind: 'object'; readonly fields: ReadonlyMap<string, SchemaShape> }
  | { readonly kind: 'array'; readonly element: SchemaShape };

const CLEAN_SHAPE: SchemaShape = { kind: 'clean' };
const PASS_SHAPE: SchemaShape = { kind: 'pass' };

/** Base types whose values cannot carry attacker-chosen characters. */
const NARROW_BASES = new Set(['enum', 'nativeEnum', 'literal', 'number', 'boolean', 'bigint', 'date', 'nan', 'null', 'undefined', 'void', 'never', 'int', 'uuid', 'cuid', 'cuid2', 'ulid', 'ipv4', 'ipv6', 'iso']);
/** Refinements that narrow a string to a safe alphabet. */
const NARROW_REFINEMENTS = new Set(['uuid', 'cuid', 'cuid2', 'ulid', 'int', 'datetime', 'date', 'time', 'ip', 'ipv4', 'ipv6', 'nanoid', 'base64', 'base64url', 'hex', 'length', 'finite', 'positive', 'negative', 'nonnegative', 'nonpositive', 'multipleOf', 'safe']);
/** Chain links that keep a schema's shape. */
const NEUTRAL = new Set(['optional', 'nullable', 'nullish', 'default', 'catch', 'describe', 'trim', 'toLowerCase', 'toUpperCase', 'min', 'max', 'nonempty', 'readonly', 'brand', 'strict', 'strip', 'passthrough', 'required', 'partial', 'startsWith', 'endsWith', 'includes', 'email']);

export interface SchemaResolver {
  /** The initializer of a `const` binding, if `id` is one. */
  constInit(id: TSESTree.Identifier): Node | null;
  /** True when `id` is zod's namespace (`import { z } from 'zod'`, `import * as z from 'zod'`). */
  isZod(id: TSESTree.Identifier): boolean;
}

/** The shape of a zod schema expression, or null when `node` is not a recognisable zod schema. */
export function zodShape(raw: Node, resolver: SchemaResolver, depth = 0): SchemaShape | null {
  if (depth > 12) return null;
  const node = unwrapTS(raw as TSESTree.Expression) as Node;
  if (node.type === 'Identifier') {
    const init = resolver.constInit(node);
    return init ? zodShape(init, resolver, depth + 1) : null;
  }
  if (node.type !== 'CallExpression') return null;
  const callee = unwrapTS(node.callee);
  if (callee.type !== 'MemberExpression') return null;
  const method = staticPropertyName(callee) ?? '';
  const object = unwrapTS(callee.object);
  // Root: `z.string()`, `z.coerce.number()`
  if (object.type === 'Identifier' && resolver.isZod(object)) return baseShape(method, node, resolver, depth);
  if (object.type === 'MemberExpression' && object.object.type === 'Identifier' && resolver.isZod(object.object) && staticPropertyName(object) === 'coerce') {
    return NARROW_BASES.has(method) ? CLEAN_SHAPE : PASS_SHAPE;
  }
  const inner = zodShape(object, resolver, depth + 1);
  if (!inner) return null;
  if (NEUTRAL.has(method)) return inner;
  if (NARROW_REFINEMENTS.has(method)) return CLEAN_SHAPE;
  if (method === 'regex') {
    const arg = node.arguments[0];
    const re = arg && arg.type === 'Literal' && 'regex' in arg && arg.regex ? arg.regex : null;
    return re && isRestrictiveAllowlistRegex(re.pattern, re.flags) ? CLEAN_SHAPE : inner;
  }
  if (method === 'array' && inner) return { kind: 'array', element: inner };
  if (method === 'extend' || method === 'merge') return inner.kind === 'object' ? extendObject(inner, node.arguments[0], resolver, depth) : inner;
  if (method === 'pick' || method === 'omit') return inner;
  // transform/refine/pipe/other: the output is not known to be narrow.
  return PASS_SHAPE;
}

function baseShape(method: string, call: TSESTree.CallExpression, resolver: SchemaResolver, depth: number): SchemaShape {
  if (NARROW_BASES.has(method)) return CLEAN_SHAPE;
  const arg = call.arguments[0] as Node | undefined;
  switch (method) {
    case 'object':
    case 'strictObject':
    case 'looseObject':
      return arg ? objectShape(arg, resolver, depth) : PASS_SHAPE;
    case 'array':
      return { kind: 'array', element: (arg && zodShape(arg, resolver, depth + 1)) ?? PASS_SHAPE };
    case 'union':
    case 'discriminatedUnion': {
      const options = call.arguments[method === 'union' ? 0 : 1];
      if (options?.type !== 'ArrayExpression') return PASS_SHAPE;
      const shapes = options.elements.map((e) => (e && e.type !== 'SpreadElement' ? zodShape(e, resolver, depth + 1) : null));
      return shapes.every((s) => s?.kind === 'clean') ? CLEAN_SHAPE : PASS_SHAPE;
    }
    default:
      return PASS_SHAPE;
  }
}

function objectShape(arg: Node, resolver: SchemaResolver, depth: number): SchemaShape {
  const literal = unwrapTS(arg as TSESTree.Expression);
  if (literal.type !== 'ObjectExpression') return PASS_SHAPE;
  const fields = new Map<string, SchemaShape>();
  for (const prop of literal.properties) {
    if (prop.type !== 'Property') return PASS_SHAPE;
    const key = staticPropertyName(prop);
    if (key === null) return PASS_SHAPE;
    fields.set(key, zodShape(prop.value, resolver, depth + 1) ?? PASS_SHAPE);
  }
  return { kind: 'object', fields };
}

function extendObject(base: Extract<SchemaShape, { kind: 'object' }>, arg: Node | undefined, resolver: SchemaResolver, depth: number): SchemaShape {
  const extra = arg ? objectShape(arg, resolver, depth) : PASS_SHAPE;
  if (extra.kind !== 'object') return PASS_SHAPE;
  return { kind: 'object', fields: new Map([...base.fields, ...extra.fields]) };
}

/** The value of `schema.parse(input)`. */
export function applyShape(shape: SchemaShape, input: Value, at: Node, budget: Budget, depth = 0): Value {
  switch (shape.kind) {
    case 'clean':
      return CLEAN;
    case 'pass':
      return input;
    case 'array':
      return objectValue(new Map([[ELEMENT, applyShape(shape.element, project(input, ELEMENT, at, budget), at, budget, depth + 1)]]));
    case 'object': {
      if (depth > 6) return input;
      const props = new Map<string, Value>();
      for (const [key, field] of shape.fields) props.set(key, applyShape(field, project(input, key, at, budget), at, budget, depth + 1));
      return objectValue(props);
    }
  }
}
