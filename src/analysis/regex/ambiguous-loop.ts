/**
 * Exponential-ambiguity check for unbounded loops — the cases `scslre` does
 * not report because no quantifier is nested inside another one:
 * `(a|a)*`, `(a|aa)+`, `(\w|\d)+`, `(?:a|\w)+`, `(x|x?y)*`, `(a|a?)+`, and
 * multi-character pumps such as `((ab)*)+`.
 *
 * How: for each quantifier with `max = Infinity` we build a Glushkov
 * (position) automaton of the loop, where every transition also carries the
 * number (capped at 2) of distinct backtracking paths through the AST that
 * produce it — this is what distinguishes `((ab)*)+` (two ways to get from
 * `b` back to `a`) from `(ab)+` (one way). Empty loop iterations are excluded,
 * mirroring ECMAScript's RepeatMatcher empty check, so `(a?)*` is not flagged.
 * The automaton has exponential degree of ambiguity (EDA) iff, in its
 * self-product restricted to overlapping character sets (computed with
 * `regexp-ast-analysis`'s `toUnicodeSet` and refa `CharSet` intersection), one
 * strongly connected component contains a diagonal state `(p, p)` together
 * with either an off-diagonal state or a "parallel edge" transition
 * (Weber & Seidl, 1991). An EDA loop whose continuation can fail (i.e. the
 * rest of the pattern does not trivially accept) backtracks exponentially in
 * a backtracking engine such as V8's Irregexp.
 *
 * Over-approximates: the continuation test is syntactic, so a loop followed by
 * something that can never fail in practice (e.g. `(\w|\d)+\b`) is still
 * reported; prefix reachability is assumed.
 * Under-approximates (silently gives up, never reports): loop bodies containing
 * assertions or lookarounds other than a one-character negative lookahead in
 * front of a one-character element (`(?!a)\w`, `(?!\1)[^\\]`, modelled by set
 * subtraction), backreferences other than to one-character groups,
 * `v`-flag string sets or modifier groups, and bodies whose unrolled bounded
 * quantifiers exceed the position / product-edge budgets below.
 * A backreference to a one-character group (`(["'])…\1`) is modelled by the
 * group's whole character set — a small over-approximation.
 */
import type { AST } from '@eslint-community/regexpp';
import {
  getConsumedChars,
  getFirstConsumedChar,
  getLengthRange,
  toUnicodeSet,
  type ReadonlyFlags,
} from 'regexp-ast-analysis';
import { continuationAlwaysAccepts } from './continuation.js';

type CharSet = ReturnType<typeof toUnicodeSet>['chars'];

/** Max automaton positions per analysed loop (bounded quantifiers are unrolled). */
const MAX_POSITIONS = 256;
/** Max positions built over all loops of one pattern (nested loops are re-analysed). */
const MAX_TOTAL_POSITIONS = 8_192;
/** Max product-automaton transitions examined per analysed loop. */
const MAX_PRODUCT_EDGES = 250_000;

/** Thrown internally when a loop body is outside the supported fragment or budget. */
class Unsupported extends Error {}

/** position index -> number of distinct paths (capped at 2). */
type Counts = Map<number, number>;

interface Fragment {
  /** Positions that can be consumed first, with path multiplicity. */
  readonly first: Counts;
  /** Positions that can be consumed last, with path multiplicity. */
  readonly last: Counts;
  /** Number of distinct ways (capped at 2) to match the empty string. */
  readonly nullable: number;
}

const cap = (n: number): number => (n > 2 ? 2 : n);

/** The empty-string fragment (fresh maps each time: fragments must never share mutable state). */
const epsilon = (): Fragment => ({ first: new Map(), last: new Map(), nullable: 1 });

function addScaled(target: Counts, source: Counts, factor: number): void {
  if (factor === 0) return;
  for (const [k, v] of source) target.set(k, cap((target.get(k) ?? 0) + v * factor));
}

/** Glushkov automaton with path multiplicities for one loop. */
class LoopAutomaton {
  readonly sets: CharSet[] = [];
  readonly follow: Counts[] = [];

  constructor(private readonly flags: ReadonlyFlags) {}

  build(quantifier: AST.Quantifier): Fragment {
    return this.quantifier(quantifier);
  }

