import { describe, expect, it } from 'vitest';
import { analyseCode, summarise } from './_analyse.js';

const CP = "import { exec, execSync } from 'child_process';\n";

function findings(code: string, opts: Parameters<typeof analyseCode>[1] = {}): string[] {
  return summarise(analyseCode(code, opts));
}

describe('propagation paths', () => {
  it('variables, template literals and decodeURIComponent keep the S3 key', () => {
    const code = `${CP}export const handler = async (event) => {
  const record = event.Records[0];
  const key = decodeURIComponent(record.s3.object.key.replace(/\\+/g, ' '));
  const cmd = \`convert /tmp/\${key} /tmp/out.png\`;
  exec(cmd);
};`;
    expect(findings(code)).toEqual(['command@6 S3 object key event.Records[].s3.object.key → child_process.exec() [record,key,cmd]']);
  });

  it('nested destructuring with defaults and renames', () => {
    const code = `${CP}export const handler = async ({ queryStringParameters: { host = 'localhost' } = {} }) => {
  execSync('ping -c 1 ' + host);
};`;
    expect(findings(code)).toEqual(['command@3 query string parameter event.queryStringParameters.host → child_process.execSync() [host]']);
  });

  it('for-of, Promise.all over map with an async callback', () => {
    const code = `${CP}export const handler = async (event) => {
  await Promise.all(event.Records.map(async (r) => {
    const body = JSON.parse(r.body);
    exec('notify ' + body.user);
  }));
};`;
    expect(findings(code)).toEqual(['command@5 SQS message body JSON.parse(event.Records[].body).user → child_process.exec() [r,body]']);
  });

  it('a same-file helper: parameter to sink (reported in the helper)', () => {
    const code = `${CP}async function convert(file) {
  return new Promise((resolve) => exec(\`gm convert \${file}\`, resolve));
}
export async function handler(event) {
  for (const record of event.Records) await convert(record.s3.object.key);
}`;
    expect(findings(code)).toEqual(['command@3 S3 object key event.Records[].s3.object.key → child_process.exec() [record,file]']);
  });

  it('a same-file helper: parameter to return value is per call site', () => {
    const code = `${CP}const quote = (s) => "'" + s + "'";
export const handler = async (event) => {
  execSync('echo ' + quote('constant'));
  execSync('echo ' + quote(event.body));
};`;
    expect(findings(code)).toEqual(['command@5 request body event.body → child_process.execSync() [s]']);
  });

  it('Kinesis base64 payload through Buffer and JSON.parse', () => {
    const code = `${CP}export const handler = async (event) => {
  for (const { kinesis } of event.Records) {
    const payload = JSON.parse(Buffer.from(kinesis.data, 'base64').toString('utf8'));
    execSync(payload.command);
  }
};`;
    expect(findings(code)).toEqual(['command@5 Kinesis record data JSON.parse(event.Records[].kinesis.data).command → child_process.execSync() [kinesis,payload]']);
  });

  it('spread and Object.assign keep fields', () => {
    const code = `${CP}export const handler = async (event) => {
  const opts = { mode: 'fast', ...JSON.parse(event.body) };
  const merged = Object.assign({}, opts);
  execSync(\`tool --name \${merged.name}\`);
};`;
    expect(findings(code)).toEqual(['command@5 request body JSON.parse(event.body).name → child_process.execSync() [opts,merged]']);
  });

  it('an explicit key after a spread overrides the spread', () => {
    const code = `${CP}export const handler = async (event) => {
  const opts = { ...JSON.parse(event.body), mode: 'fast' };
  execSync('tool --mode ' + opts.mode);
  const later = { mode: 'fast', ...JSON.parse(event.body) };
  execSync('tool --mode ' + later.mode);
};`;
    expect(findings(code)).toEqual(['command@6 request body JSON.parse(event.body).mode → child_process.execSync() [later]']);
  });

  it('.then callbacks receive the resolved value', () => {
    const code = `${CP}export const handler = (event) => Promise.resolve(event.body).then((text) => execSync(text));`;
    expect(findings(code)).toEqual(['command@2 request body event.body → child_process.execSync() [text]']);
  });

  it('S3 notification inside SQS: bucket name stays trusted, key does not', () => {
    const code = `${CP}export const handler = async (event) => {
  for (const msg of event.Records) {
    const s3Event = JSON.parse(msg.body);
    for (const rec of s3Event.Records) {
      execSync('aws s3 ls s3://' + rec.s3.bucket.name);
      execSync('file ' + rec.s3.object.key);
    }
  }
};`;
    expect(findings(code)).toEqual(['command@7 S3 object key in SQS message body JSON.parse(event.Records[].body).Records[].s3.object.key → child_process.execSync() [msg,s3Event,rec]']);
  });
});

