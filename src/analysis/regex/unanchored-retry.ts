/**
 * Quadratic "retry" check for unanchored patterns whose pump is a
 * multi-character literal prefix — the case `scslre`'s "Move" reports miss
 * because they only consider one repeated character:
 * `<script[^>]*>[\s\S]*?<\/script>` on `"<script".repeat(n)`,
 * `\/\*(.|[\r\n])*?\*\/` on `"/* ".repeat(n)`.
 *
 * Shape: a top-level alternative that starts with one-character elements
 * (the prefix) immediately followed by an unbounded quantifier that can
 * consume every prefix character, and whose continuation can fail. The
 * engine then retries at each of the ~n prefix occurrences and each attempt
 * scans to the end of the input: O(n²).
 *
 * The pump picks, for every prefix position, a character the loop can also
 * consume; when the loop body is modelled by the Glushkov automaton of
 * `ambiguous-loop.ts` we additionally require it to accept `pump pump`.
 * Over-approximates: loop bodies outside that fragment (e.g. tempered
 * `(?:(?!-->)[\s\S])*`) fall back to their consumable character set;
 * rejection is decided syntactically (see `continuation.ts`).
 * Under-approximates: only a prefix of one-character elements (optionally
 * with a bounded quantifier, `https?`) directly followed by the quantifier is
 * considered — no groups or assertions in the prefix — so alternatives
 * starting with an assertion (`^`, `\b`, even with `m`) and sticky patterns
 * are skipped.
 */
import type { AST } from '@eslint-community/regexpp';
import { getConsumedChars, toUnicodeSet, type ReadonlyFlags } from 'regexp-ast-analysis';
import { loopConsumesRepeated } from './ambiguous-loop.js';
import { continuationAlwaysAccepts } from './continuation.js';

type CharSet = ReturnType<typeof toUnicodeSet>['chars'];

/**
 * Returns the quantifier responsible for quadratic retrying on a repeated
 * multi-character prefix, or `undefined`.
 */
export function findPrefixRetryQuantifier(pattern: AST.Pattern, flags: ReadonlyFlags): AST.Quantifier | undefined {
  if (flags.sticky) return undefined;
  for (const alternative of pattern.alternatives) {
    const { elements } = alternative;
    const prefix: CharSet[] = [];
    let index = 0;
    for (; index < elements.length; index++) {
      const element = elements[index] as AST.Element;
      const single = element.type === 'Quantifier' ? element.element : element;
      if (single.type !== 'Character' && single.type !== 'CharacterSet' && single.type !== 'CharacterClass') break;
      const set = toUnicodeSet(single, flags);
      if (!set.accept.isEmpty || set.chars.isEmpty) break;
      if (element.type === 'Quantifier') {
        // `s?` / `x{2}`: the pump uses exactly `min` copies.
        if (element.max === Infinity || element.min > 8) break;
        for (let i = 0; i < element.min; i++) prefix.push(set.chars);
      } else {
        prefix.push(set.chars);
      }
    }
    // A single repeated character is scslre's "Move" territory.
    if (prefix.length < 2) continue;
    const quantifier = elements[index];
    if (quantifier?.type !== 'Quantifier' || quantifier.max !== Infinity) continue;
    const loopChars = getConsumedChars(quantifier.element, flags).chars;
    // The pump: one character per prefix position that the loop can also consume.
    const word: number[] = [];
    for (const chars of prefix) {
      const range = chars.intersect(loopChars).ranges[0];
      if (range === undefined) break;
      word.push(range.min);
    }
    if (word.length !== prefix.length) continue;
    // Where the loop body is modelled, require that it really scans across `pump pump`;
    // otherwise (e.g. tempered `(?:(?!-->)[\s\S])*`) fall back to the consumable set.
    if (loopConsumesRepeated(quantifier, flags, word) === false) continue;
    if (continuationAlwaysAccepts(quantifier, flags)) continue;
    return quantifier;
  }
  return undefined;
}
