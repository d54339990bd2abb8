// Handler shapes: how the Lambda runtime reaches the code (plain exports in every module style,
// callbacks, middy, home-grown wrappers, Powertools classes exported with `.handler.bind`,
// Powertools batch record handlers, Express behind serverless-http, Powertools Router routes).
import { code, Source } from './source.mjs';
import { fillSink, helper, log, ddbGet, ddbPut, ddbQuery, preamble, respond, sinkSnippet, table, useLogger } from './emit.mjs';
import { API_TRIGGERS, TRIGGER_INFO, apiFacts, entityInterface } from './triggers.mjs';

export const SHAPES = ['plain', 'callback', 'middy', 'wrapper', 'class', 'batch', 'express', 'router'];

const BATCH_TRIGGERS = new Set(['sqs', 'kinesis', 'dynamodb']);
const BATCH_RESPONSE = { sqs: 'SQSBatchResponse', kinesis: 'KinesisStreamBatchResponse', dynamodb: 'DynamoDBBatchResponse' };

export function shapeAllowed(shape, trigger, lang) {
  if (shape === 'batch') return BATCH_TRIGGERS.has(trigger);
  if (shape === 'express') return trigger === 'apigw-v1' || trigger === 'apigw-v2';
  if (shape === 'router') return API_TRIGGERS.has(trigger);
  if (shape === 'class') return true;
  if (shape === 'callback') return lang === 'js' || trigger !== 'direct';
  return true;
}

const rewriteRecord = (text, mode) =>
  mode === 'inline'
    ? text.replace(/@SKIP;/g, 'continue;').replace(/@RESULT\((.*)\);/g, 'results.push($1);')
    : text.replace(/@SKIP;/g, 'return null;').replace(/@RESULT\((.*)\);/g, 'return $1;');

/** Event type of the handler for TypeScript (per scenario for triggers with several event types). */
function eventType(c, info, scenario) {
  const t = info.eventTypes ? info.eventTypes[scenario] : info.event;
  const base = t.replace(/<.*$/, '');
  if (base !== 'ReportRequest' && base !== 'Record') c.type('aws-lambda', base);
  return t;
}

/** The body of a record-based handler (loop over `ev.Records`), registering processRecord if needed. */
function recordHandlerBody(c, info, scen, mode, ev) {
  const T = (t) => c.T(t);
  if (mode === 'inline') {
    return {
      body: code`
        const results${T(': any[]')} = [];
        for (const record of ${ev}.Records) {
          ${rewriteRecord(scen.perRecord, 'inline')}
        }
        ${scen.after ?? ''}`,
      returns: 'void',
    };
  }
  c.type('aws-lambda', info.record);
  c.helper(
    'processRecord',
    code`
      async function processRecord(record${T(`: ${info.record}`)}) {
        ${rewriteRecord(scen.perRecord, 'fn')}
      }`,
  );
  if (mode === 'fn-failures') {
    c.type('aws-lambda', BATCH_RESPONSE[c.trigger]);
    return {
      body: code`
        const results${T(': any[]')} = [];
        const batchItemFailures${T(`: ${BATCH_RESPONSE[c.trigger]}['batchItemFailures']`)} = [];
        for (const record of ${ev}.Records) {
          try {
            const result = await processRecord(record);
            if (result !== null) results.push(result);
          } catch (err) {
            ${log(c, 'error', 'record failed', `{ error: ${c.errMsg()} }`)}
            batchItemFailures.push({ itemIdentifier: ${info.failureId} });
          }
        }
        ${scen.after ?? ''}
        return { batchItemFailures };`,
      returns: BATCH_RESPONSE[c.trigger],
    };
  }
  if (mode === 'fn-all') {
    return {
      body: code`
        const settled = await Promise.allSettled(${ev}.Records.map((record) => processRecord(record)));
        const failed = settled.filter((outcome) => outcome.status === 'rejected');
        if (failed.length > 0) {
          ${log(c, 'warn', 'some records failed', '{ failed: failed.length, total: settled.length }')}
        }
        const results = settled.flatMap((outcome) => (outcome.status === 'fulfilled' && outcome.value !== null ? [outcome.value] : []));
        ${scen.after ?? ''}`,
      returns: 'void',
    };
  }
  return {
    body: code`
      const results${T(': any[]')} = [];
      for (const record of ${ev}.Records) {
        const result = await processRecord(record);
        if (result !== null) results.push(result);
      }
      ${scen.after ?? ''}`,
    returns: 'void',
  };
}

