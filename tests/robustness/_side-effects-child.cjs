// Child process for no-side-effects.test.ts. Loads ESLint and the BUILT plugin, THEN replaces the
// file-writing, network and process-spawning APIs with traps that record the call and throw, lints
// the directory given as argv[2] with the `all` config, restores the APIs and prints a JSON report
// ({ recorded, files, findings, fatal }) on stdout. Reads stay allowed: the plugin reads local
// modules (cross-file summaries) and package.json files.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const tls = require('node:tls');
const http = require('node:http');
const https = require('node:https');
const http2 = require('node:http2');
const dns = require('node:dns');
const dgram = require('node:dgram');
const childProcess = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const { ESLint } = require('eslint');
const tsParser = require('@typescript-eslint/parser');
const plugin = require(path.join(ROOT, 'dist', 'index.js'));

const target = process.argv[2];
// `--self-test <file name>`: on that file, a rule attempts each kind of side effect, to prove that
// the traps catch them.
const selfTest = process.argv[3] === '--self-test' ? process.argv[4] : null;
const offender = {
  rules: {
    misbehave: {
      create() {
        return {
          Program() {
            const attempts = [
              () => fs.writeFileSync(path.join(target, 'written.txt'), 'x'),
              () => fs.promises.mkdir(path.join(target, 'made')),
              () => fs.openSync(path.join(target, 'opened.txt'), 'w'),
              () => new net.Socket().connect(80, 'example.com'),
              () => https.get('https://example.com'),
              () => dns.lookup('example.com', () => {}),
              () => fetch('https://example.com'),
              () => childProcess.execSync('true'),
            ];
            for (const attempt of attempts) {
              try {
                attempt();
              } catch {
                // The trap throws; the recording is what counts.
              }
            }
          },
        };
      },
    },
  },
};
const recorded = [];
const restores = [];

function trap(owner, name, label) {
  if (!owner || typeof owner[name] !== 'function') return;
  const original = owner[name];
  restores.push(() => {
    owner[name] = original;
  });
  owner[name] = function trapped(...args) {
    const stack = (new Error().stack || '').split('\n').slice(2, 8).map((l) => l.trim());
    recorded.push({ api: label, arg: String(args[0]).slice(0, 200), stack });
    throw new Error(`robustness trap: ${label} is not allowed while linting`);
  };
}

/** `open` is a read unless its flags ask for writing, creating, appending or truncating. */
function trapOpenForWriting(owner, name, label) {
  const original = owner[name];
  const { O_WRONLY, O_RDWR, O_CREAT, O_APPEND, O_TRUNC } = fs.constants;
  restores.push(() => {
    owner[name] = original;
  });
  owner[name] = function open(file, flags, ...rest) {
    const writes = typeof flags === 'number' ? (flags & (O_WRONLY | O_RDWR | O_CREAT | O_APPEND | O_TRUNC)) !== 0 : typeof flags === 'string' && /[wa+]/.test(flags);
    if (writes) {
      recorded.push({ api: `${label}(${flags})`, arg: String(file).slice(0, 200), stack: (new Error().stack || '').split('\n').slice(2, 8) });
      throw new Error(`robustness trap: ${label} for writing is not allowed while linting`);
    }
    return original.call(this, file, flags, ...rest);
  };
}

function installTraps() {
  const fsWrites = [
    'writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rm', 'rmdir', 'unlink', 'rename', 'copyFile', 'cp',
    'symlink', 'link', 'truncate', 'ftruncate', 'chmod', 'fchmod', 'lchmod', 'chown', 'fchown', 'lchown',
    'utimes', 'futimes', 'lutimes', 'write', 'writev',
  ];
  for (const name of fsWrites) {
    trap(fs, name, `fs.${name}`);
    trap(fs, `${name}Sync`, `fs.${name}Sync`);
    trap(fs.promises, name, `fs.promises.${name}`);
  }
  trap(fs, 'createWriteStream', 'fs.createWriteStream');
  trapOpenForWriting(fs, 'open', 'fs.open');
  trapOpenForWriting(fs, 'openSync', 'fs.openSync');
  trapOpenForWriting(fs.promises, 'open', 'fs.promises.open');

  trap(net, 'connect', 'net.connect');
  trap(net, 'createConnection', 'net.createConnection');
  trap(net.Socket.prototype, 'connect', 'net.Socket.prototype.connect');
  trap(tls, 'connect', 'tls.connect');
  for (const [mod, label] of [[http, 'http'], [https, 'https']]) {
    trap(mod, 'request', `${label}.request`);
    trap(mod, 'get', `${label}.get`);
  }
  trap(http2, 'connect', 'http2.connect');
  for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'reverse']) {
    trap(dns, name, `dns.${name}`);
    trap(dns.promises, name, `dns.promises.${name}`);
  }
  trap(dgram, 'createSocket', 'dgram.createSocket');
  trap(globalThis, 'fetch', 'fetch');

  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) trap(childProcess, name, `child_process.${name}`);
}

async function main() {
  const eslint = new ESLint({
    cwd: target,
    overrideConfigFile: true,
    overrideConfig: [
      plugin.configs.all,
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
      ...(selfTest ? [{ files: [`**/${selfTest}`], plugins: { offender }, rules: { 'offender/misbehave': 'error' } }] : []),
    ],
  });
  installTraps();
  let results;
  try {
    results = await eslint.lintFiles(['.']);
  } finally {
    for (const restore of restores.reverse()) restore();
  }
  const messages = results.flatMap((r) => r.messages);
  process.stdout.write(
    JSON.stringify({
      recorded,
      files: results.length,
      findings: messages.filter((m) => m.ruleId && m.ruleId.startsWith('serverless-security/')).length,
      fatal: messages.filter((m) => m.fatal).map((m) => m.message),
    }),
  );
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String((e && e.stack) || e), recorded }));
  process.exitCode = 1;
});
