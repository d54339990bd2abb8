/**
 * Minimal ambient declaration for `safe-regex@2` (ships no types).
 *
 * `safeRegex(re)` returns `true` when the star-height / repetition-count
 * heuristic considers the pattern safe, `false` otherwise (including when
 * the input cannot be turned into a `RegExp`).
 */
declare module 'safe-regex' {
  interface SafeRegexOptions {
    /** Maximum number of repetition operators before the pattern is flagged (default 25). */
    limit?: number;
  }
  function safeRegex(re: string | RegExp, opts?: SafeRegexOptions): boolean;
  export = safeRegex;
}
