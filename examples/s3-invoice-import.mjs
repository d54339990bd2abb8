// Partners drop invoices as XML into a bucket. Vulnerable: the object content is parsed with
// entity substitution, so `<!ENTITY e SYSTEM "file:///proc/self/environ">` copies the function's
// AWS credentials into the stored invoice.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import libxmljs from 'libxmljs2';

const s3 = new S3Client({});
const dynamo = new DynamoDBClient({});
const PARSE_OPTIONS = { noent: true, noblanks: true };

async function readObject(bucket, key) {
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return response.Body.transformToString();
}

export const handler = async (event) => {
  const { bucket, object } = event.Records[0].s3;
  const xml = await readObject(bucket.name, decodeURIComponent(object.key));
  const invoice = libxmljs.parseXml(xml, PARSE_OPTIONS);

  await dynamo.send(
    new PutItemCommand({
      TableName: process.env.INVOICES_TABLE,
      Item: {
        id: { S: invoice.get('//invoice/@id').value() },
        total: { S: invoice.get('//invoice/total').text() },
      },
    }),
  );
};
