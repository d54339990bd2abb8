/**
 * Abstract values and their lattice operations (join, property projection, sealing, cleaning,
 * substitution of parameter summaries). All operations are bounded: a value carries at most
 * {@link MAX_ORIGINS} origins, {@link MAX_PROPS} known properties, paths of at most
 * {@link MAX_PATH} segments and {@link MAX_STEPS} steps. Dropped origins are counted by the caller
 * through {@link Budget}; dropping only ever loses findings (silence, never a guess).
 */
import type { Node, ObjRef, Origin, RegexConst, Step, Value } from '../types.js';

export const MAX_ORIGINS = 12;
export const MAX_PROPS = 48;
export const MAX_PATH = 14;
export const MAX_STEPS = 8;
export const MAX_DEPTH = 5;

/** Segment marking that a value was parsed from a JSON string (`JSON.parse(body).x`). */
export const JSON_SEGMENT = '{json}';
/** Path segment for array elements and unknown computed keys. */
export const ELEMENT = '[]';
export const ANY_KEY = '*';

/**
 * Pseudo-family bit in an origin's `clean` mask: the value's length is bounded (`slice(0, 200)`),
 * which makes polynomial (not exponential) backtracking harmless.
 */
export const BOUNDED_BIT = 1 << 16;
/** Longest truncation that still counts as bounding a value for polynomial regexes. */
export const MAX_BOUNDED_LENGTH = 2_000;

export interface Budget {
  /** Number of times a bound was hit (for tests; the analysis went silent there). */
  exhausted: number;
}

export const CLEAN: Value = Object.freeze({ origins: Object.freeze([]) });



/**
 * Origins are immutable, so their identity keys are computed once (joins compare them a lot) and
 * kept on the origin itself, non-enumerable so that `{ ...origin, path }` does not copy a stale
 * key. (A WeakMap did the same job, but millions of short-lived ephemeron entries made every
 * young-generation GC slower for the whole lint run.)
 */
const KEY = Symbol('originKey');

function originKey(o: Origin): string {
  const cached = (o as { [KEY]?: string })[KEY];
  if (cached !== undefined) return cached;
  const key = o.kind === 'param' ? `p|${o.index}|${o.path.join('.')}|${o.sealed ? 1 : 0}|${o.clean}|${fnId(o.fn)}` : `s|${o.node.range[0]}|${o.clean}|${o.key ? o.key.origins.map(originKey).join(',') : ''}`;
  Object.defineProperty(o, KEY, { value: key, enumerable: false });
  return key;
}

function fnId(fn: Node): number {
  return fn.range[0] * 7 + fn.range[1];
}

function objKey(o: ObjRef): string {
  switch (o.kind) {
    case 'fn':
      return `fn${fnId(o.fn)}`;
    case 'sinkFn':
    case 'instance':
      return `${o.kind}${o.sink.label}`;
    case 'getObjectCommand':
      return `goc${o.node.range[0]}`;
    case 'resolver':
      return `res${o.promise.range[0]}`;
    case 'foreignInstance':
      return `fi${o.cls}`;
    case 'class':
    case 'classInstance':
      return `${o.kind}${o.node.range[0]}`;
    default:
      return o.kind;
  }
}

function mergeOrigins(a: readonly Origin[], b: readonly Origin[], budget: Budget): readonly Origin[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b.length > MAX_ORIGINS ? capOrigins(b, budget) : b;
  const keys = new Set(a.map(originKey));
  let out: Origin[] | null = null;
  for (const o of b) {
    const key = originKey(o);
    if (keys.has(key)) continue;
    keys.add(key);
    out ??= [...a];
    out.push(o);
  }
  return out ? capOrigins(out, budget) : a;
}

function capOrigins(list: readonly Origin[], budget: Budget): readonly Origin[] {
  if (list.length <= MAX_ORIGINS) return list;
  budget.exhausted++;
  return list.slice(0, MAX_ORIGINS);
}

function mergeObjs(a: readonly ObjRef[] | undefined, b: readonly ObjRef[] | undefined): readonly ObjRef[] | undefined {
  if (!b || b.length === 0) return a;
  if (!a || a.length === 0) return b;
  const keys = new Set(a.map(objKey));
  const extra = b.filter((o) => !keys.has(objKey(o)));
  return extra.length === 0 ? a : [...a, ...extra].slice(0, 16);
}

