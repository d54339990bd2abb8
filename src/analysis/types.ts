/**
 * Shared types of the analysis engine: sink families, model rows, abstract values and findings.
 *
 * Everything the rules see is a {@link Finding}; everything the engine knows about an API is a
 * model row (see `models/`). Abstract values are immutable once built.
 */
import type { TSESTree } from '@typescript-eslint/utils';

export type Node = TSESTree.Node;
export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

/** The vulnerability families, one per rule. */
export type Family = 'command' | 'code' | 'xxe' | 'deserialization' | 'redos';
export const FAMILIES: readonly Family[] = ['command', 'code', 'xxe', 'deserialization', 'redos'];

/** Bit for a family in an origin's `clean` mask. */
export function familyBit(family: Family): number {
  return 1 << FAMILIES.indexOf(family);
}
export const ALL_FAMILIES_MASK = (1 << FAMILIES.length) - 1;

export type TriggerId =
  | 's3'
  | 'sqs'
  | 'sns'
  | 'api-gateway'
  | 'alb'
  | 'dynamodb-streams'
  | 'kinesis'
  | 'eventbridge'
  | 'cognito'
  | 'scheduled'
  | 'cloudformation'
  | 's3-object-lambda'
  | 'express'
  | 'router'
  | 'unknown';

/** Confidence of a finding: `strict` findings are only reported by the strict/all configs. */
export type Confidence = 'high' | 'low';

// ---------------------------------------------------------------------------------------------
// Model rows

/** How the sink decides whether tainted arguments are dangerous. */
export type SinkCheck =
  /** any listed argument tainted */
  | 'tainted'
  /** child_process spawn/execFile family: tainted program, or shell used with tainted argv */
  | 'spawn'
  /** execa(file, args, opts) */
  | 'execa'
  /** libxmljs parseXml(xml, opts): opts enables entities/DTD/XInclude/huge */
  | 'libxmlOptions'
  /** js-yaml load(x, { schema }) with an unsafe schema */
  | 'yamlSchema'
  /** bson deserialize(x, { evalFunctions: true }) */
  | 'bsonEval'
  /** new RegExp(x) / RegExp(x): tainted pattern not escaped */
  | 'regexCtor';

export interface SinkModel {
  readonly family: Family;
  /** Module specifiers (without `node:`; the variant is added automatically); `[]` for globals. */
  readonly modules: readonly string[];
  /** Member path from the module namespace (or the global), e.g. `['exec']`, `['promises', 'exec']`. */
  readonly path: readonly string[];
  /** How the sink is invoked; `instance` = methods of an object created by `construct`ing `path`. */
  readonly kind: 'call' | 'construct' | 'callOrConstruct';
  /** Methods of the constructed instance that are the actual sink (e.g. expat `Parser#parse`). */
  readonly instanceMethods?: readonly string[];
  /** Dangerous argument positions; `'all'` for every argument. */
  readonly args: readonly number[] | 'all';
  readonly check: SinkCheck;
  /** Shown in messages, e.g. `child_process.exec()`. */
  readonly label: string;
  readonly cwe: string;
  /** Short risk name, e.g. `OS command injection`. */
  readonly risk: string;
  /** What to do instead (one sentence). */
  readonly advice: string;
  readonly confidence?: Confidence;
}

/** A propagator or sanitizer for a module function (`escape-string-regexp`, `util/unmarshall`). */
export interface TransferModel {
  readonly modules: readonly string[];
  readonly path: readonly string[];
  /** `clean` = result carries no taint for the listed families; `pass` = taint of arg 0 passes. */
  readonly effect: 'pass' | 'clean';
  /** Families made safe (only for `clean`); `'all'` for coercions and hashes. */
  readonly families?: readonly Family[] | 'all';
}

/** One row of a trigger's source model. */
export interface FieldRule {
  /** Dotted path from the event root; `[]` = every array element, `*` = any key. */
  readonly path: string;
  /** `attacker` fields are tainted; `trusted` fields are AWS metadata or deployment config. */
  readonly trust: 'attacker' | 'trusted';
  /** Human label for attacker fields, e.g. `S3 object key`. */
  readonly label?: string;
}

export interface TriggerModel {
  readonly id: TriggerId;
  readonly label: string;
  /** `aws-lambda` type names that identify the trigger. */
  readonly typeNames: readonly string[];
  readonly fields: readonly FieldRule[];
}

