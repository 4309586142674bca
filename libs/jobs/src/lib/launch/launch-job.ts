import { randomUUID } from 'node:crypto';

import { ACCEPTED_FILE_NAMES, type CreateUploadResult, retentionMsOf } from '@sluice/contracts';
import type { ObjectStore } from '@sluice/storage';
import { jobPrefix, sanitizeFileName, uploadKey } from '@sluice/storage';

import { invalidRequest } from '../job-request-error';
import { type Admission, storageFull, type WorkspaceQuota } from '../limits/workspace-quota';
import { jobWorkflowInput, specColumns } from '../job-workflow-input';
import { startRecordedJob, type StartJobDeps } from '../start-recorded-job';
import { type LaunchRequest, type LaunchRequestDeps, resolveLaunch } from './launch-request';
import { intakeFormat } from './intake-format';
import { drain, type IncomingFile, storeIncomingFile, type StoreFormat } from './store-incoming-file';
import { readZipEntries } from './zip-intake';

export interface LaunchJobDeps extends Omit<LaunchRequestDeps, 'retentionHours'>, Omit<StartJobDeps, 'store'> {
  store: Pick<ObjectStore, 'startUpload' | 'deleteKeys' | 'deletePrefix'>;
  /** The workspace's limits: files per upload, storage, jobs at once, retention. */
  quota: Pick<WorkspaceQuota, 'admit'>;
  /** Bytes one file may have (decompressed, for a .gz or an entry of a .zip). */
  maxFileBytes: number;
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

  /**
   * An upload into the workspace: its files are stored under the workspace's prefix, its job recorded
   * there. Refused before any file is read when the workspace is at its limit of jobs at once (429) or
   * of storage (413).
   */
  async open(workspaceId: string): Promise<JobUpload> {
    return new JobUpload(this.deps, workspaceId, await this.deps.quota.admit(workspaceId));
  }

  /** Every file of `files`, then the launch: for callers that have the request before the files (a CLI). */
  async run(workspaceId: string, files: Iterable<IncomingFile> | AsyncIterable<IncomingFile>, request: LaunchRequest): Promise<CreateUploadResult> {
    const upload = await this.open(workspaceId);
    try {
      for await (const file of files) await upload.addFile(file);
    } catch (error) {
      await upload.discard();
      throw error;
    }
    return upload.launch(request);
  }
}

interface FileSlot {
  key: string;
  stored?: StoredFile;
}

/** One job's files being received; see LaunchJob. */
export class JobUpload {
  readonly jobId = randomUUID();
  /** One list per file added, in the order they were added: a .zip's holds one slot per CSV file inside. */
  private readonly added: FileSlot[][] = [];
  private readonly settled: Promise<unknown>[] = [];
  private failure: unknown = null;
  private closed = false;

  constructor(
    private readonly deps: LaunchJobDeps,
    readonly workspaceId: string,
    private readonly admission: Admission,
  ) {}

  /** What this upload may carry: per file, and files in all. */
  get limits(): { maxFileBytes: number; maxFiles: number } {
    return { maxFileBytes: this.deps.maxFileBytes, maxFiles: this.admission.limits.filesPerUpload };
  }

  /**
   * Starts storing a file; resolves once it is stored and rejects, its S3 upload aborted, when it
   * is refused (a name Sluice does not read, content that is not what its name says, too large, a
   * damaged archive) or its stream fails (with the stream's error). A refused file's stream is read
   * to its end. .csv/.tsv/.txt and .xlsx files are stored as they are, a .gz decompressed under its
   * inner name, and each CSV file of a .zip as a file of its own. Files keep the order they were added in.
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
    const format = intakeFormat(file.name);
    if (!format) {
      drain(file.stream);
      throw invalidRequest(`"${file.name || 'unnamed file'}" is not a CSV file: expected a file named ${ACCEPTED_FILE_NAMES}`);
    }
    const slots: FileSlot[] = [];
    this.added.push(slots);
    const { maxFileBytes, maxFiles } = this.limits;
    if (format.kind === 'zip') {
      // An archive with too many entries is refused before any is read; with the job's other files, by storeOne.
      await readZipEntries(file, { maxBytes: maxFileBytes, maxEntries: maxFiles }, (entry) => this.storeOne(slots, entry, entry.name, { label: entry.label, decompressed: true }));
      return;
    }
    await this.storeOne(slots, file, format.storedName, { content: format.kind === 'xlsx' ? 'xlsx' : 'text', gzip: format.kind === 'gzip' });
  }

  private async storeOne(slots: FileSlot[], file: IncomingFile, storedName: string, format: StoreFormat): Promise<void> {
    const { maxFileBytes, maxFiles } = this.limits;
    if (this.fileCount() >= maxFiles) {
      drain(file.stream);
      throw invalidRequest(`Too many files: at most ${maxFiles} per upload in this workspace, counting each CSV file inside a .zip`);
    }
    const uploadId = randomUUID();
    const fileName = sanitizeFileName(storedName);
    const slot: FileSlot = { key: uploadKey(this.workspaceId, this.jobId, uploadId, fileName) };
    slots.push(slot);
    // Files arrive one after another, so what the earlier ones stored is known when this one starts.
    const storageLeft = this.admission.storageBytesLeft - this.storedBytes();
    const { limits } = this.admission;
    const refusal = storageLeft < maxFileBytes ? () => storageFull(limits, limits.storageBytes - storageLeft) : undefined;
    const sizeBytes = await storeIncomingFile(this.deps.store, slot.key, file, Math.min(maxFileBytes, storageLeft), format, refusal);
    slot.stored = { uploadId, fileName, key: slot.key, sizeBytes };
  }

  private fileCount(): number {
    return this.added.reduce((count, slots) => count + slots.length, 0);
  }

  private storedBytes(): number {
    return this.added.flat().reduce((bytes, slot) => bytes + (slot.stored?.sizeBytes ?? 0), 0);
  }

  /** Waits for every file to settle and deletes what was stored: the upload was refused. */
  async discard(): Promise<void> {
    this.closed = true;
    await Promise.all(this.settled);
    await this.deps.store
      .deleteKeys(this.added.flat().map((f) => f.key))
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
    const files = this.added.flat().map((f) => f.stored as StoredFile);
    const { deps, jobId, workspaceId } = this;
    let resolved;
    try {
      if (files.length === 0) throw invalidRequest('Missing file: send one or more CSV files in the "files" field');
      resolved = await resolveLaunch({ ...deps, retentionHours: this.admission.limits.retentionHours }, workspaceId, request, files.length);
    } catch (error) {
      await deps.store.deletePrefix(jobPrefix(workspaceId, jobId)).catch(() => undefined);
      throw error;
    }
    const { spec, fileDatasets, retentionHours, delivery } = resolved;
    const input = jobWorkflowInput(spec, {
      workspaceId,
      jobId,
      files: files.map((f, index) => ({ uploadId: f.uploadId, key: f.key, ...(fileDatasets[index] ? { dataset: fileDatasets[index] } : {}) })),
      retentionMs: retentionMsOf(retentionHours),
    });
    await startRecordedJob(
      deps,
      workspaceId,
      this.admission.limits,
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
