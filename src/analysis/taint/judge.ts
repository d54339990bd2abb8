/**
 * Judges an access path into a handler's event against the trigger's source model.
 *
 * - The longest model rule that is the path or an ancestor of it decides (trusted or attacker).
 * - A container path (`record`, `record.s3`) is attacker data when some attacker field lies
 *   below it: `JSON.stringify(record)` carries the object key.
 * - Fields that no rule mentions are attacker-controlled (a direct invocation can send anything).
 * - Below a `JSON.parse` marker the path is re-rooted and judged against the union of
 *   notification envelopes, so `JSON.parse(record.body).Records[0].s3.bucket.name` (an S3
 *   notification delivered through SQS) stays trusted while its object key does not.
 */
import type { FieldRule, TriggerModel } from '../types.js';
import { UNKNOWN } from '../models/triggers.js';
import { ANY_KEY, ELEMENT, JSON_SEGMENT } from './values.js';

export interface Verdict {
  readonly tainted: boolean;
  readonly label: string;
}

interface CompiledRule {
  readonly segments: readonly string[];
  readonly rule: FieldRule;
}

const compiledCache = new WeakMap<TriggerModel, readonly CompiledRule[]>();

function compile(model: TriggerModel): readonly CompiledRule[] {
  let rules = compiledCache.get(model);
  if (!rules) {
    rules = model.fields.map((rule) => ({ segments: splitPath(rule.path), rule }));
    compiledCache.set(model, rules);
  }
  return rules;
}

/** `Records[].s3.object.key` → `['Records', '[]', 's3', 'object', 'key']` */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  for (const part of path.split('.')) {
    if (part.endsWith('[]')) {
      if (part.length > 2) out.push(part.slice(0, -2));
      out.push(ELEMENT);
    } else if (part.length > 0) {
      out.push(part);
    }
  }
  return out;
}

function segmentMatches(pattern: string, actual: string): boolean {
  if (pattern === actual || pattern === ANY_KEY || actual === ANY_KEY) return true;
  // `event.Records[0]` reads an element; a numeric key on a `[]` pattern is that.
  return pattern === ELEMENT && /^\d+$/.test(actual);
}

/** True when `pattern` is `path` or one of its ancestors. */
function covers(pattern: readonly string[], path: readonly string[]): boolean {
  if (pattern.length > path.length) return false;
  for (let i = 0; i < pattern.length; i++) if (!segmentMatches(pattern[i]!, path[i]!)) return false;
  return true;
}

/** True when `pattern` lies strictly below `path`. */
function below(pattern: readonly string[], path: readonly string[]): boolean {
  return pattern.length > path.length && covers(path.map((s) => s), pattern.slice(0, path.length));
}

function judgeRooted(model: TriggerModel, path: readonly string[]): Verdict & { known: boolean } {
  let best: CompiledRule | null = null;
  for (const rule of compile(model)) {
    if (!covers(rule.segments, path)) continue;
    if (!best || rule.segments.length > best.segments.length || (rule.segments.length === best.segments.length && rule.rule.trust === 'attacker')) {
      best = rule;
    }
  }
  // An attacker field inside this (container) path makes the whole value attacker data.
  const inner = compile(model).find((r) => r.rule.trust === 'attacker' && below(r.segments, path) && (!best || r.segments.length > best.segments.length));
  if (best?.rule.trust === 'attacker') return { tainted: true, label: best.rule.label ?? 'event field', known: true };
  if (inner) {
    // Under the union model a container holds every trigger's fields: name it, not one of them.
    if (model.id === 'unknown') return { tainted: true, label: path.length === 0 ? 'Lambda event' : 'event field', known: true };
    return { tainted: true, label: `${inner.rule.label ?? 'event field'} (inside ${describeContainer(path)})`, known: true };
  }
  if (best) return { tainted: false, label: '', known: true };
  return { tainted: true, label: path.length === 0 ? 'Lambda event' : 'event field', known: false };
}

function describeContainer(path: readonly string[]): string {
  if (path.length === 0) return 'the event';
  const last = path[path.length - 1] === ELEMENT ? path[path.length - 2] : path[path.length - 1];
  return last === 'Records' ? 'the event record' : `\`${last ?? 'event'}\``;
}

/**
 * Judges a root path under the trigger's model; fields the model does not mention are judged by
 * the union model, so a mis-detected trigger cannot turn another trigger's metadata into a source.
 */
function judgeWithFallback(model: TriggerModel, path: readonly string[]): Verdict & { known: boolean } {
  const verdict = judgeRooted(model, path);
  return verdict.known || model === UNKNOWN ? verdict : judgeRooted(UNKNOWN, path);
}

/** Judges a path read from a handler's event parameter. */
export function judgeEventPath(model: TriggerModel, path: readonly string[]): Verdict {
  const first = path.indexOf(JSON_SEGMENT);
  if (first < 0) return judgeWithFallback(model, path);
  const outer = judgeWithFallback(model, path.slice(0, first));
  if (!outer.tainted) return outer;
  const last = path.lastIndexOf(JSON_SEGMENT);
  const innerPath = path.slice(last + 1);
  if (innerPath.length === 0) return outer;
  const inner = judgeRooted(UNKNOWN, innerPath);
  if (!inner.tainted && inner.known) return { tainted: false, label: '' };
  if (inner.known && inner.label !== outer.label && !inner.label.includes('(inside')) {
    return { tainted: true, label: `${inner.label} in ${outer.label}` };
  }
  return outer;
}

/** Lambda `context`: only `clientContext` (sent by mobile SDK callers) is attacker data. */
export function judgeContextPath(path: readonly string[]): Verdict {
  if (path.length === 0) return { tainted: false, label: '' };
  return path[0] === 'clientContext' ? { tainted: true, label: 'Lambda client context' } : { tainted: false, label: '' };
}

/** Renders an access path for messages: `event.Records[].s3.object.key`, `JSON.parse(event.body).cmd`. */
export function renderPath(root: string, path: readonly string[]): string {
  let text = root;
  for (const seg of path) {
    if (seg === JSON_SEGMENT) text = `JSON.parse(${text})`;
    else if (seg === ELEMENT) text += '[]';
    else if (seg === ANY_KEY) text += '[…]';
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) text += `.${seg}`;
    else if (/^\d+$/.test(seg)) text += `[${seg}]`;
    else text += `['${seg}']`;
  }
  return text;
}
