// SQS worker that stores report definitions sent by the reporting UI as YAML. Vulnerable: the
// message body goes to ./lib/report-definition.js, which loads it with js-yaml 3's
// DEFAULT_FULL_SCHEMA, so a `!!js/function` value in the message becomes code. The finding is
// reported here, at the call, and names the helper module and its line.
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand } = require('@aws-sdk/lib-dynamodb');
const { loadDefinition } = require('./lib/report-definition');

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

exports.handler = async (event) => {
  const failures = [];
  for (const record of event.Records) {
    try {
      const definition = loadDefinition(record.body);
      await db.send(new PutCommand({ TableName: process.env.TABLE, Item: { id: record.messageId, name: definition.name } }));
    } catch (err) {
      console.error('failed', record.messageId, err);
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
};
