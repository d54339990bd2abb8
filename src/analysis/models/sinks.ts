/**
 * Dangerous sinks as data, one row per API. `check` names the condition evaluated by
 * `taint/sinks.ts`. Module names are given without `node:`; the prefixed variant is added when
 * the trace map is built. API names were checked against each package's typings or README.
 */
import type { SinkModel } from '../types.js';

const CMD = {
  family: 'command',
  cwe: 'CWE-78',
  risk: 'OS command injection',
} as const;

const EXEC_ADVICE =
  'Run the program with execFile()/spawn() and an argument array (no shell), and validate the value against an allow-list.';
const SPAWN_ADVICE = 'Do not use a shell: pass a fixed program and an argument array, and validate the value against an allow-list.';

/** Programs that run their argument as a shell script (`sh -c "…"`), and their script flags. */
export const SHELLS = /^(?:.*[\\/])?(?:sh|bash|zsh|dash|ksh|csh|tcsh|fish|ash|busybox|cmd|cmd\.exe|powershell|powershell\.exe|pwsh)$/i;
export const SHELL_FLAGS: ReadonlySet<string> = new Set(['-c', '/c', '/C', '-Command', '-command', '-lc', '-ic', '-ec']);
/** Interpreters that run an argument as code, keyed by program name, with the flags that do it. */
export const INTERPRETERS: Readonly<Record<string, readonly string[]>> = {
  node: ['-e', '--eval', '-p', '--print'],
  python: ['-c'],
  python3: ['-c'],
  perl: ['-e', '-E'],
  ruby: ['-e'],
  php: ['-r'],
  osascript: ['-e'],
};

export const COMMAND_SINKS = [
  { ...CMD, modules: ['child_process'], path: ['exec'], kind: 'call', args: [0], check: 'tainted', label: 'child_process.exec()', advice: EXEC_ADVICE },
  { ...CMD, modules: ['child_process'], path: ['execSync'], kind: 'call', args: [0], check: 'tainted', label: 'child_process.execSync()', advice: EXEC_ADVICE },
  { ...CMD, modules: ['child_process'], path: ['spawn'], kind: 'call', args: [0, 1], check: 'spawn', label: 'child_process.spawn()', advice: SPAWN_ADVICE },
  { ...CMD, modules: ['child_process'], path: ['spawnSync'], kind: 'call', args: [0, 1], check: 'spawn', label: 'child_process.spawnSync()', advice: SPAWN_ADVICE },
  { ...CMD, modules: ['child_process'], path: ['execFile'], kind: 'call', args: [0, 1], check: 'spawn', label: 'child_process.execFile()', advice: SPAWN_ADVICE },
  { ...CMD, modules: ['child_process'], path: ['execFileSync'], kind: 'call', args: [0, 1], check: 'spawn', label: 'child_process.execFileSync()', advice: SPAWN_ADVICE },
  { ...CMD, cwe: 'CWE-114', risk: 'process control (an attacker-chosen module runs)', modules: ['child_process'], path: ['fork'], kind: 'call', args: [0], check: 'tainted', label: 'child_process.fork()', advice: 'Fork a fixed module path; never one derived from event data.' },
  { ...CMD, modules: ['cross-spawn'], path: [], kind: 'call', args: [0, 1], check: 'spawn', label: 'cross-spawn()', advice: SPAWN_ADVICE },
  { ...CMD, modules: ['cross-spawn'], path: ['sync'], kind: 'call', args: [0, 1], check: 'spawn', label: 'cross-spawn.sync()', advice: SPAWN_ADVICE },
  { ...CMD, modules: ['ssh2'], path: ['Client'], kind: 'construct', instanceMethods: ['exec'], args: [0], check: 'tainted', label: 'ssh2 Client#exec()', advice: 'Run a fixed remote command and pass values as validated, quoted arguments.' },
  { ...CMD, modules: ['shelljs'], path: ['exec'], kind: 'call', args: [0], check: 'tainted', label: 'shelljs.exec()', advice: EXEC_ADVICE },
  { ...CMD, modules: ['execa'], path: ['execa'], kind: 'call', args: [0, 1], check: 'execa', label: 'execa()', advice: SPAWN_ADVICE },
  { ...CMD, modules: ['execa'], path: [], kind: 'call', args: [0, 1], check: 'execa', label: 'execa()', advice: SPAWN_ADVICE },
  { ...CMD, modules: ['execa'], path: ['execaSync'], kind: 'call', args: [0, 1], check: 'execa', label: 'execaSync()', advice: SPAWN_ADVICE },
  { ...CMD, modules: ['execa'], path: ['sync'], kind: 'call', args: [0, 1], check: 'execa', label: 'execa.sync()', advice: SPAWN_ADVICE },
  { ...CMD, modules: ['execa'], path: ['execaCommand'], kind: 'call', args: [0], check: 'tainted', label: 'execaCommand()', advice: 'Use execa(file, [args]) with a fixed program instead of a command string.' },
  { ...CMD, modules: ['execa'], path: ['execaCommandSync'], kind: 'call', args: [0], check: 'tainted', label: 'execaCommandSync()', advice: 'Use execa(file, [args]) with a fixed program instead of a command string.' },
  { ...CMD, modules: ['execa'], path: ['command'], kind: 'call', args: [0], check: 'tainted', label: 'execa.command()', advice: 'Use execa(file, [args]) with a fixed program instead of a command string.' },
  { ...CMD, modules: ['execa'], path: ['commandSync'], kind: 'call', args: [0], check: 'tainted', label: 'execa.commandSync()', advice: 'Use execa(file, [args]) with a fixed program instead of a command string.' },
] as const satisfies readonly SinkModel[];

