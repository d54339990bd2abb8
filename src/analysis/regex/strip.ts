/**
 * Recognises "strip everything unsafe" replacements such as `x.replace(/[^\w.-]/g, '_')`: a global
 * regex that is one negated character class (optionally repeated), so whatever survives the
 * replacement belongs to the class's allowed alphabet. When that alphabet excludes shell and code
 * metacharacters and whitespace, the result is as clean as an allow-list check.
 *
 * Under-approximates: positive classes, alternations and lookarounds are never recognised.
 */
import { Chars, toCharSet } from 'regexp-ast-analysis';
import { parseRegex } from './parse.js';

/** Characters the surviving alphabet must not contain. */
const FORBIDDEN = ';|&$`\'"()<>\n\r\t\v\f\0 *?{}[]\\%!#~^,=+\u2028\u2029';

/** True when replacing every match of `/source/flags` leaves only characters from a safe alphabet. */
export function isStripUnsafeRegex(source: string, flags: string): boolean {
  try {
    if (!flags.includes('g') || source.length > 500) return false;
    const parsed = parseRegex(source, flags);
    const alternatives = parsed?.pattern.alternatives;
    if (!parsed || alternatives?.length !== 1) return false;
    const elements = alternatives[0]!.elements;
    if (elements.length !== 1) return false;
    const element = elements[0]!;
    const cls = element.type === 'Quantifier' ? element.element : element;
    if (cls.type !== 'CharacterClass' || !cls.negate || cls.unicodeSets) return false;
    // A negated class matches everything outside its elements: what survives is their union.
    const allowed = toCharSet(cls.elements, parsed.flags);
    if (!allowed.isDisjointWith(Chars.space(parsed.flags))) return false;
    for (const ch of FORBIDDEN) if (allowed.has(ch.codePointAt(0) as number)) return false;
    return true;
  } catch {
    return false;
  }
}
