/**
 * Module functions whose effect on taint is known: sanitizers (result is clean for some or all
 * families) and propagators that keep the taint of their first argument. Calls to anything not
 * listed here pass the taint of all arguments to the result (see `taint/evaluate.ts`).
 */
import type { TransferModel } from '../types.js';

export const TRANSFERS = [
  // Regex escapers: clean for regex construction only.
  { modules: ['escape-string-regexp'], path: [], effect: 'clean', families: ['redos'] },
  { modules: ['lodash.escaperegexp'], path: [], effect: 'clean', families: ['redos'] },
  { modules: ['lodash', 'lodash-es', 'underscore'], path: ['escapeRegExp'], effect: 'clean', families: ['redos'] },
  { modules: ['regexp.escape', 'escape-regexp', 'escape-regex-string'], path: [], effect: 'clean', families: ['redos'] },
  // Per-method lodash imports (`import escapeRegExp from 'lodash/escapeRegExp.js'`).
  { modules: ['lodash/escapeRegExp', 'lodash/escapeRegExp.js', 'lodash-es/escapeRegExp', 'lodash-es/escapeRegExp.js'], path: [], effect: 'clean', families: ['redos'] },
  // Shell quoting: clean for commands only.
  { modules: ['shell-quote'], path: ['quote'], effect: 'clean', families: ['command'] },
  { modules: ['shell-escape'], path: [], effect: 'clean', families: ['command'] },
  { modules: ['shescape'], path: ['quote'], effect: 'clean', families: ['command'] },
  { modules: ['shescape'], path: ['quoteAll'], effect: 'clean', families: ['command'] },
  // Hashes, UUIDs and numbers carry no attacker-chosen characters.
  { modules: ['crypto'], path: ['createHash'], effect: 'clean', families: 'all' },
  { modules: ['crypto'], path: ['createHmac'], effect: 'clean', families: 'all' },
  { modules: ['crypto'], path: ['randomUUID'], effect: 'clean', families: 'all' },
  { modules: ['crypto'], path: ['randomBytes'], effect: 'clean', families: 'all' },
  { modules: ['uuid'], path: ['v4'], effect: 'clean', families: 'all' },
  { modules: ['uuid'], path: ['validate'], effect: 'clean', families: 'all' },
  { modules: ['validator'], path: ['toInt'], effect: 'clean', families: 'all' },
  { modules: ['validator'], path: ['toFloat'], effect: 'clean', families: 'all' },
  { modules: ['validator'], path: ['toBoolean'], effect: 'clean', families: 'all' },
  // Propagators that keep the shape of their input.
  { modules: ['@aws-sdk/util-dynamodb'], path: ['unmarshall'], effect: 'pass' },
  { modules: ['querystring'], path: ['parse'], effect: 'pass' },
  { modules: ['qs'], path: ['parse'], effect: 'pass' },
  { modules: ['zlib'], path: ['gunzipSync'], effect: 'pass' },
  { modules: ['zlib'], path: ['inflateSync'], effect: 'pass' },
  { modules: ['zlib'], path: ['unzipSync'], effect: 'pass' },
  { modules: ['zlib'], path: ['brotliDecompressSync'], effect: 'pass' },
  { modules: ['path'], path: ['basename'], effect: 'pass' },
  { modules: ['path'], path: ['join'], effect: 'pass' },
  { modules: ['path'], path: ['resolve'], effect: 'pass' },
] as const satisfies readonly TransferModel[];

/** Global functions that coerce to numbers/booleans or to fixed strings (clean for every family). */
export const CLEAN_GLOBAL_CALLS: ReadonlySet<string> = new Set([
  'Number',
  'parseInt',
  'parseFloat',
  'Boolean',
  'isNaN',
  'isFinite',
  'Date',
]);

/** Static members of globals that coerce or test (clean for every family). */
export const CLEAN_STATIC_CALLS: ReadonlySet<string> = new Set([
  'Math.*',
  'Number.*',
  'Date.now',
  'Date.parse',
  'Array.isArray',
  'Buffer.byteLength',
  'Buffer.isBuffer',
]);

/** String/array methods whose result carries the receiver's (and arguments') taint. */
export const PASS_METHODS: ReadonlySet<string> = new Set([
  'toString',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'trim',
  'trimStart',
  'trimEnd',
  'padStart',
  'padEnd',
  'slice',
  'substring',
  'substr',
  'concat',
  'replace',
  'replaceAll',
  'normalize',
  'repeat',
  'at',
  'charAt',
  'join',
  'flat',
  'reverse',
  'sort',
  'toSorted',
  'toReversed',
  'valueOf',
  'transformToString',
  'transformToByteArray',
  'text',
  'json',
  'toJSON',
  'promise',
  'toArray',
  'shift',
  'pop',
  'values',
]);

/** Methods whose results carry no attacker characters. */
export const CLEAN_METHODS: ReadonlySet<string> = new Set([
  'includes',
  'startsWith',
  'endsWith',
  'indexOf',
  'lastIndexOf',
  'test',
  'has',
  'some',
  'every',
  'findIndex',
  'findLastIndex',
  'localeCompare',
  'charCodeAt',
  'codePointAt',
  'getTime',
  'toISOString',
  'toFixed',
  'digest',
  'hasOwnProperty',
  'isArray',
]);
