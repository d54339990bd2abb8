/**
 * Recognises "strip everything unsafe" replacements such as `x.replace(/[^\w.-]/g, '_')`: a global
 * regex that is one negated character class (optionally repeated), so whatever survives the
 * replacement belongs to the class's allowed alphabet. When that alphabet excludes shell and code
 * metacharacters and whitespace, the result is as clean as an allow-list check.
 *
 * The verdict is per family: spaces survive harmlessly into a regex but split shell arguments.
 * Under-approximates: positive classes, alternations and lookarounds are never recognised.
 */
import { Chars, toCharSet } from 'regexp-ast-analysis';
import { parseRegex } from './parse.js';
import { FAMILIES, familyBit, type Family } from '../types.js';

/** Characters that let surviving text act on each sink family. */
const METACHARACTERS: Readonly<Record<Exclude<Family, 'code'>, string>> = {
  command: ';|&$`\'"()<>\n\r\t\v\f\0 *?{}[]\\%!#~^,=+\u2028\u2029',
  redos: '.*+?^$()[]{}|\\/',
  xxe: '<>&%!',
  deserialization: '$`{}[]()\'"\\!',
};

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$';

/**
 * Code is harmless only without names: with letters, even without calls, `process.env.SECRET`
 * reads a credential. No quotes, backticks, brackets, braces, `=` or `\\` either; parentheses and
 * spaces then only group arithmetic (`[^0-9+\\-*\/(). ]`).
 */
function codeSafe(none: (chars: string) => boolean): boolean {
  return none('\'"`[]{}=\\') && none(LETTERS);
}

/**
 * Families (as a mask) for which replacing every match of `/source/flags` leaves harmless text:
 * `[^\w.-]` → every family; `[^\w\s]` → not commands (spaces split arguments). 0 when the regex is
 * not one negated character class.
 */
export function strippedFamilies(source: string, flags: string): number {
  try {
    if (!flags.includes('g') || source.length > 500) return 0;
    const parsed = parseRegex(source, flags);
    const alternatives = parsed?.pattern.alternatives;
    if (!parsed || alternatives?.length !== 1) return 0;
    const elements = alternatives[0]!.elements;
    if (elements.length !== 1) return 0;
    const element = elements[0]!;
    const cls = element.type === 'Quantifier' ? element.element : element;
    if (cls.type !== 'CharacterClass' || !cls.negate || cls.unicodeSets) return 0;
    // A negated class matches everything outside its elements: what survives is their union.
    const allowed = toCharSet(cls.elements, parsed.flags);
    const hasSpace = !allowed.isDisjointWith(Chars.space(parsed.flags));
    let mask = 0;
    const none = (chars: string): boolean => [...chars].every((ch) => !allowed.has(ch.codePointAt(0) as number));
    for (const family of FAMILIES) {
      if (family === 'code') {
        if (codeSafe(none)) mask |= familyBit('code');
        continue;
      }
      if (family === 'command' && hasSpace) continue;
      if (none(METACHARACTERS[family])) mask |= familyBit(family);
    }
    return mask;
  } catch {
    return 0;
  }
}