const CODE = { family: 'code', cwe: 'CWE-95', risk: 'code injection' } as const;
const EVAL_ADVICE = 'Never evaluate event data as code; parse it as data (JSON.parse) or map it to known operations.';
const VM_ADVICE = 'The vm module is not a security boundary: do not run event data as code.';

// setTimeout/setInterval/setImmediate with a string are not sinks on Node: they throw
// ERR_INVALID_ARG_TYPE instead of evaluating the string (verified on Node 20).
export const CODE_SINKS = [
  { ...CODE, modules: [], path: ['eval'], kind: 'call', args: [0], check: 'tainted', label: 'eval()', advice: EVAL_ADVICE },
  { ...CODE, modules: [], path: ['Function'], kind: 'callOrConstruct', args: 'all', check: 'tainted', label: 'Function()', advice: EVAL_ADVICE },
  { ...CODE, modules: [], path: ['require'], kind: 'call', args: [0], check: 'tainted', cwe: 'CWE-94', label: 'require() with a dynamic specifier', advice: 'Require modules by constant names; map event values to an allow-listed table of modules.' },
  { ...CODE, modules: ['vm'], path: ['runInThisContext'], kind: 'call', args: [0], check: 'tainted', cwe: 'CWE-94', label: 'vm.runInThisContext()', advice: VM_ADVICE },
  { ...CODE, modules: ['vm'], path: ['runInNewContext'], kind: 'call', args: [0], check: 'tainted', cwe: 'CWE-94', label: 'vm.runInNewContext()', advice: VM_ADVICE },
  { ...CODE, modules: ['vm'], path: ['runInContext'], kind: 'call', args: [0], check: 'tainted', cwe: 'CWE-94', label: 'vm.runInContext()', advice: VM_ADVICE },
  { ...CODE, modules: ['vm'], path: ['compileFunction'], kind: 'call', args: [0], check: 'tainted', cwe: 'CWE-94', label: 'vm.compileFunction()', advice: VM_ADVICE },
  { ...CODE, modules: ['vm'], path: ['Script'], kind: 'construct', args: [0], check: 'tainted', cwe: 'CWE-94', label: 'new vm.Script()', advice: VM_ADVICE },
  { ...CODE, modules: ['vm'], path: ['SourceTextModule'], kind: 'construct', args: [0], check: 'tainted', cwe: 'CWE-94', label: 'new vm.SourceTextModule()', advice: VM_ADVICE },
  { ...CODE, modules: ['vm2'], path: ['VM'], kind: 'construct', instanceMethods: ['run'], args: [0], check: 'tainted', cwe: 'CWE-94', label: 'vm2 VM#run()', advice: 'vm2 is discontinued and has sandbox escapes: do not run event data as code.' },
  { ...CODE, modules: ['vm2'], path: ['NodeVM'], kind: 'construct', instanceMethods: ['run'], args: [0], check: 'tainted', cwe: 'CWE-94', label: 'vm2 NodeVM#run()', advice: 'vm2 is discontinued and has sandbox escapes: do not run event data as code.' },
  { ...CODE, modules: ['vm2'], path: ['VMScript'], kind: 'construct', args: [0], check: 'tainted', cwe: 'CWE-94', label: 'new vm2.VMScript()', advice: 'vm2 is discontinued and has sandbox escapes: do not run event data as code.' },
  { ...CODE, modules: ['safe-eval'], path: [], kind: 'call', args: [0], check: 'tainted', label: 'safe-eval()', advice: 'safe-eval has known sandbox escapes: do not evaluate event data.' },
] as const satisfies readonly SinkModel[];

const XXE = { family: 'xxe', cwe: 'CWE-611', risk: 'XML external entity (XXE) injection' } as const;
const LIBXML_ADVICE = 'Parse untrusted XML without noent/dtdload/dtdvalid/xinclude/huge (the defaults), or use a parser that never loads external entities.';