/** Least upper bound of two values. Returns `a` itself when `b` adds nothing. */
export function join(a: Value, b: Value, budget: Budget, depth = 0): Value {
  if (a === b || isEmpty(b)) return a;
  if (isEmpty(a)) return b;
  const origins = mergeOrigins(a.origins, b.origins, budget);
  const objs = mergeObjs(a.objs, b.objs);
  let props = a.props;
  if (b.props) {
    if (!props || depth >= MAX_DEPTH) {
      props = props ?? b.props;
    } else {
      let copy: Map<string, Value> | null = null;
      for (const [key, bv] of b.props) {
        const av = props.get(key);
        const joined = av ? join(av, bv, budget, depth + 1) : bv;
        if (joined !== av) {
          copy ??= new Map(props);
          if (copy.size >= MAX_PROPS && !copy.has(key)) {
            budget.exhausted++;
            continue;
          }
          copy.set(key, joined);
        }
      }
      if (copy) props = copy;
    }
  }
  const regexes = b.regex ? mergeRegexes(a, b) : { regex: a.regex, moreRegexes: a.moreRegexes };
  // Two different constant strings make "some constant": a lattice element above both, never
  // "empty" (which would make the fixed point flip between the two forever).
  const str = a.str !== undefined && a.str === b.str ? a.str : undefined;
  const strs = a.strs ?? b.strs ?? ((a.str !== undefined || b.str !== undefined) && str === undefined ? 'many' : undefined);
  const shadow = mergeShadow(a, b);
  if (origins === a.origins && objs === a.objs && props === a.props && regexes.regex === a.regex && regexes.moreRegexes === a.moreRegexes && str === a.str && strs === a.strs && shadow === a.shadow) return a;
  return build(origins, props, { objs, ...regexes, str, strs, shadow });
}

function isEmpty(v: Value): boolean {
  return v.origins.length === 0 && !v.props && !v.objs && !v.regex && v.str === undefined && !v.strs;
}

type Extras = Pick<Value, 'objs' | 'regex' | 'moreRegexes' | 'str' | 'strs' | 'shadow'>;

function build(origins: readonly Origin[], props: ReadonlyMap<string, Value> | undefined, extras: Extras): Value {
  const v: { -readonly [K in keyof Value]: Value[K] } = { origins };
  if (props && props.size > 0) v.props = props;
  if (extras.objs && extras.objs.length > 0) v.objs = extras.objs;
  if (extras.regex) v.regex = extras.regex;
  if (extras.moreRegexes && extras.moreRegexes.length > 0) v.moreRegexes = extras.moreRegexes;
  if (extras.str !== undefined) v.str = extras.str;
  else if (extras.strs) v.strs = extras.strs;
  if (extras.shadow && extras.shadow.size > 0 && origins.length > 0) v.shadow = extras.shadow;
  return v;
}

/** Every regex a value may be. */
export function regexesOf(value: Value): readonly RegexConst[] {
  if (!value.regex) return [];
  return value.moreRegexes ? [value.regex, ...value.moreRegexes] : [value.regex];
}

function mergeRegexes(a: Value, b: Value): Pick<Value, 'regex' | 'moreRegexes'> {
  const all = [...regexesOf(a)];
  for (const r of regexesOf(b)) if (!all.some((x) => x.source === r.source && x.flags === r.flags)) all.push(r);
  const [regex, ...more] = all.slice(0, 16);
  return { ...(regex ? { regex } : {}), ...(more.length > 0 ? { moreRegexes: more } : {}) };
}

/** Keys shadowed in the join: only where every side that has origins shadows them. */
function mergeShadow(a: Value, b: Value): ReadonlySet<string> | undefined {
  if (a.origins.length === 0) return b.shadow;
  if (b.origins.length === 0) return a.shadow;
  if (!a.shadow || !b.shadow) return undefined;
  const both = new Set([...a.shadow].filter((k) => b.shadow!.has(k)));
  // Return the existing set when nothing changed, so that join can report "no change".
  if (both.size === a.shadow.size) return a.shadow;
  return both.size > 0 ? both : undefined;
}

export function joinAll(values: readonly Value[], budget: Budget): Value {
  let acc = CLEAN;
  for (const v of values) acc = join(acc, v, budget);
  return acc;
}

export function fromOrigins(origins: readonly Origin[]): Value {
  return origins.length === 0 ? CLEAN : { origins };
}

export function withObj(obj: ObjRef, base: Value = CLEAN): Value {
  return build(base.origins, base.props, { ...base, objs: mergeObjs(base.objs, [obj]) });
}

export function objectValue(props: ReadonlyMap<string, Value>, origins: readonly Origin[] = [], shadow?: ReadonlySet<string>): Value {
  return build(origins, props, { shadow });
}

export function stringValue(str: string): Value {
  return { origins: [], str };
}

/** Every origin of a value, including those of its known properties (the value as a whole). */
export function flatten(value: Value, budget: Budget, depth = 0): readonly Origin[] {
  if (!value.props || depth >= MAX_DEPTH) return value.origins;
  let out = value.origins;
  for (const v of value.props.values()) out = mergeOrigins(out, flatten(v, budget, depth + 1), budget);
  return out;
}

/** The value without its known properties (origins, callables and constants only). */
export function shallow(value: Value): Value {
  return value.props ? build(value.origins, undefined, value) : value;
}

