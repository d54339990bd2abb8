/**
 * Syntactic "can the rest of the pattern still fail?" test shared by the
 * super-linear checks: a loop only backtracks when what follows it can reject.
 *
 * Over-approximates failure: anything other than potentially-empty elements
 * (or an eat-everything `[^]*` followed by edge assertions) is assumed to be
 * able to fail, e.g. `\b` after `\w+` is assumed to be rejectable.
 */
import type { AST } from '@eslint-community/regexpp';
import { getMatchingDirection, isPotentiallyEmpty, matchesAllCharacters, type ReadonlyFlags } from 'regexp-ast-analysis';

/**
 * True when whatever follows `node` up to the end of the pattern (or of the
 * enclosing lookaround) trivially accepts, so the engine never has to
 * backtrack into the loop: e.g. `(a|a)*` at the very end, or followed by `.*`.
 */
export function continuationAlwaysAccepts(node: AST.Quantifier, flags: ReadonlyFlags): boolean {
  const ltr = getMatchingDirection(node) === 'ltr';
  let current: AST.Element = node;
  for (;;) {
    const parent: AST.Node = current.parent;
    if (parent.type === 'Quantifier') {
      current = parent;
      continue;
    }
    if (parent.type !== 'Alternative') return false;
    const at = parent.elements.indexOf(current);
    const rest = ltr ? parent.elements.slice(at + 1) : parent.elements.slice(0, at).reverse();
    let ateEverything = false;
    for (const element of rest) {
      if (!ateEverything && eatsEverything(element, flags)) {
        // `[^]*`, `[\s\S]*`, `.*` with `s`: consumes the rest of the input.
        ateEverything = true;
        continue;
      }
      if (isPotentiallyEmpty(element, flags)) continue;
      if (ateEverything && element.type === 'Assertion' && (element.kind === 'end' || element.kind === 'start')) {
        return true;
      }
      return false;
    }
    const owner: AST.Node = parent.parent;
    if (owner.type === 'Pattern' || owner.type === 'Assertion') return true;
    if (owner.type !== 'Group' && owner.type !== 'CapturingGroup') return false;
    current = owner;
  }
}

function eatsEverything(element: AST.Element, flags: ReadonlyFlags): boolean {
  if (element.type !== 'Quantifier' || element.max !== Infinity || !element.greedy) return false;
  const inner = element.element;
  return (
    (inner.type === 'CharacterSet' || inner.type === 'CharacterClass' || inner.type === 'Character') &&
    matchesAllCharacters(inner, flags)
  );
}