function resultTypeOf(c, info, scenarioIndex) {
  if (API_TRIGGERS.has(c.trigger)) {
    c.type('aws-lambda', info.result);
    return info.result;
  }
  if (c.trigger === 'cognito') return eventType(c, info, scenarioIndex);
  return 'Record<string, unknown>';
}

/** Emits `export const name = <expr>;` in the file's module style. */
function exportValue(c, name, expr) {
  if (c.doc) c.main.push(c.doc);
  c.doc = null;
  if (c.style === 'esm') c.main.push(`export const ${name} = ${expr};`);
  else if (c.svc.cjsExport === 'module') c.main.push(`module.exports.${name} = ${expr};`);
  else if (c.svc.cjsExport === 'exports') c.main.push(`exports.${name} = ${expr};`);
  else {
    c.main.push(`const ${name} = ${expr};`);
    c.footer.push(`module.exports = { ${name} };`);
  }
}

/** Emits an exported async function `name(params) { body }` in one of the usual spellings. */
function exportFunction(c, name, params, body, returnType, typedHandler) {
  if (c.doc) c.main.push(c.doc);
  c.doc = null;
  const ret = returnType ? c.T(`: Promise<${returnType}>`) : '';
  if (c.style === 'esm') {
    if (typedHandler) {
      c.main.push(code`
        export const ${name}: ${typedHandler} = async (${params.map((p) => p.split(':')[0]).join(', ')}) => {
          ${body}
        };`);
    } else if (c.rng.chance(0.55)) {
      c.main.push(code`
        export const ${name} = async (${params.join(', ')})${ret} => {
          ${body}
        };`);
    } else {
      c.main.push(code`
        export async function ${name}(${params.join(', ')})${ret} {
          ${body}
        }`);
    }
    return;
  }
  if (c.svc.cjsExport === 'object') {
    c.main.push(code`
      async function ${name}(${params.join(', ')}) {
        ${body}
      }`);
    c.footer.push(`module.exports = { ${name} };`);
    return;
  }
  const target = c.svc.cjsExport === 'module' ? 'module.exports' : 'exports';
  c.main.push(code`
    ${target}.${name} = async (${params.join(', ')}) => {
      ${body}
    };`);
}

// ---------------------------------------------------------------------------------------------
// Route-based shapes (Express behind serverless-http, Powertools Router).

