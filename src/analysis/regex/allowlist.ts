/**
 * Recognises anchored, character-class-restricted allow-list regexes such as
 * `/^[a-z0-9-]+$/i`, `/^\d{1,5}$/` or `/^(foo|bar)$/`, which the taint engine
 * treats as sanitising guards (`if (!/^[\w-]+$/.test(x)) throw …`).
 *
 * Over-approximates nothing it cannot prove: the set of characters the regex
 * can consume is computed exactly (flags-aware, via `regexp-ast-analysis`).
 * Under-approximates: lookarounds are ignored when computing the consumable
 * set (they cannot widen it), and `m`-flag regexes are always rejected
 * because `^`/`$` then match around line terminators.
 */
import type { AST } from '@eslint-community/regexpp';
import { Chars, getConsumedChars, hasSomeDescendant } from 'regexp-ast-analysis';
import { parseRegex } from './parse.js';

/** Shell / code metacharacters that must not be admitted by an allow-list guard. */
const FORBIDDEN_CHARACTERS = ';|&$`\'"()<>\n\r\t\v\f\0 *?{}[]\\\u2028\u2029';

/** Regex sources longer than this are never treated as allow-lists (budget). */
const MAX_SOURCE_LENGTH = 5_000;

function isAnchoredAlternative(alternative: AST.Alternative): boolean {
  const first = alternative.elements[0];
  const last = alternative.elements[alternative.elements.length - 1];
  return (
    alternative.elements.length >= 2 &&
    first?.type === 'Assertion' &&
    first.kind === 'start' &&
    last?.type === 'Assertion' &&
    last.kind === 'end'
  );
}

/**
 * True when `source` is an allow-list regex anchored at both ends (`^…$`,
 * every top-level alternative) whose consumable characters exclude shell and
 * code metacharacters (`; | & $ \` ' " ( ) < > * ? { } [ ] \`, whitespace and
 * line terminators) and which contains no `.` wildcard. Never throws.
 *
 * @param source - The regex pattern text (without slashes).
 * @param flags - The regex flags; `m` disqualifies the regex.
 */
export function isRestrictiveAllowlistRegex(source: string, flags: string): boolean {
  try {
    if (source.length > MAX_SOURCE_LENGTH) return false;
    const parsed = parseRegex(source, flags);
    if (!parsed || parsed.flags.multiline) return false;
    const { pattern, flags: parsedFlags } = parsed;
    if (!pattern.alternatives.every(isAnchoredAlternative)) return false;
    if (hasSomeDescendant(pattern, (n) => n.type === 'CharacterSet' && n.kind === 'any')) return false;

    const consumed = getConsumedChars(pattern, parsedFlags).chars;
    if (!consumed.isDisjointWith(Chars.space(parsedFlags))) return false;
    for (const ch of FORBIDDEN_CHARACTERS) {
      if (consumed.has(ch.codePointAt(0) as number)) return false;
    }
    return true;
  } catch {
    return false;
  }
}