  /** NFA simulation: can the fragment consume `word` (as a prefix of some match)? */
  accepts(fragment: Fragment, word: readonly number[]): boolean {
    let states: Iterable<number> | undefined;
    for (const char of word) {
      const next = new Set<number>();
      const candidates = (p: Iterable<number>): void => {
        for (const q of p) if ((this.sets[q] as CharSet).has(char)) next.add(q);
      };
      if (states === undefined) candidates(fragment.first.keys());
      else for (const p of states) candidates((this.follow[p] as Counts).keys());
      if (next.size === 0) return false;
      states = next;
    }
    return true;
  }

  private link(from: Counts, to: Counts): void {
    for (const [p, cp] of from) {
      const row = this.follow[p];
      if (row === undefined) throw new Unsupported();
      for (const [q, cq] of to) row.set(q, cap((row.get(q) ?? 0) + cp * cq));
    }
  }

  private concat(a: Fragment, b: Fragment): Fragment {
    this.link(a.last, b.first);
    const first: Counts = new Map(a.first);
    addScaled(first, b.first, a.nullable);
    const last: Counts = new Map(b.last);
    addScaled(last, a.last, b.nullable);
    return { first, last, nullable: cap(a.nullable * b.nullable) };
  }

  private union(fragments: readonly Fragment[]): Fragment {
    const first: Counts = new Map();
    const last: Counts = new Map();
    let nullable = 0;
    for (const f of fragments) {
      addScaled(first, f.first, 1);
      addScaled(last, f.last, 1);
      nullable = cap(nullable + f.nullable);
    }
    return { first, last, nullable };
  }

  private position(node: AST.Character | AST.CharacterSet | AST.CharacterClass, exclude?: CharSet): Fragment {
    const set = toUnicodeSet(node, this.flags);
    if (!set.accept.isEmpty) throw new Unsupported(); // `v`-flag strings
    return this.addPosition(exclude ? set.chars.without(exclude) : set.chars);
  }

  private addPosition(chars: CharSet): Fragment {
    if (this.sets.length >= MAX_POSITIONS) throw new Unsupported();
    const index = this.sets.length;
    this.sets.push(chars);
    this.follow.push(new Map());
    const self: Counts = new Map([[index, 1]]);
    return { first: self, last: self, nullable: 0 };
  }

  /**
   * Characters of a one-character element, or of the capturing group a
   * backreference points to when that group always matches exactly one
   * character (the `(["'])…\1` quote idiom). `undefined` otherwise.
   */
  private singleCharSet(node: AST.Node): CharSet | undefined {
    if (node.type === 'Character' || node.type === 'CharacterSet' || node.type === 'CharacterClass') {
      const set = toUnicodeSet(node, this.flags);
      return set.accept.isEmpty ? set.chars : undefined;
    }
    if (node.type === 'Backreference' && !node.ambiguous) {
      const group = node.resolved;
      const length = getLengthRange(group.alternatives, this.flags);
      if (length.min !== 1 || length.max !== 1) return undefined;
      return getConsumedChars(group, this.flags).chars;
    }
    return undefined;
  }

  private alternatives(alternatives: readonly AST.Alternative[]): Fragment {
    return this.union(alternatives.map((alt) => this.alternative(alt)));
  }

  private alternative(alternative: AST.Alternative): Fragment {
    let result = epsilon();
    const { elements } = alternative;
    for (let i = 0; i < elements.length; i++) {
      const element = elements[i] as AST.Element;
      const next = elements[i + 1];
      // `(?!x)c` with one-character `x` and `c`: the position matches `c \ x`. When `x` is a
      // backreference the whole group set is removed — an under-approximation, hence sound.
      if (
        element.type === 'Assertion' &&
        element.kind === 'lookahead' &&
        element.negate &&
        element.alternatives.length === 1 &&
        element.alternatives[0]?.elements.length === 1 &&
        next !== undefined &&
        (next.type === 'Character' || next.type === 'CharacterSet' || next.type === 'CharacterClass')
      ) {
        const excluded = this.singleCharSet(element.alternatives[0].elements[0] as AST.Element);
        if (excluded === undefined) throw new Unsupported();
        result = this.concat(result, this.position(next, excluded));
        i++;
        continue;
      }
      result = this.concat(result, this.element(element));
    }
    return result;
  }