export const XXE_SINKS = [
  { ...XXE, modules: ['libxmljs', 'libxmljs2'], path: ['parseXml'], kind: 'call', args: [0], check: 'libxmlOptions', label: 'libxmljs.parseXml()', advice: LIBXML_ADVICE },
  { ...XXE, modules: ['libxmljs', 'libxmljs2'], path: ['parseXmlString'], kind: 'call', args: [0], check: 'libxmlOptions', label: 'libxmljs.parseXmlString()', advice: LIBXML_ADVICE },
  { ...XXE, modules: ['libxmljs', 'libxmljs2'], path: ['parseXmlAsync'], kind: 'call', args: [0], check: 'libxmlOptions', label: 'libxmljs.parseXmlAsync()', advice: LIBXML_ADVICE },
  { ...XXE, modules: ['libxmljs', 'libxmljs2'], path: ['Document', 'fromXml'], kind: 'call', args: [0], check: 'libxmlOptions', label: 'libxmljs.Document.fromXml()', advice: LIBXML_ADVICE },
  // libxml2 SAX parsing takes no parser options here; whether entities resolve depends on the
  // binding's defaults, so these are lower-confidence findings (strict config).
  { ...XXE, modules: ['libxmljs', 'libxmljs2'], path: ['SaxParser'], kind: 'construct', instanceMethods: ['parseString'], args: [0], check: 'tainted', label: 'libxmljs SaxParser#parseString()', advice: LIBXML_ADVICE, confidence: 'low' },
  { ...XXE, modules: ['libxmljs', 'libxmljs2'], path: ['SaxPushParser'], kind: 'construct', instanceMethods: ['push'], args: [0], check: 'tainted', label: 'libxmljs SaxPushParser#push()', advice: LIBXML_ADVICE, confidence: 'low' },
  { ...XXE, cwe: 'CWE-776', risk: 'XML entity expansion (billion laughs)', modules: ['node-expat'], path: ['Parser'], kind: 'construct', instanceMethods: ['parse', 'write'], args: [0], check: 'tainted', label: 'node-expat Parser#parse()/#write()', advice: 'expat expands internal entities without limits: reject DOCTYPEs or use a parser with entity limits (fast-xml-parser).' },
  { ...XXE, cwe: 'CWE-776', risk: 'XML entity expansion (billion laughs)', modules: ['xml2json'], path: ['toJson'], kind: 'call', args: [0], check: 'tainted', label: 'xml2json.toJson()', advice: 'xml2json uses expat, which expands entities without limits: use fast-xml-parser or reject DOCTYPEs first.' },
] as const satisfies readonly SinkModel[];

const DESER = { family: 'deserialization', cwe: 'CWE-502', risk: 'unsafe deserialization (remote code execution)' } as const;
const DESER_ADVICE = 'Deserialize event data with JSON.parse() and validate its shape; never with a format that revives functions.';

export const DESERIALIZATION_SINKS = [
  { ...DESER, modules: ['node-serialize'], path: ['unserialize'], kind: 'call', args: [0], check: 'tainted', label: 'node-serialize.unserialize()', advice: DESER_ADVICE },
  { ...DESER, modules: ['serialize-to-js'], path: ['deserialize'], kind: 'call', args: [0], check: 'tainted', label: 'serialize-to-js.deserialize()', advice: DESER_ADVICE },
  { ...DESER, modules: ['funcster'], path: ['deepDeserialize'], kind: 'call', args: [0], check: 'tainted', label: 'funcster.deepDeserialize()', advice: DESER_ADVICE },
  { ...DESER, modules: ['funcster'], path: ['deserialize'], kind: 'call', args: [0], check: 'tainted', label: 'funcster.deserialize()', advice: DESER_ADVICE },
  { ...DESER, modules: ['cryo'], path: ['parse'], kind: 'call', args: [0], check: 'tainted', label: 'cryo.parse()', advice: DESER_ADVICE },
  { ...DESER, modules: ['js-yaml'], path: ['load'], kind: 'call', args: [0], check: 'yamlSchema', label: 'js-yaml load()', advice: 'Load untrusted YAML with the default (safe) schema; never with DEFAULT_FULL_SCHEMA or js-yaml-js-types.' },
  { ...DESER, modules: ['js-yaml'], path: ['loadAll'], kind: 'call', args: [0], check: 'yamlSchema', label: 'js-yaml loadAll()', advice: 'Load untrusted YAML with the default (safe) schema; never with DEFAULT_FULL_SCHEMA or js-yaml-js-types.' },
  { ...DESER, modules: ['js-yaml'], path: ['safeLoad'], kind: 'call', args: [0], check: 'yamlSchema', label: 'js-yaml safeLoad()', advice: 'Load untrusted YAML with the default (safe) schema; never with DEFAULT_FULL_SCHEMA or js-yaml-js-types.' },
  { ...DESER, modules: ['bson'], path: ['deserialize'], kind: 'call', args: [0], check: 'bsonEval', label: 'bson.deserialize() with evalFunctions', advice: 'Deserialize BSON without evalFunctions.' },
] as const satisfies readonly SinkModel[];

const REDOS = { family: 'redos', cwe: 'CWE-1333', risk: 'regular expression injection (ReDoS)' } as const;

export const REDOS_SINKS = [
  { ...REDOS, modules: [], path: ['RegExp'], kind: 'callOrConstruct', args: [0], check: 'regexCtor', label: 'RegExp()', advice: 'Escape the value first (escape-string-regexp or _.escapeRegExp), or match it with string methods (includes/startsWith).' },
] as const satisfies readonly SinkModel[];

export const ALL_SINKS: readonly SinkModel[] = [
  ...COMMAND_SINKS,
  ...CODE_SINKS,
  ...XXE_SINKS,
  ...DESERIALIZATION_SINKS,
  ...REDOS_SINKS,
];