// ---------------------------------------------------------------------------------------------
// Abstract values

export interface Step {
  /** Variable or parameter name the data passed through. */
  readonly name: string;
  readonly node: Node;
}

/** A symbolic reference to a parameter of a function in this file, at an access path. */
export interface ParamOrigin {
  readonly kind: 'param';
  readonly fn: FunctionNode;
  readonly index: number;
  readonly path: readonly string[];
  /** After string building or unknown calls, further property reads do not refine the path. */
  readonly sealed: boolean;
  /** Where the path was last extended (for the message's line and text). */
  readonly at: Node;
  readonly steps: readonly Step[];
  /** Families this value was sanitized for (bit mask, see {@link familyBit}). */
  readonly clean: number;
  /** Stands for the result of a local module call that was not summarised (see `approximateForeign`). */
  readonly approx?: true;
}

/** Attacker data that does not come from a parameter (second-order: S3 object content). */
export interface SourceOrigin {
  readonly kind: 'source';
  readonly label: string;
  readonly node: Node;
  /** For conditional sources (GetObject): tainted when the key is, or the file handles S3 events. */
  readonly key?: Value;
  readonly steps: readonly Step[];
  readonly clean: number;
  readonly approx?: true;
}

export type Origin = ParamOrigin | SourceOrigin;

/** Which parameter of which function, at which access path: a parameter origin without its history. */
export type ParamRef = Pick<ParamOrigin, 'fn' | 'index' | 'path' | 'sealed' | 'clean'>;

/** Something callable or an object with a known behaviour. */
export type ObjRef =
  | { readonly kind: 'fn'; readonly fn: FunctionNode }
  | { readonly kind: 'sinkFn'; readonly sink: SinkModel }
  | { readonly kind: 'instance'; readonly sink: SinkModel }
  | { readonly kind: 'getObjectCommand'; readonly key: Value; readonly node: Node }
  | { readonly kind: 'unsafeYamlSchema' }
  | { readonly kind: 'resolver'; readonly promise: Node }
  /** An instance of a class exported by a local module (members keyed `Class#method`). */
  | { readonly kind: 'foreignInstance'; readonly members: ReadonlyMap<string, unknown>; readonly cls: string }
  | { readonly kind: 'class'; readonly node: TSESTree.ClassDeclaration | TSESTree.ClassExpression }
  | { readonly kind: 'classInstance'; readonly node: TSESTree.ClassDeclaration | TSESTree.ClassExpression };

export interface RegexConst {
  readonly source: string;
  readonly flags: string;
  readonly node: Node;
}

export interface Value {
  readonly origins: readonly Origin[];
  /** Known fields of object/array literals; `[]` holds array elements. */
  readonly props?: ReadonlyMap<string, Value>;
  readonly objs?: readonly ObjRef[];
  readonly regex?: RegexConst;
  /** Further regexes the value may be (`[/a/, /b/]` elements, joined branches). */
  readonly moreRegexes?: readonly RegexConst[];
  /** A compile-time string, when known (for shell/program names). */
  readonly str?: string;
  /** Several different compile-time strings were joined: still a constant, just not one known string. */
  readonly strs?: 'many';
  /**
   * Keys whose value is only the known property, not the origins: `{ ...body, id: uuid() }.id`
   * (an explicit key written after the spread overrides it).
   */
  readonly shadow?: ReadonlySet<string>;
}

// ---------------------------------------------------------------------------------------------
// Findings

export interface FindingSource {
  /** e.g. `S3 object key` */
  readonly label: string;
  /** e.g. `event.Records[].s3.object.key` */
  readonly path: string;
  readonly line: number;
}

export interface Finding {
  readonly family: Family;
  readonly node: Node;
  readonly sink: SinkModel | SyntheticSink;
  readonly source: FindingSource;
  /** Variable names between source and sink, in order. */
  readonly steps: readonly Step[];
  readonly confidence: Confidence;
  /** Extra detail (regex verdict, parser option) shown in the message. */
  readonly detail?: string;
  /** For regex findings: which kind. */
  readonly redosKind?: 'injection' | 'exponential' | 'polynomial';
}

/** Sinks the engine recognises without a module model (regex application, import()). */
export interface SyntheticSink {
  readonly family: Family;
  readonly label: string;
  readonly cwe: string;
  readonly risk: string;
  readonly advice: string;
}
