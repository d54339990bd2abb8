/**
 * Catastrophic-backtracking (ReDoS) verdicts for regex literals / `RegExp`
 * sources.
 *
 * Pipeline (one parse per regex, verdicts cached):
 *  1. `@eslint-community/regexpp` parse (latest ECMAScript, `u`/`v` aware);
 *     a syntax error yields `'invalid'`.
 *  2. `scslre` `analyse` — nested-quantifier ("Self"), adjacent-quantifier
 *     ("Trade") and unanchored-retry ("Move") reports; a report flagged
 *     `exponential` gives `'exponential'`, any other gives `'polynomial'`.
 *  3. {@link findExponentialLoop} — exponentially ambiguous unbounded loops
 *     that `scslre` misses because no quantifier is nested in another
 *     (`(a|a)*`, `(\w|\d)+`, `(x|x?y)*`, `((ab)*)+`) → `'exponential'`.
 *  4. {@link findPrefixRetryQuantifier} — unanchored patterns that rescan the
 *     input after every occurrence of a multi-character prefix
 *     (`<script[^>]*>…`), which `scslre`'s one-character "Move" misses
 *     → `'polynomial'`.
 *  5. `safe-regex`'s star-height heuristic may only mark an otherwise safe
 *     verdict with `starHeightOnly: true`; it never changes the kind.
 *
 * Over-approximates: "Move"-style reports (quadratic retrying of an
 * unanchored pattern) count as polynomial even if inputs are short in
 * practice; steps 3–4 assume a rejecting suffix exists whenever the rest of
 * the pattern is not trivially accepting (e.g. `(\w|\d)+\b` is reported).
 * Under-approximates: budgets — sources over 5,000 characters are not
 * analysed (reported safe), `scslre` may return at most 24 reports (1 for
 * deeply nested / quantifier-heavy patterns), step 3 gives up on large
 * unrolled bodies; polynomial ambiguity between two loops over groups that
 * `scslre` does not report (`\w+([-.]\w+)*\.\w+([-.]\w+)*`); loops with
 * general lookarounds/backreferences are judged by `scslre` alone; bounded
 * outer repetitions (`(a|a){1,40}`) and backreference-driven blow-ups are not
 * modelled. Any internal failure degrades to `'safe'` — a linter must never
 * crash.
 */
import { visitRegExpAST } from '@eslint-community/regexpp';
import { analyse, type Report } from 'scslre';
import safeRegex from 'safe-regex';
import { findExponentialLoop } from './ambiguous-loop.js';
import { clip, parseRegexOrError, type ParsedRegex } from './parse.js';
import { findPrefixRetryQuantifier } from './unanchored-retry.js';

export { isRestrictiveAllowlistRegex } from './allowlist.js';

/** Verdict category for a regex. */
export type RegexVerdictKind = 'exponential' | 'polynomial' | 'safe' | 'invalid';

/** Result of {@link analyzeRegex}. */
export interface RegexVerdict {
  kind: RegexVerdictKind;
  /**
   * Short human description of the problem, e.g.
   * "nested quantifier `(a+)+` can backtrack exponentially" — empty for safe.
   */
  detail: string;
  /** true when only the low-confidence `safe-regex` star-height heuristic flagged it (kind stays 'safe'). */
  starHeightOnly?: boolean;
}

/**
 * Analysis budget: sources longer than this many characters are not analysed
 * and are reported `{ kind: 'safe', detail: '' }`.
 */
export const MAX_ANALYZED_SOURCE_LENGTH = 5_000;

/** Maximum number of cached verdicts (oldest entry evicted first). */
const CACHE_CAPACITY = 2_000;

/**
 * A verdict cache keyed by `/${source}/${flags}`. The caller owns it (the engine keeps one per
 * parser in a WeakMap), so this module holds no mutable state of its own.
 */
export type RegexVerdictCache = Map<string, RegexVerdict>;

/**
 * Classifies `source`/`flags` as `'exponential'`, `'polynomial'`, `'safe'` or
 * `'invalid'`. With a `cache`, results are memoised by `/${source}/${flags}`
 * (bounded to 2,000 entries, oldest evicted), so repeated calls return the same
 * object. Never throws.
 *
 * Budget: sources longer than {@link MAX_ANALYZED_SOURCE_LENGTH} (5,000)
 * characters are returned as `{ kind: 'safe', detail: '' }` without analysis.
 *
 * @param source - The regex pattern text (as in `RegExp.prototype.source`).
 * @param flags - The regex flags (as in `RegExp.prototype.flags`).
 * @param cache - Optional verdict cache owned by the caller.
 */
export function analyzeRegex(source: string, flags: string, cache?: RegexVerdictCache): RegexVerdict {
  if (typeof source !== 'string' || typeof flags !== 'string') return { kind: 'safe', detail: '' };
  if (source.length > MAX_ANALYZED_SOURCE_LENGTH) return { kind: 'safe', detail: '' };
  const key = `/${source}/${flags}`;
  const cached = cache?.get(key);
  if (cached) return cached;

  const verdict = computeVerdict(source, flags);
  if (cache) {
    if (cache.size >= CACHE_CAPACITY) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, verdict);
  }
  return verdict;
}

/**
 * Where a regex literal can start in source text: after an operator, a bracket, `=>`, or a
 * keyword that takes an expression, never after a value (division). Comments are excluded.
 * Over-approximate by design: used only to skip work when a file has no regex literal.
 */