  private element(node: AST.Element): Fragment {
    switch (node.type) {
      case 'Character':
      case 'CharacterSet':
      case 'CharacterClass':
        return this.position(node);
      case 'Group':
        if (node.modifiers) throw new Unsupported();
        return this.alternatives(node.alternatives);
      case 'CapturingGroup':
        return this.alternatives(node.alternatives);
      case 'Quantifier':
        return this.quantifier(node);
      case 'Backreference': {
        // Only one-character groups; modelled by the group's character set (over-approximation).
        const chars = this.singleCharSet(node);
        if (chars === undefined) throw new Unsupported();
        return this.addPosition(chars);
      }
      default:
        // Other assertions and lookarounds, `v`-flag expression classes.
        throw new Unsupported();
    }
  }

  /**
   * `X{min,max}` following the spec's RepeatMatcher: `min` mandatory copies
   * (which may match empty), then either one looping copy or a nested chain
   * of optional copies `(X(X(X)?)?)?`; optional iterations must consume.
   */
  private quantifier(node: AST.Quantifier): Fragment {
    const { min, max } = node;
    if (max === 0) return epsilon();
    let result = epsilon();
    const mandatory = max === Infinity ? Math.max(min - 1, 0) : min;
    for (let i = 0; i < mandatory; i++) result = this.concat(result, this.element(node.element));

    if (max === Infinity) {
      const body = this.element(node.element);
      this.link(body.last, body.first); // next iteration (must consume, see above)
      const loop: Fragment = { first: body.first, last: body.last, nullable: min >= 1 ? body.nullable : 1 };
      return this.concat(result, loop);
    }

    let optional = epsilon();
    for (let i = 0; i < max - min; i++) {
      const body = this.element(node.element);
      const consuming: Fragment = { first: body.first, last: body.last, nullable: 0 };
      const iteration = this.concat(consuming, optional);
      optional = { first: iteration.first, last: iteration.last, nullable: 1 };
    }
    return this.concat(result, optional);
  }

  /** Weber–Seidl EDA test on the self-product of the automaton. */
  hasExponentialAmbiguity(): boolean {
    const n = this.sets.length;
    if (n === 0) return false;
    const ids = new Map<number, number>(); // pair key -> node id
    const pairs: Array<readonly [number, number]> = [];
    const adjacency: number[][] = [];
    const divergent: Array<readonly [number, number]> = [];
    const intern = (p: number, q: number): number => {
      const key = p * n + q;
      let id = ids.get(key);
      if (id === undefined) {
        id = pairs.length;
        ids.set(key, id);
        pairs.push([p, q]);
        adjacency.push([]);
      }
      return id;
    };

    for (let p = 0; p < n; p++) if (!this.sets[p]?.isEmpty) intern(p, p);
    let edges = 0;
    for (let id = 0; id < pairs.length; id++) {
      const [p, q] = pairs[id] as readonly [number, number];
      const fp = this.follow[p];
      const fq = this.follow[q];
      if (fp === undefined || fq === undefined) continue;
      for (const [p2, cp] of fp) {
        const setP = this.sets[p2] as CharSet;
        if (setP.isEmpty) continue;
        for (const q2 of fq.keys()) {
          if (++edges > MAX_PRODUCT_EDGES) throw new Unsupported();
          if (p2 === q2) {
            const target = intern(p2, p2);
            (adjacency[id] as number[]).push(target);
            if (p === q && cp >= 2) divergent.push([id, target]);
          } else if (!setP.isDisjointWith(this.sets[q2] as CharSet)) {
            (adjacency[id] as number[]).push(intern(p2, q2));
          }
        }
      }
    }

    const component = stronglyConnectedComponents(adjacency);
    const diagonal = new Set<number>();
    const offDiagonal = new Set<number>();
    pairs.forEach(([p, q], id) => (p === q ? diagonal : offDiagonal).add(component[id] as number));
    for (const c of diagonal) if (offDiagonal.has(c)) return true;
    return divergent.some(([a, b]) => component[a] === component[b]);
  }
}