/** Seals every origin: the value became a string or an opaque result. Properties are folded in. */
export function seal(value: Value, budget: Budget): Value {
  const origins = flatten(value, budget);
  if (origins.length === 0) return CLEAN;
  return { origins: origins.map((o) => (o.kind === 'param' && !o.sealed ? { ...o, sealed: true } : o)) };
}

/** Adds a step (variable name) to every origin, including those of known properties. */
export function addStep(value: Value, step: Step, depth = 0): Value {
  if (value.origins.length === 0 && !value.props) return value;
  const origins = value.origins.map((o) => {
    const last = o.steps[o.steps.length - 1];
    if (last?.name === step.name || o.steps.length >= MAX_STEPS) return o;
    return { ...o, steps: [...o.steps, step] };
  });
  let props = value.props;
  if (props && depth < 3) {
    const copy = new Map<string, Value>();
    for (const [k, v] of props) copy.set(k, addStep(v, step, depth + 1));
    props = copy;
  }
  return build(origins, props, value);
}

/** Marks every origin as sanitized for the families in `mask`. */
export function cleanFor(value: Value, mask: number, budget: Budget): Value {
  const origins = flatten(value, budget);
  if (origins.length === 0) return CLEAN;
  return { origins: origins.map((o) => ({ ...o, clean: o.clean | mask })) };
}

/** Reads property `key` of a value (`ELEMENT` for array elements, `ANY_KEY` for unknown keys). */
export function project(value: Value, key: string, at: Node, budget: Budget): Value {
  let result: Value = CLEAN;
  if (value.props) {
    if (key === ANY_KEY || key === ELEMENT) {
      const direct = value.props.get(key);
      if (direct) result = join(result, direct, budget);
      if (key === ANY_KEY || !direct) for (const v of value.props.values()) result = join(result, v, budget);
    } else {
      const numeric = /^\d+$/.test(key);
      const direct = value.props.get(key) ?? (numeric ? value.props.get(ELEMENT) : undefined) ?? value.props.get(ANY_KEY);
      if (direct) result = join(result, direct, budget);
    }
  }
  if (value.origins.length > 0 && !value.shadow?.has(key)) {
    const segment = /^\d+$/.test(key) ? ELEMENT : key;
    result = join(result, fromOrigins(value.origins.map((o) => extend(o, segment, at, budget))), budget);
  }
  return result;
}

function extend(o: Origin, key: string, at: Node, budget: Budget): Origin {
  if (o.kind !== 'param' || o.sealed) return o;
  if (o.path.length >= MAX_PATH) {
    budget.exhausted++;
    return { ...o, sealed: true };
  }
  return { ...o, path: [...o.path, key], at };
}

/** `JSON.parse(x)`: origins continue below a JSON marker so nested envelopes can be judged. */
export function parseJson(value: Value, at: Node, budget: Budget): Value {
  const origins = flatten(value, budget);
  if (origins.length === 0) return CLEAN;
  return fromOrigins(
    origins.map((o) => {
      if (o.kind !== 'param') return o;
      if (o.path.length >= MAX_PATH) return { ...o, sealed: true };
      return { ...o, sealed: false, path: [...o.path, JSON_SEGMENT], at };
    }),
  );
}

/**
 * Substitutes a function's summary value (`ret`, expressed with the function's own parameter
 * origins) with the actual arguments of one call.
 */
export function substitute(ret: Value, fn: Node, args: readonly Value[], budget: Budget, depth = 0): Value {
  if (isEmpty(ret)) return ret;
  let origins: readonly Origin[] = [];
  let extra: Value = CLEAN;
  for (const o of ret.origins) {
    if (o.kind === 'param' && o.fn === fn) {
      let arg = args[o.index] ?? CLEAN;
      for (const key of o.path) {
        if (key === JSON_SEGMENT) arg = parseJson(arg, o.at, budget);
        else arg = project(arg, key, o.at, budget);
      }
      if (o.sealed) arg = seal(arg, budget);
      if (o.clean) arg = cleanFor(arg, o.clean, budget);
      if (o.steps.length > 0) for (const s of o.steps) arg = addStep(arg, s);
      extra = join(extra, arg, budget);
    } else if (o.kind === 'source' && o.key && depth < MAX_DEPTH) {
      // GetObject inside a helper: the key is judged per call site, not joined over callers.
      origins = mergeOrigins(origins, [{ ...o, key: substitute(o.key, fn, args, budget, depth + 1) }], budget);
    } else {
      origins = mergeOrigins(origins, [o], budget);
    }
  }
  let props = ret.props;
  if (props && depth < MAX_DEPTH) {
    const copy = new Map<string, Value>();
    for (const [k, v] of props) copy.set(k, substitute(v, fn, args, budget, depth + 1));
    props = copy;
  }
  const result = join(build(origins, props, ret), extra, budget);
  // Shadowed keys stay shadowed for the substituted origins too.
  return ret.shadow && result.origins.length > 0 ? build(result.origins, result.props, { ...result, shadow: ret.shadow }) : result;
}

