import type { Readable } from 'node:stream';

import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

import { DEFAULT_S3_CONNECT_TIMEOUT_MS, DEFAULT_S3_MAX_ATTEMPTS, DEFAULT_S3_REQUEST_TIMEOUT_MS, S3Config } from './s3-config';

export interface StoredObject {
  key: string;
  size: number;
  lastModified?: Date;
}

/** A multipart upload that was started and neither completed nor aborted: its parts take space but no object shows them. */
export interface IncompleteUpload {
  key: string;
  uploadId: string;
  initiated: Date;
  /** Bytes of the parts uploaded so far. */
  bytes: number;
}

/** The few S3 operations Sluice needs, on one bucket. */
export class ObjectStore {
  readonly client: S3Client;

  constructor(readonly config: S3Config) {
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: Boolean(config.endpoint),
      // The SDK's standard strategy retries transient failures with jittered exponential backoff;
      // a few more tries than its default 3 ride out a storage restart of a second or two.
      maxAttempts: config.maxAttempts ?? DEFAULT_S3_MAX_ATTEMPTS,
      retryMode: 'standard',
      // Without them, an unreachable host holds a request for the OS's TCP timeout (minutes), and one that
      // accepts connections but never answers holds it for ever. The request timeout ends once the answer
      // starts, so a long download that streams on is not cut off.
      requestHandler: {
        connectionTimeout: config.connectTimeoutMs ?? DEFAULT_S3_CONNECT_TIMEOUT_MS,
        requestTimeout: config.requestTimeoutMs ?? DEFAULT_S3_REQUEST_TIMEOUT_MS,
        throwOnRequestTimeout: true,
      },
      credentials: config.accessKeyId && config.secretAccessKey ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
    });
  }

  get bucket(): string {
    return this.config.bucket;
  }

  /** Streams a body of unknown length into one object (multipart under the hood); `abort` cancels it. */
  startUpload(key: string, body: Readable, contentType = 'text/csv'): { done: Promise<unknown>; abort: () => Promise<void> } {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: contentType },
      queueSize: 2,
      partSize: 8 * 1024 * 1024,
    });
    return { done: upload.done(), abort: () => upload.abort() };
  }

  async put(key: string, body: Readable, contentType = 'text/csv'): Promise<void> {
    await this.startUpload(key, body, contentType).done;
  }

  async read(key: string): Promise<Readable> {
    const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return response.Body as Readable;
  }

  /** Reads bytes `start`..`end` (inclusive) of an object. */
  async readRange(key: string, start: number, end: number): Promise<Buffer> {
    const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=${start}-${end}` }));
    return Buffer.from(await (response.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
  }

  /** Copies an object within the bucket, server-side. */
  async copy(from: string, to: string): Promise<void> {
    await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, CopySource: `${this.bucket}/${encodeURIComponent(from).replace(/%2F/g, '/')}`, Key: to }));
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const objects: StoredObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const item of page.Contents ?? []) objects.push({ key: item.Key ?? '', size: item.Size ?? 0, lastModified: item.LastModified });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }

  async deleteKeys(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000).map((Key) => ({ Key }));
      if (batch.length) await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch, Quiet: true } }));
    }
  }

  /** Deletes every object under the prefix; returns how many there were. */
  async deletePrefix(prefix: string): Promise<number> {
    const keys = (await this.list(prefix)).map((o) => o.key);
    await this.deleteKeys(keys);
    return keys.length;
  }

  /** Multipart uploads under the prefix that were never completed or aborted, with the bytes of their parts. */
  async listIncompleteUploads(prefix: string): Promise<IncompleteUpload[]> {
    const started: Omit<IncompleteUpload, 'bytes'>[] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      // The whole bucket, filtered here: MinIO lists uploads under a prefix only when it names one object.
      const page = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }));
      for (const u of page.Uploads ?? []) {
        if (u.Key?.startsWith(prefix) && u.UploadId) started.push({ key: u.Key, uploadId: u.UploadId, initiated: u.Initiated ?? new Date() });
      }
      [keyMarker, uploadIdMarker] = page.IsTruncated ? [page.NextKeyMarker, page.NextUploadIdMarker] : [undefined, undefined];
    } while (keyMarker);
    const uploads: IncompleteUpload[] = [];
    for (let i = 0; i < started.length; i += 8) {
      uploads.push(...(await Promise.all(started.slice(i, i + 8).map(async (u) => ({ ...u, bytes: await this.uploadedBytes(u.key, u.uploadId) })))));
    }
    return uploads;
  }

  /** Drops an incomplete upload's parts; one already completed or aborted is no error. */
  async abortIncompleteUpload(key: string, uploadId: string): Promise<void> {
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
    } catch (error) {
      if ((error as { name?: string }).name !== 'NoSuchUpload') throw error;
    }
  }

  private async uploadedBytes(key: string, uploadId: string): Promise<number> {
    let bytes = 0;
    let marker: string | undefined;
    try {
      do {
        const page = await this.client.send(new ListPartsCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }));
        for (const part of page.Parts ?? []) bytes += part.Size ?? 0;
        marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
      } while (marker);
    } catch (error) {
      // Completed or aborted between the listing and now: it holds nothing any more.
      if ((error as { name?: string }).name !== 'NoSuchUpload') throw error;
    }
    return bytes;
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  destroy(): void {
    this.client.destroy();
  }
}
