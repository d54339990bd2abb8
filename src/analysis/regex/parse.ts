/**
 * Parsing helper shared by the regex analyses.
 *
 * Uses `@eslint-community/regexpp` with the latest supported ECMAScript
 * version, honouring the `u` / `v` flags when parsing the pattern body.
 */
import { RegExpParser } from '@eslint-community/regexpp';
import type { AST } from '@eslint-community/regexpp';

/** A parsed regex: the shape accepted by `scslre`'s `analyse` and by `regexp-ast-analysis`. */
export interface ParsedRegex {
  readonly pattern: AST.Pattern;
  readonly flags: AST.Flags;
}

/**
 * Parses `source` / `flags`. Returns `{ error }` (the parser's message) when
 * either is not valid ECMAScript regex syntax; never throws.
 */
export function parseRegexOrError(source: string, flags: string): ParsedRegex | { readonly error: string } {
  try {
    // A fresh parser per call: the parser keeps per-parse internal state.
    const parser = new RegExpParser();
    const parsedFlags = parser.parseFlags(flags);
    const pattern = parser.parsePattern(source, 0, source.length, {
      unicode: parsedFlags.unicode,
      unicodeSets: parsedFlags.unicodeSets,
    });
    return { pattern, flags: parsedFlags };
  } catch (error) {
    return { error: error instanceof Error ? error.message : 'invalid regular expression' };
  }
}

/**
 * Parses `source` / `flags`. Returns `undefined` when either is not valid
 * ECMAScript regex syntax (never throws).
 */
export function parseRegex(source: string, flags: string): ParsedRegex | undefined {
  const parsed = parseRegexOrError(source, flags);
  return 'error' in parsed ? undefined : parsed;
}

/** Truncates a regex fragment for display inside backticks. */
export function clip(raw: string, max = 48): string {
  const oneLine = raw.replace(/[\r\n\u2028\u2029]/g, ' ').replace(/`/g, "'");
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