describe('objects, classes and collections', () => {
  it('instance fields set in a constructor reach methods', () => {
    const code = `${CP}class Job {
  constructor(record) { this.text = JSON.parse(record.body).text; }
  run() { execSync('say ' + this.text); }
}
export const handler = async (event) => { for (const r of event.Records) new Job(r).run(); };`;
    expect(findings(code)).toEqual(['command@4 SQS message body JSON.parse(event.Records[].body).text → child_process.execSync() [r,record]']);
  });

  it('push/add fill the receiving collection', () => {
    const code = `${CP}export const handler = async (event) => {
  const parts = ['tar', 'czf'];
  for (const r of event.Records) parts.push(r.s3.object.key);
  const seen = new Set();
  seen.add(event.Records[0].s3.bucket.name);
  execSync(parts.join(' '));
  execSync('ls ' + [...seen].join(' '));
};`;
    expect(findings(code)).toEqual(['command@7 S3 object key event.Records[].s3.object.key → child_process.execSync() [r,parts]']);
  });

  it('static class fields and static methods resolve inside and outside the class', () => {
    const code = `class V {
  static RE = /^(a+)+$/;
  static ok(s) { return V.RE.test(s); }
}
export const handler = async (event) => V.ok(event.body);`;
    expect(findings(code)).toEqual(['redos@3 request body event.body → the catastrophic regular expression `/^(a+)+$/` in .test() (exponential backtracking: nested quantifier `(a+)+` can backtrack exponentially) [s]']);
  });
});

describe('sanitizers and trusted fields', () => {
  it('numeric coercion, hashing and constants clean everything', () => {
    const code = `${CP}import crypto from 'node:crypto';
export const handler = async (event) => {
  const n = parseInt(event.queryStringParameters.n, 10);
  execSync('seq ' + n);
  execSync('seq ' + Number(event.body));
  const id = crypto.createHash('sha256').update(event.body).digest('hex');
  execSync('mkdir /tmp/' + id);
  execSync('ls ' + event.body.length);
};`;
    expect(findings(code)).toEqual([]);
  });

  it('a regex escaper cleans for no-redos only', () => {
    const code = `${CP}import escapeStringRegexp from 'escape-string-regexp';
export const handler = async (event) => {
  const term = escapeStringRegexp(event.queryStringParameters.q);
  const re = new RegExp(term, 'i');
  execSync('grep ' + term);
};`;
    expect(findings(code)).toEqual(['command@6 query string parameter event.queryStringParameters.q → child_process.execSync() [term]']);
  });

  it('allow-list guards dominate the sink, also at a helper call site', () => {
    const code = `${CP}const FORMATS = new Set(['png', 'jpg']);
const run = (fmt) => execSync('convert in.' + fmt);
export const handler = async (event) => {
  const { format } = JSON.parse(event.body);
  if (!FORMATS.has(format)) return { statusCode: 400 };
  execSync('convert x.' + format);
  run(format);
};`;
    expect(findings(code)).toEqual([]);
  });

  it('a guard on another variable does not clean', () => {
    const code = `${CP}const ALLOWED = ['a'];
export const handler = async (event) => {
  const { mode, name } = JSON.parse(event.body);
  if (!ALLOWED.includes(mode)) throw new Error('bad');
  execSync('run ' + name);
};`;
    expect(findings(code)).toEqual(['command@6 request body JSON.parse(event.body).name → child_process.execSync() [name]']);
  });

  it('trusted metadata per trigger is not a source', () => {
    const code = `${CP}export const handler = async (event, context) => {
  const r = event.Records[0];
  execSync(\`echo \${r.messageId} \${r.eventSourceARN} \${r.awsRegion} \${r.eventName} \${context.functionName}\`);
  execSync('echo ' + r.s3.bucket.name + r.Sns.TopicArn + event.requestContext.requestId);
};`;
    expect(findings(code)).toEqual([]);
  });
});