function expressApp(c, sink) {
  const e = c.ent;
  const T = table(c);
  const summarize = helper(c, 'summarize');
  const validate = helper(c, 'validateEntity');
  c.def('express', 'express');
  c.def('serverless-http', 'serverless');
  c.named('node:crypto', 'randomUUID');
  if (c.ts) c.type('express', 'NextFunction', 'Request', 'Response');
  const src = { str: 'search', doc: "String(req.query.document ?? '')" };
  const snippet = sink ? sinkSnippet(c, sink, src) : null;
  const RQ = c.T(': Request');
  const RS = c.T(': Response');
  const NX = c.T(': NextFunction');
  c.decl('app', code`
    const app = express();
    app.use(express.json({ limit: '1mb' }));`);
  const routes = code`
    app.get('/${e.plural}/:id', async (req${RQ}, res${RS}, next${NX}) => {
      try {
        const item = ${ddbGet(c, T, `{ pk: \`${e.ENT}##{req.params.id}\`, sk: 'META' }`)};
        if (!item) {
          res.status(404).json({ message: '${e.name} not found' });
          return;
        }
        res.json(${summarize}(item));
      } catch (err) {
        next(err);
      }
    });

    app.get('/${e.plural}', async (req${RQ}, res${RS}, next${NX}) => {
      try {
        const search = String(req.query.search ?? '');
        const owner = req.get('x-user-id') ?? 'anonymous';
        const items = ${ddbQuery(c, T, '`OWNER#${owner}`')};
        /*SINK*/
        const needle = search.toLowerCase();
        const filtered = needle ? items.filter((item) => String(item.${e.strFields[0]} ?? '').toLowerCase().includes(needle)) : items;
        res.json({ items: filtered.map((item) => ${summarize}(item)), count: filtered.length });
      } catch (err) {
        next(err);
      }
    });

    app.post('/${e.plural}', async (req${RQ}, res${RS}, next${NX}) => {
      try {
        const errors = ${validate}(req.body);
        if (errors.length > 0) {
          res.status(422).json({ errors });
          return;
        }
        const id = randomUUID();
        await ${ddbPut(c, T, `{ pk: \`${e.ENT}##{id}\`, sk: 'META', id, ...req.body, createdAt: new Date().toISOString() }`)};
        res.status(201).json({ id });
      } catch (err) {
        next(err);
      }
    });

    app.use((err${c.T(': Error')}, _req${RQ}, res${RS}, _next${NX}) => {
      ${log(c, 'error', 'request failed', '{ error: err.message }')}
      res.status(500).json({ message: 'internal error' });
    });`;
  c.main.push(fillSink(routes, snippet));
  exportValue(c, 'handler', 'serverless(app)');
}

function powertoolsRouter(c, sink, info) {
  const e = c.ent;
  const T = table(c);
  const summarize = helper(c, 'summarize');
  const validate = helper(c, 'validateEntity');
  c.named('@aws-lambda-powertools/event-handler/http', 'Router', 'NotFoundError', 'BadRequestError');
  c.named('node:crypto', 'randomUUID');
  c.decl('app', 'const app = new Router();');
  const src = { str: 'search', doc: "String(url.searchParams.get('document') ?? '')" };
  const snippet = sink ? sinkSnippet(c, sink, src) : null;
  const routes = code`
    app.get('/${e.plural}/:id', async ({ params }) => {
      const item = ${ddbGet(c, T, `{ pk: \`${e.ENT}##{params.id}\`, sk: 'META' }`)};
      if (!item) throw new NotFoundError('${e.name} not found');
      return ${summarize}(item);
    });

    app.get('/${e.plural}', async ({ req }) => {
      const url = new URL(req.url);
      const search = url.searchParams.get('search') ?? '';
      const items = ${ddbQuery(c, T, "'LIST'")};
      /*SINK*/
      const filtered = search ? items.filter((item) => String(item.${e.strFields[0]} ?? '').includes(search)) : items;
      return { items: filtered.map((item) => ${summarize}(item)) };
    });

    app.post('/${e.plural}', async ({ req }) => {
      const input = await req.json();
      const errors = ${validate}(input);
      if (errors.length > 0) throw new BadRequestError(errors.join(', '));
      const id = randomUUID();
      await ${ddbPut(c, T, `{ pk: \`${e.ENT}##{id}\`, sk: 'META', id, ...input }`)};
      return { id };
    });`;
  c.main.push(fillSink(routes, snippet));
  const evt = eventType(c, info, 0);
  c.type('aws-lambda', 'Context');
  exportFunction(c, 'handler', [`event${c.T(`: ${evt}`)}`, `context${c.T(': Context')}`], 'return app.resolve(event, context);', null, null);
}

/** A multi-operation API handler: one function per operation and a dispatcher on the method. */
function apiResource(c, info, primary, sink, ev, evType) {
  const e = c.ent;
  const names = [`get${e.Name}`, `create${e.Name}`, `list${e.Plural}`, `update${e.Name}`];
  const result = resultTypeOf(c, info, 0);
  info.scenarios.forEach((fn, i) => {
    const scen = fn(c, 'event');
    const snippet = i === primary && sink ? sinkSnippet(c, sink, scen.src) : null;
    c.helper(
      `op:${i}`,
      code`
        async function ${names[i]}(event${c.T(`: ${evType}`)})${c.T(`: Promise<${result}>`)} {
          ${fillSink(scen.body, snippet)}
        }`,
    );
  });
  const facts = apiFacts(c, ev);
  const hasId = c.trigger === 'alb' ? `/^\\/[^/]+\\/[^/]+$/.test(${ev}.path)` : `${ev}.pathParameters?.id`;
  return code`
    const method = ${facts.method};
    ${log(c, 'info', 'request', `{ method, path: ${facts.path} }`)}
    switch (method) {
      case 'GET':
        return ${hasId} ? ${names[0]}(${ev}) : ${names[2]}(${ev});
      case 'POST':
        return ${names[1]}(${ev});
      case 'PUT':
      case 'PATCH':
        return ${names[3]}(${ev});
      default:
        ${respond(c, 405, "{ message: 'method not allowed' }")}
    }`;
}

// ---------------------------------------------------------------------------------------------

const HEADER = {
  s3: 'S3 trigger',
  sqs: 'SQS consumer',
  sns: 'SNS subscriber',
  'apigw-v1': 'API Gateway (REST) endpoint',
  'apigw-v2': 'API Gateway (HTTP API) endpoint',
  alb: 'ALB target',
  dynamodb: 'DynamoDB Streams consumer',
  kinesis: 'Kinesis consumer',
  eventbridge: 'EventBridge rule target',
  cognito: 'Cognito user pool trigger',
  direct: 'Invoked directly (Step Functions task / admin tooling)',
};

/**
 * Builds one handler file.
 * @param {object} svc service settings
 * @param {object} spec { trigger, shape, scenario, sink, name, file, loop, rng }
 * @returns {string} source text
 */
export function buildHandlerFile(svc, spec) {
  const { trigger, shape, scenario, sink, rng } = spec;
  const c = new Source({ lang: svc.lang, style: svc.style, rng, svc, ent: svc.ent, trigger, loggerKind: svc.logger, strict: svc.strictMode });
  const info = TRIGGER_INFO[trigger];
  const isApi = API_TRIGGERS.has(trigger);
  if (shape === 'class' && c.loggerKind === 'console') c.loggerKind = 'powertools';
  if (shape === 'middy' && isApi) c.bodyParsed = rng.chance(0.6);
  if (c.ts && rng.chance(0.5)) entityInterface(c);
  const header = `// ${HEADER[trigger]}: ${spec.file}${spec.note ? ` — ${spec.note}` : ''}`;

  if (shape === 'express') {
    expressApp(c, sink);
    return c.render(header);
  }
  if (shape === 'router') {
    powertoolsRouter(c, sink, info);
    return c.render(header);
  }

  const ev = shape === 'plain' && !c.ts ? rng.weighted([['event', 8], ['evt', 1], ['e', 1]]) : 'event';
  const resource = isApi && rng.chance(0.55);
  const evType = eventType(c, info, scenario);
  const scen = resource ? null : info.scenarios[scenario](c, ev);
  const snippet = !resource && sink && scen.src ? sinkSnippet(c, sink, scen.src) : null;
  c.type('aws-lambda', 'Context');
  const ctxName = rng.chance(0.5) ? 'context' : '_context';
  if (rng.chance(0.6)) {
    const how = {
      plain: `Deployed as \`${spec.file}.${spec.name}\`.`,
      callback: 'Callback-style entry point (kept for the Node.js 16 runtime contract).',
      middy: 'Wrapped with middy middlewares (logging, errors).',
      wrapper: 'Wrapped with the service error handler.',
      class: 'Class-based handler (Powertools LambdaInterface).',
      batch: 'Uses Powertools batch processing for partial failures.',
    }[shape];
    c.doc = `/**\n * ${HEADER[trigger]} for ${c.svc.name}: ${spec.file.replace(/-\d+$/, '').replace(/-/g, ' ')}.\n *\n * ${how}\n */`;
  }

  // Batch: Powertools processPartialResponse with a record handler.
  if (shape === 'batch') {
    c.named('@aws-lambda-powertools/batch', 'BatchProcessor', 'EventType', 'processPartialResponse');
    c.type('aws-lambda', info.record, BATCH_RESPONSE[trigger]);
    c.decl('processor', `const processor = new BatchProcessor(${info.batch});`);
    const per = rewriteRecord(fillSink(scen.perRecord, snippet), 'fn');
    c.main.push(code`
      const recordHandler = async (record${c.T(`: ${info.record}`)}) => {
        ${per}
      };`);
    exportFunction(
      c,
      'handler',
      [`event${c.T(`: ${evType}`)}`, `context${c.T(': Context')}`],
      'return processPartialResponse(event, recordHandler, processor, { context });',
      BATCH_RESPONSE[trigger],
      null,
    );
    return c.render(header);
  }

  // Body of the handler proper.
  let body;
  let returns;
  let early;
  if (resource) {
    body = apiResource(c, info, scenario, sink, ev, evType);
    returns = resultTypeOf(c, info, scenario);
    early = respond(c, 503, "{ message: 'temporarily unavailable' }");
  } else if (scen.perRecord) {
    const loop = spec.loop === 'fn-failures' && !info.failureId ? 'fn-loop' : spec.loop;
    const r = recordHandlerBody(c, info, { ...scen, perRecord: fillSink(scen.perRecord, snippet) }, loop, ev);
    body = r.body;
    returns = r.returns;
    early = loop === 'fn-failures' ? 'return { batchItemFailures: [] };' : 'return;';
  } else {
    body = fillSink(scen.body, snippet);
    returns = resultTypeOf(c, info, scenario);
    early = isApi ? respond(c, 503, "{ message: 'temporarily unavailable' }") : trigger === 'cognito' ? `return ${ev};` : 'return { skipped: true };';
  }
  const pre = [];
  if (rng.chance(0.3)) pre.push(preamble(c, 'redact', ev, early));
  if (rng.chance(0.25)) pre.push(preamble(c, 'flag', ev, early));
  if (rng.chance(0.2)) pre.push(preamble(c, 'config', ev, early));
  if (pre.length) body = `${pre.join('\n')}\n${body}`;
  const params = [`${ev}${c.T(`: ${evType}`)}`, `${ctxName}${c.T(': Context')}`];
  const name = spec.name;

  switch (shape) {
    case 'plain': {
      const typed = c.ts && info.handlerType && rng.chance(0.3) ? info.handlerType : null;
      if (typed) c.type('aws-lambda', typed);
      exportFunction(c, name, typed ? [ev, ctxName] : params, body, returns, typed);
      break;
    }
    case 'callback': {
      const runName = `handle${c.ent.Name}Event`;
      c.helper(
        'run',
        code`
          async function ${runName}(${ev}${c.T(`: ${evType}`)}) {
            ${body}
          }`,
      );
      const fn = code`
        (${ev}${c.T(`: ${evType}`)}, context${c.T(': Context')}, callback${c.T(': Callback')}) => {
          context.callbackWaitsForEmptyEventLoop = false;
          ${runName}(${ev})
            .then((result) => callback(null, result))
            .catch((err) => {
              ${log(c, 'error', 'invocation failed', `{ error: ${c.errMsg()} }`)}
              callback(err);
            });
        }`;
      c.type('aws-lambda', 'Callback');
      exportValue(c, name, fn);
      break;
    }
    case 'middy': {
      c.def('@middy/core', 'middy');
      const uses = [];
      const l = useLogger(c);
      if (l === 'logger') {
        c.named('@aws-lambda-powertools/logger/middleware', 'injectLambdaContext');
        uses.push('injectLambdaContext(logger, { clearState: true })');
      }
      if (isApi) {
        if (c.bodyParsed) {
          c.def('@middy/http-json-body-parser', 'httpJsonBodyParser');
          uses.push('httpJsonBodyParser()');
        }
        c.def('@middy/http-error-handler', 'httpErrorHandler');
        c.def('@middy/http-cors', 'cors');
        uses.push('cors()', 'httpErrorHandler()');
      } else {
        c.def('@middy/error-logger', 'errorLogger');
        uses.push('errorLogger()');
      }
      const chain = uses.map((u) => `.use(${u})`).join('\n');
      if (rng.chance(0.6)) {
        c.main.push(code`
          const lambdaHandler = async (${params.join(', ')})${returns ? c.T(`: Promise<${returns}>`) : ''} => {
            ${body}
          };`);
        exportValue(c, name, code`
          middy(lambdaHandler)
            ${chain}`);
      } else {
        exportValue(c, name, code`
          middy()
            ${chain}
            .handler(async (${params.join(', ')}) => {
              ${body}
            })`);
      }
      break;
    }
    case 'wrapper': {
      c.named(c.svc.lib('wrap'), 'withErrors');
      exportValue(c, name, code`
        withErrors(async (${params.join(', ')}) => {
          ${body}
        })`);
      break;
    }
    case 'class': {
      const cls = `${c.ent.Name}${rng.pick(['Function', 'Handler', 'Lambda'])}`;
      useLogger(c);
      let decorators = '';
      if (c.ts) {
        c.type('@aws-lambda-powertools/commons/types', 'LambdaInterface');
        const decs = [];
        if (rng.chance(0.5)) {
          c.named('@aws-lambda-powertools/tracer', 'Tracer');
          c.decl('tracer', `const tracer = new Tracer({ serviceName: '${c.svc.name}' });`);
          decs.push('@tracer.captureLambdaHandler()');
        }
        decs.push(`@logger.injectLambdaContext({ logEvent: ${rng.chance(0.2)} })`);
        decorators = decs.join('\n');
      }
      if (c.doc) c.main.push(c.doc);
      c.doc = null;
      c.main.push(code`
        class ${cls}${c.T(' implements LambdaInterface')} {
          ${decorators}
          ${c.T('public ')}async handler(${params.join(', ')})${returns ? c.T(`: Promise<${returns}>`) : ''} {
            ${body}
          }
        }

        const handlerClass = new ${cls}();`);
      exportValue(c, name, 'handlerClass.handler.bind(handlerClass)');
      break;
    }
    default:
      throw new Error(`unknown shape ${shape}`);
  }
  return c.render(header);
}
