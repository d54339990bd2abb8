import { describe, expect, it } from 'vitest';
import { analyseCode, summarise } from './_analyse.js';

const findings = (code: string, ts = false): string[] => summarise(analyseCode(code, { ts }));

describe('schema validators (zod)', () => {
  const code = `import { z } from 'zod';
import { execSync } from 'node:child_process';
const Body = z.object({ action: z.enum(['start', 'stop']), id: z.string().uuid(), note: z.string(), tags: z.array(z.string()) });
export const handler = async (event: { body: string; queryStringParameters?: Record<string, string> }) => {
  const body = Body.parse(JSON.parse(event.body));
  execSync(\`svc \${body.action} \${body.id}\`);
  execSync(\`logger \${body.note}\`);
  execSync('tag ' + body.tags.join(','));
  const r = Body.safeParse(JSON.parse(event.body));
  if (!r.success) return;
  execSync(\`svc \${r.data.action}\`);
  const n = z.coerce.number().int().parse(event.queryStringParameters?.n);
  execSync(\`seq \${n}\`);
  const slug = z.string().regex(/^[a-z0-9-]+$/).parse(event.queryStringParameters?.slug);
  execSync(\`mkdir /tmp/\${slug}\`);
};`;
  it('narrow fields are clean, string() fields keep their taint', () => {
    expect(findings(code, true)).toEqual([
      'command@7 request body JSON.parse(event.body).note → child_process.execSync() [body]',
      'command@8 request body JSON.parse(event.body).tags[] → child_process.execSync() [body]',
    ]);
  });
});

describe('hand-written sanitizers', () => {
  it('stripping to a safe alphabet cleans; stripping that keeps spaces does not', () => {
    const code = `import { execSync } from 'child_process';
export const handler = async (event) => {
  const key = event.Records[0].s3.object.key;
  execSync('gzip /tmp/' + key.replace(/[^a-zA-Z0-9._-]/g, '_'));
  execSync('gzip /tmp/' + key.replace(/[^\\w\\s]/g, ''));
};`;
    expect(findings(code)).toEqual(['command@5 S3 object key event.Records[].s3.object.key → child_process.execSync() [key]']);
  });

  it('boolean comparisons of a restrictive regex test are guards', () => {
    const code = `import { execSync } from 'child_process';
const SAFE = /^[\\w.-]+$/;
export const handler = async (event) => {
  const key = event.Records[0].s3.object.key;
  if (SAFE.test(key) === false) return;
  execSync('gzip /tmp/' + key);
};`;
    expect(findings(code)).toEqual([]);
  });

  it('a blocklist check is not a guard', () => {
    const code = `import { execSync } from 'child_process';
export const handler = async (event) => {
  const host = event.queryStringParameters.host;
  if (host.includes(';') || host.includes('&')) return { statusCode: 400 };
  execSync('ping -c 1 ' + host);
};`;
    expect(findings(code)).toEqual(['command@5 query string parameter event.queryStringParameters.host → child_process.execSync() [host]']);
  });
});

describe('shell detection for argument arrays', () => {
  it('a const argv with sh -c is a shell script; argv without a shell is not', () => {
    const code = `const { spawn, execFile } = require('child_process');
exports.handler = async (event) => {
  const key = event.Records[0].s3.object.key;
  const args = ['-c', \`gzip \${key}\`];
  spawn('sh', args);
  execFile('gzip', [key]);
  spawn('/bin/bash', ['-lc', 'tar xf ' + key]);
  spawn('node', ['-e', key]);
};`;
    expect(findings(code)).toEqual([
      'command@5 S3 object key event.Records[].s3.object.key → child_process.spawn() as a `sh -c` script [key]',
      'command@7 S3 object key event.Records[].s3.object.key → child_process.spawn() as a `/bin/bash -lc` script [key]',
      'command@8 S3 object key event.Records[].s3.object.key → child_process.spawn() as `node` code [key]',
    ]);
  });
});

describe('encoders', () => {
  it('encodeURIComponent cleans shell arguments only; hex/base64 re-encoding cleans everything', () => {
    const code = `import { execSync } from 'node:child_process';
export const handler = async (event) => {
  const q = event.queryStringParameters.q;
  execSync(\`curl -s "https://api.example.com/search?q=\${encodeURIComponent(q)}"\`);
  eval("'" + encodeURIComponent(q) + "'");
  execSync('echo ' + Buffer.from(q).toString('hex'));
  const quote = (s) => \`'\${s.replace(/'/g, "'\\\\''")}'\`;
  execSync('grep ' + quote(q) + ' /data/index.txt');
};`;
    expect(findings(code)).toEqual(['code@5 query string parameter event.queryStringParameters.q → eval() [q]']);
  });

  it('stream data events deliver GetObject content to their callbacks', () => {
    const code = `import AWS from 'aws-sdk';
const s3 = new AWS.S3();
export const handler = async (event) => {
  const stream = s3.getObject({ Bucket: 'b', Key: event.Records[0].s3.object.key }).createReadStream();
  let text = '';
  stream.on('data', (chunk) => { text += chunk; });
  stream.on('end', () => eval(text));
};`;
    expect(findings(code)).toEqual(['code@7 S3 object content (GetObject) s3.getObject() → eval() [stream,chunk,text]']);
  });
});

describe('lookup tables and sandboxes', () => {
  it('a Map of constant commands indexed by event data is clean', () => {
    const code = `import { execSync } from 'node:child_process';
const CONVERTERS = new Map([['pdf', 'libreoffice --convert-to pdf'], ['png', 'convert in.jpg out.png']]);
export const handler = async (event) => {
  const cmd = CONVERTERS.get(event.queryStringParameters.to);
  if (!cmd) return { statusCode: 400 };
  execSync(cmd);
  execSync(new URLSearchParams(event.rawQueryString).get('cmd'));
};`;
    expect(findings(code)).toEqual(['command@7 raw query string event.rawQueryString → child_process.execSync()']);
  });

  it('sandbox data is not code: only vm2 run() is the sink', () => {
    const code = `import { VM } from 'vm2';
export const handler = async (event) => {
  const vm = new VM({ sandbox: { cart: event.body.cart }, timeout: 50 });
  vm.run('cart.total * 1.2');
  return vm.run(event.body.code);
};`;
    expect(findings(code)).toEqual(['code@5 request body event.body.code → vm2 VM#run()']);
  });

  it('stripping to digits, operators and parentheses leaves arithmetic only', () => {
    const code = `exports.handler = async (event) => {
  const expr = String(event.queryStringParameters.q).replace(/[^0-9+\\-*/(). ]/g, '');
  return { statusCode: 200, body: String(new Function('return ' + expr)()) };
};`;
    expect(summarise(analyseCode(code, { sourceType: 'commonjs' }))).toEqual([]);
  });
});
