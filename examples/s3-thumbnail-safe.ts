// S3 upload → thumbnail, done safely: no shell, a fixed program, an argument array, and local file
// names the function chooses itself. The bucket name is deployment configuration.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';

const execFileAsync = promisify(execFile);
const s3 = new S3Client({});

export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const input = `/tmp/${randomUUID()}`;
    const output = `${input}-thumb.jpg`;

    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    await writeFile(input, await object.Body!.transformToByteArray());

    await execFileAsync('/opt/bin/convert', [input, '-thumbnail', '200x200', output]);
    await execFileAsync('/opt/bin/exiftool', ['-overwrite_original', `-Comment=source ${bucket}`, output]);

    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `thumbnails/${key}`, Body: await readFile(output) }));
  }
};
