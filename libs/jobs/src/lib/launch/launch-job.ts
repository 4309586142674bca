import { randomUUID } from 'node:crypto';

import { type CreateUploadResult, retentionMsOf } from '@sluice/contracts';
import type { ObjectStore } from '@sluice/storage';
import { jobPrefix, sanitizeFileName, uploadKey } from '@sluice/storage';

import { invalidRequest } from '../job-request-error';
import { jobWorkflowInput, specColumns } from '../job-workflow-input';
import { startRecordedJob, type StartJobDeps } from '../start-recorded-job';
import { type LaunchRequest, type LaunchRequestDeps, resolveLaunch } from './launch-request';
import { drain, type IncomingFile, storeIncomingFile } from './store-incoming-file';

export interface LaunchJobDeps extends Omit<LaunchRequestDeps, 'retentionHours'>, Omit<StartJobDeps, 'store'> {
  store: Pick<ObjectStore, 'startUpload' | 'deleteKeys' | 'deletePrefix'>;
  limits: {
    /** Bytes one file may have. */
    maxFileBytes: number;
    /** Hours a job's data is kept: the default, and the most a launch may ask for. */
    retentionHours: number;
  };
}

interface StoredFile {
  uploadId: string;
  fileName: string;
  key: string;
  sizeBytes: number;
}

/**
 * Launches a job over files that arrive as streams: `open()` an upload, add each file as it comes
 * (each is streamed to S3 under the job's prefix at once), then `launch` it with the request once
 * every file has come, or `discard` it. A refused launch leaves nothing behind.
 */
export class LaunchJob {
  constructor(private readonly deps: LaunchJobDeps) {}

  open(): JobUpload {
    return new JobUpload(this.deps);
  }

  /** Every file of `files`, then the launch: for callers that have the request before the files (a CLI). */
  async run(files: Iterable<IncomingFile> | AsyncIterable<IncomingFile>, request: LaunchRequest): Promise<CreateUploadResult> {
    const upload = this.open();
    try {
      for await (const file of files) await upload.addFile(file);
    } catch (error) {
      await upload.discard();
      throw error;
    }
    return upload.launch(request);
  }
}

/** One job's files being received; see LaunchJob. */
export class JobUpload {
  readonly jobId = randomUUID();
  private readonly files: { key: string; stored?: StoredFile }[] = [];
  private readonly settled: Promise<unknown>[] = [];
  private failure: unknown = null;
  private closed = false;

  constructor(private readonly deps: LaunchJobDeps) {}

  /**
   * Starts storing a file; resolves once it is stored and rejects, its S3 upload aborted, when it
   * is refused (not named .csv, not CSV, too large) or its stream fails (with the stream's error).
   * A refused file's stream is read to its end. Files keep the order they were added in.
   */
  addFile(file: IncomingFile): Promise<void> {
    if (this.closed) throw new Error(`Upload ${this.jobId} is closed: no file can be added`);
    const done = this.store(file).catch((error: unknown) => {
      this.failure ??= error;
      throw error;
    });
    // Observed here, so a caller that only awaits the launch leaves no rejection unhandled.
    this.settled.push(done.catch(() => undefined));
    return done;
  }

  private async store(file: IncomingFile): Promise<void> {
    if (!/\.csv$/i.test(file.name.trim())) {
      drain(file.stream);
      throw invalidRequest(`"${file.name || 'unnamed file'}" is not a CSV file: expected a .csv file name`);
    }
    const uploadId = randomUUID();
    const fileName = sanitizeFileName(file.name);
    const entry: { key: string; stored?: StoredFile } = { key: uploadKey(this.jobId, uploadId, fileName) };
    this.files.push(entry);
    const sizeBytes = await storeIncomingFile(this.deps.store, entry.key, file, this.deps.limits.maxFileBytes);
    entry.stored = { uploadId, fileName, key: entry.key, sizeBytes };
  }

  /** Waits for every file to settle and deletes what was stored: the upload was refused. */
  async discard(): Promise<void> {
    this.closed = true;
    await Promise.all(this.settled);
    await this.deps.store
      .deleteKeys(this.files.map((f) => f.key))
      .catch((error: unknown) => this.deps.logger.error(`Could not delete the objects of refused upload ${this.jobId}: ${error}`));
  }

  /**
   * Once every file is stored: resolves the request into the job's spec, records the job and starts
   * its workflow. A file that failed, a request that does not resolve, or a workflow that does not
   * start, refuses the launch, and every object and row it made is deleted first.
   */
  async launch(request: LaunchRequest): Promise<CreateUploadResult> {
    this.closed = true;
    await Promise.all(this.settled);
    if (this.failure) {
      await this.discard();
      throw this.failure;
    }
    const files = this.files.map((f) => f.stored as StoredFile);
    const { deps, jobId } = this;
    let resolved;
    try {
      if (files.length === 0) throw invalidRequest('Missing file: send one or more CSV files in the "files" field');
      resolved = await resolveLaunch({ ...deps, retentionHours: deps.limits.retentionHours }, request, files.length);
    } catch (error) {
      await deps.store.deletePrefix(jobPrefix(jobId)).catch(() => undefined);
      throw error;
    }
    const { spec, fileDatasets, retentionHours, delivery } = resolved;
    const input = jobWorkflowInput(spec, {
      jobId,
      files: files.map((f, index) => ({ uploadId: f.uploadId, key: f.key, ...(fileDatasets[index] ? { dataset: fileDatasets[index] } : {}) })),
      retentionMs: retentionMsOf(retentionHours),
    });
    await startRecordedJob(
      deps,
      {
        id: jobId,
        ...specColumns(spec),
        retentionHours,
        files: files.map((f, index) => ({ uploadId: f.uploadId, fileName: f.fileName, objectKey: f.key, sizeBytes: f.sizeBytes, dataset: fileDatasets[index] })),
        delivery,
        spec,
      },
      input,
    );
    return { jobId, status: 'waiting' };
  }
}