/** Iterative Tarjan; returns the component index of every node. */
function stronglyConnectedComponents(adjacency: readonly (readonly number[])[]): number[] {
  const count = adjacency.length;
  const index = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const component = new Array<number>(count).fill(-1);
  const onStack = new Array<boolean>(count).fill(false);
  const stack: number[] = [];
  let nextIndex = 0;
  let nextComponent = 0;

  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    const work: Array<[node: number, edge: number]> = [[root, 0]];
    index[root] = low[root] = nextIndex++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1] as [number, number];
      const [v, i] = frame;
      const out = adjacency[v] as readonly number[];
      if (i < out.length) {
        frame[1] = i + 1;
        const w = out[i] as number;
        if (index[w] === -1) {
          index[w] = low[w] = nextIndex++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, index[w] as number);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number);
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = false;
          component[w] = nextComponent;
        } while (w !== v);
        nextComponent++;
      }
    }
  }
  return component;
}

function isSingleCharacter(node: AST.QuantifiableElement): boolean {
  return node.type === 'Character' || node.type === 'CharacterSet' || node.type === 'CharacterClass';
}

/** Unbounded quantifiers in post-order (innermost first). */
function unboundedQuantifiers(pattern: AST.Pattern): AST.Quantifier[] {
  const out: AST.Quantifier[] = [];
  const visitAlternatives = (alternatives: readonly AST.Alternative[]): void => {
    for (const alt of alternatives) for (const element of alt.elements) visit(element);
  };
  const visit = (node: AST.Element): void => {
    switch (node.type) {
      case 'Group':
      case 'CapturingGroup':
        visitAlternatives(node.alternatives);
        return;
      case 'Assertion':
        if (node.kind === 'lookahead' || node.kind === 'lookbehind') visitAlternatives(node.alternatives);
        return;
      case 'Quantifier':
        visit(node.element);
        if (node.max === Infinity && !isSingleCharacter(node.element)) out.push(node);
        return;
      default:
        return;
    }
  };
  visitAlternatives(pattern.alternatives);
  return out;
}

/** Result of {@link findExponentialLoop}. */
export interface AmbiguousLoop {
  /** The innermost unbounded quantifier whose loop is exponentially ambiguous. */
  readonly quantifier: AST.Quantifier;
  /** True when the loop body is an alternation whose top-level alternatives overlap. */
  readonly overlappingAlternatives: boolean;
}

/**
 * Finds an unbounded loop that can match some input in exponentially many
 * ways and whose continuation can fail. Returns `undefined` when none is
 * found (or every candidate was outside the supported fragment / budget).
 */
export function findExponentialLoop(pattern: AST.Pattern, flags: ReadonlyFlags): AmbiguousLoop | undefined {
  let positionsBuilt = 0;
  for (const quantifier of unboundedQuantifiers(pattern)) {
    if (positionsBuilt > MAX_TOTAL_POSITIONS) return undefined;
    const automaton = new LoopAutomaton(flags);
    try {
      automaton.build(quantifier);
      positionsBuilt += automaton.sets.length;
      if (!automaton.hasExponentialAmbiguity()) continue;
      if (continuationAlwaysAccepts(quantifier, flags)) continue;
      return { quantifier, overlappingAlternatives: hasOverlappingAlternatives(quantifier, flags) };
    } catch (error) {
      positionsBuilt += automaton.sets.length;
      if (error instanceof Unsupported) continue;
      throw error;
    }
  }
  return undefined;
}

/** Whether two top-level alternatives of the loop body can start with the same character. */
function hasOverlappingAlternatives(quantifier: AST.Quantifier, flags: ReadonlyFlags): boolean {
  const body = quantifier.element;
  if (body.type !== 'Group' && body.type !== 'CapturingGroup') return false;
  const firsts = body.alternatives.map((alt) => getFirstConsumedChar(alt, 'ltr', flags).char);
  for (let i = 0; i < firsts.length; i++) {
    for (let j = i + 1; j < firsts.length; j++) {
      if (!(firsts[i] as CharSet).isDisjointWith(firsts[j] as CharSet)) return true;
    }
  }
  return false;
}

/**
 * Whether the unbounded loop `quantifier` can consume `word` twice in a row
 * (i.e. keep scanning across repeated copies of it). `undefined` when the
 * loop body is outside the supported fragment.
 */
export function loopConsumesRepeated(
  quantifier: AST.Quantifier,
  flags: ReadonlyFlags,
  word: readonly number[],
): boolean | undefined {
  try {
    const automaton = new LoopAutomaton(flags);
    const fragment = automaton.build(quantifier);
    return automaton.accepts(fragment, [...word, ...word]);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
