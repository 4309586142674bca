export interface S3Config {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

export function s3ConfigFromEnv(env: NodeJS.ProcessEnv = process.env): S3Config {
  return {
    endpoint: env['S3_ENDPOINT'] || undefined,
    region: env['S3_REGION'] ?? 'us-east-1',
    bucket: env['S3_BUCKET'] ?? 'sluice',
    accessKeyId: env['S3_ACCESS_KEY_ID'] || undefined,
    secretAccessKey: env['S3_SECRET_ACCESS_KEY'] || undefined,
  };
}
