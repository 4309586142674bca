// MinIO as the S3 server, with its data under the profile's folder and the bucket created.
const path = require('node:path');

const { ensureGoBinary } = require('./go-binary');
const { portOpen, runningPid, startDetached, waitFor } = require('./processes');

const MINIO_MODULE = 'github.com/minio/minio@latest';

async function ensureBucket({ endpoint, bucket, accessKeyId, secretAccessKey }) {
  const { S3Client, CreateBucketCommand, HeadBucketCommand } = require('@aws-sdk/client-s3');
  const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId, secretAccessKey } });
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } finally {
    s3.destroy();
  }
}

async function startMinio(profile, log) {
  const { minio: port, minioConsole } = profile.ports;
  const endpoint = `http://127.0.0.1:${port}`;
  const logFile = path.join(profile.logDir, 'minio.log');
  if (!runningPid(profile, 'minio') && !(await portOpen(port))) {
    const bin = await ensureGoBinary(profile, { name: 'minio', module: MINIO_MODULE, log });
    startDetached(
      profile,
      'minio',
      bin,
      ['server', path.join(profile.dataDir, 'minio'), '--address', `127.0.0.1:${port}`, '--console-address', `127.0.0.1:${minioConsole}`, '--quiet'],
      // Metrics without a token (loopback only), so the people-job benchmark can count a job's S3 requests.
      { MINIO_ROOT_USER: profile.minioUser, MINIO_ROOT_PASSWORD: profile.minioPassword, MINIO_UPDATE: 'off', MINIO_PROMETHEUS_AUTH_TYPE: 'public' },
    );
  }
  await waitFor('MinIO', async () => (await fetch(`${endpoint}/minio/health/live`)).ok, { logFile });
  const s3 = { endpoint, bucket: profile.bucket, accessKeyId: profile.minioUser, secretAccessKey: profile.minioPassword };
  await ensureBucket(s3);
  return { ...s3, consoleUrl: `http://127.0.0.1:${minioConsole}` };
}

module.exports = { startMinio, ensureBucket, MINIO_MODULE };