describe('second-order S3 content', () => {
  it('SDK v3 GetObject body in an S3-triggered handler', () => {
    const code = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import serialize from 'node-serialize';
const s3 = new S3Client({});
export const handler = async (event) => {
  const { bucket, object } = event.Records[0].s3;
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: object.key }));
  const text = await res.Body.transformToString();
  serialize.unserialize(text);
};`;
    expect(findings(code)).toEqual(['deserialization@8 S3 object content (GetObject) new GetObjectCommand() → node-serialize.unserialize() [res,text]']);
  });

  it('a constant config object in a non-S3 handler is not attacker content', () => {
    const code = `import AWS from 'aws-sdk';
import serialize from 'node-serialize';
const s3 = new AWS.S3();
export const handler = async (event) => {
  const obj = await s3.getObject({ Bucket: process.env.BUCKET, Key: 'config.bin' }).promise();
  serialize.unserialize(obj.Body.toString());
  return event.body;
};`;
    expect(findings(code)).toEqual([]);
  });
});

describe('convergence', () => {
  it('different constant strings and spread-with-override objects reach a fixed point', () => {
    const code = `${CP}const putItem = (table, item) => item;
export const handler = async (event) => {
  const errors = [];
  errors.push('a is required');
  errors.push('b is required');
  let body = '';
  body = 'header';
  const detail = JSON.parse(event.body);
  putItem('T', { ...detail, createdAt: Date.now() });
  execSync('echo ' + errors.join(',') + body);
};`;
    const analysis = analyseCode(code);
    expect(analysis.converged).toBe(true);
    expect(analysis.findings).toEqual([]);
  });
});

describe('budgets', () => {
  const chain = (n: number): string => {
    const fns = Array.from({ length: n }, (_, i) => (i === n - 1 ? `function f${i}(x) { execSync(x); }` : `function f${i}(x) { return f${i + 1}(x); }`));
    return `${CP}${fns.join('\n')}\nexport const handler = async (event) => f0(event.body);`;
  };

  it('follows a helper chain within the resolution budget', () => {
    const analysis = analyseCode(chain(4));
    expect(summarise(analysis)).toEqual(['command@5 request body event.body → child_process.execSync() [x,x,x,x]']);
    expect(analysis.budget.exhausted).toBe(0);
  });

  it('stays silent (and counts it) when the helper chain exceeds the budget', () => {
    const analysis = analyseCode(chain(12));
    expect(analysis.findings).toEqual([]);
    expect(analysis.budget.exhausted).toBeGreaterThan(0);
  });

  it('deeply nested calls stay silent past the evaluation depth budget', () => {
    // 400 levels: deeper input makes the parser itself run out of stack in a worker thread.
    const depth = 400;
    const code = `${CP}export const handler = async (event) => {\n  const v = ${'String('.repeat(depth)}event.body${')'.repeat(depth)};\n  execSync(v);\n};`;
    const analysis = analyseCode(code);
    expect(analysis.findings).toEqual([]);
    expect(analysis.budget.exhausted).toBeGreaterThan(0);
  });

  it('a long string concatenation neither overflows nor throws', () => {
    const terms = Array.from({ length: 3000 }, (_, i) => `'p${i}'`).join(' + ');
    const code = `${CP}export const handler = async (event) => {\n  execSync(${terms} + event.body);\n};`;
    const analysis = analyseCode(code);
    expect(analysis.budget.exhausted).toBeGreaterThan(0);
  });
});