export const REGEX_LITERAL_START = /(?:^|[=(,:;[!&|?{}>+\-%<~^]|\b(?:return|typeof|await|yield|void|case|in|of|delete))\s*\/(?![/*])/m;

/**
 * Whether a regex can backtrack catastrophically (exponential or polynomial verdict). A verdict
 * cache shared by the cheap pre-checks of every file.
 */
const sharedVerdicts: RegexVerdictCache = new Map();
export function isCatastrophic(source: string, flags: string, cache: RegexVerdictCache = sharedVerdicts): boolean {
  const { kind } = analyzeRegex(source, flags, cache);
  return kind === 'exponential' || kind === 'polynomial';
}

function computeVerdict(source: string, flags: string): RegexVerdict {
  const parsed = parseRegexOrError(source, flags);
  if ('error' in parsed) return { kind: 'invalid', detail: clip(parsed.error, 110) };

  try {
    const reports = scslreReports(parsed);
    const exponential = reports.find((r) => r.exponential);
    if (exponential) return { kind: 'exponential', detail: describeExponential(exponential) };

    const loop = safeCall(() => findExponentialLoop(parsed.pattern, parsed.flags));
    if (loop) {
      const raw = clip(loop.quantifier.raw);
      return {
        kind: 'exponential',
        detail: loop.overlappingAlternatives
          ? `overlapping alternatives in \`${raw}\` can backtrack exponentially`
          : `loop \`${raw}\` can match the same text in exponentially many ways`,
      };
    }

    const polynomial = reports.find((r) => r.type !== 'Move') ?? reports[0];
    if (polynomial) return { kind: 'polynomial', detail: describePolynomial(polynomial) };

    const retry = safeCall(() => findPrefixRetryQuantifier(parsed.pattern, parsed.flags));
    if (retry) {
      return {
        kind: 'polynomial',
        detail: `unanchored \`${clip(retry.raw)}\` rescans the input after every repeated prefix (quadratic)`,
      };
    }
  } catch {
    return { kind: 'safe', detail: '' };
  }

  return starHeightFlagged(source, flags) ? { kind: 'safe', detail: '', starHeightOnly: true } : { kind: 'safe', detail: '' };
}

/**
 * `scslre` cost grows with the number of reports (quadratic in the number of
 * unbounded quantifiers) and steeply with quantifier nesting depth, so the
 * number of reports it may produce is capped (budget): ordinary patterns get
 * up to {@link MAX_REPORTS}, pathological ones (deep nesting / very many
 * quantifiers) only the first report.
 */
const MAX_REPORTS = 24;

function scslreReports(parsed: ParsedRegex): Report[] {
  let unbounded = 0;
  let depth = 0;
  let maxDepth = 0;
  visitRegExpAST(parsed.pattern, {
    onQuantifierEnter(node) {
      if (node.max !== Infinity) return;
      unbounded++;
      maxDepth = Math.max(maxDepth, ++depth);
    },
    onQuantifierLeave(node) {
      if (node.max === Infinity) depth--;
    },
  });
  // Budget: scslre's time explodes with unbounded-quantifier nesting (a 45-deep `((a)*)*` takes
  // seconds, 60-deep does not finish); beyond MAX_NESTING the regex is not analysed (silent).
  if (maxDepth > MAX_NESTING) throw new BudgetExceeded();
  const maxReports = maxDepth > 8 || unbounded > 48 ? 1 : MAX_REPORTS;
  return safeCall(() => analyse({ pattern: parsed.pattern, flags: parsed.flags }, { maxReports }).reports) ?? [];
}

/** Deepest nesting of unbounded quantifiers that is analysed at all. */
const MAX_NESTING = 12;

class BudgetExceeded extends Error {}

function safeCall<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function describeExponential(report: Report): string {
  switch (report.type) {
    case 'Self':
      return `nested quantifier \`${clip(report.parentQuant.raw)}\` can backtrack exponentially`;
    case 'Trade':
      return `quantifiers \`${clip(report.startQuant.raw, 30)}\` and \`${clip(report.endQuant.raw, 30)}\` overlap inside a loop and can backtrack exponentially`;
    case 'Move':
      return `\`${clip(report.quant.raw)}\` can backtrack exponentially`;
  }
}

function describePolynomial(report: Report): string {
  switch (report.type) {
    case 'Self':
      return `\`${clip(report.quant.raw, 30)}\` repeated by \`${clip(report.parentQuant.raw, 30)}\` can backtrack polynomially`;
    case 'Trade':
      return `adjacent quantifiers \`${clip(report.startQuant.raw, 30)}\` and \`${clip(report.endQuant.raw, 30)}\` overlap (polynomial backtracking)`;
    case 'Move':
      return `unanchored \`${clip(report.quant.raw)}\` is retried at every offset (quadratic on long input)`;
  }
}

/**
 * `safe-regex` (regexp-tree) gets slow on long sources and only feeds the
 * low-confidence `starHeightOnly` hint, so it is skipped above this length (budget).
 */
const MAX_STAR_HEIGHT_SOURCE_LENGTH = 1_000;

/** Low-confidence `safe-regex` star-height / repetition-count heuristic. */
function starHeightFlagged(source: string, flags: string): boolean {
  if (source.length > MAX_STAR_HEIGHT_SOURCE_LENGTH) return false;
  try {
    // Passing a RegExp makes safe-regex treat its own parse failures as "safe".
    return !safeRegex(new RegExp(source, flags));
  } catch {
    return false;
  }
}
