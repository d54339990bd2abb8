// Report export behind API Gateway (REST API), done safely: the format is checked against an
// allow-list and the report id against an anchored regex before either reaches the shell command.
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import type { APIGatewayProxyHandler } from 'aws-lambda';

const run = promisify(exec);
const FORMATS = ['pdf', 'csv', 'xlsx'];

export const handler: APIGatewayProxyHandler = async (event) => {
  const reportId = event.pathParameters?.reportId ?? '';
  const format = event.queryStringParameters?.format ?? 'pdf';

  if (!FORMATS.includes(format)) {
    return { statusCode: 400, body: JSON.stringify({ message: `unsupported format ${format}` }) };
  }
  if (!/^[a-z0-9-]{1,36}$/.test(reportId)) {
    return { statusCode: 400, body: JSON.stringify({ message: 'invalid report id' }) };
  }

  const { stdout } = await run(`/opt/bin/export-report --id ${reportId} --format ${format} --request ${event.requestContext.requestId}`);
  return { statusCode: 200, body: JSON.stringify({ location: stdout.trim() }) };
};
