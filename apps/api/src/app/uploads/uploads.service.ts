import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { type CreateUploadResult, type CsvJobInput, type DeliveryOptions, type JobSpec, jobSourceOf, type PipelineJobSpec, retentionMsOf } from '@sluice/contracts';
import { JobSpecResolver } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';
import { jobPrefix } from '@sluice/storage';

import type { ApiConfig } from '../config/api-config';
import { DatasetConfigsService } from '../datasets/dataset-configs.service';
import { JobLauncherService } from '../jobs/job-launcher.service';
import { PipelinesService } from '../pipelines/pipelines.service';
import { API_CONFIG, OBJECT_STORE } from '../tokens';
import { parseMode, parseRateLimit, parseRetryDelays } from '../webhooks/delivery-options';
import { WebhookEndpointsService } from '../webhooks/webhook-endpoints.service';
import { ReceivedUpload, receiveMultipart } from './multipart-receiver';

/** What an upload's files are read as. */
interface JobSource {
  /** Without delivery settings yet: those are read after the source. */
  spec: JobSpec;
  /** A pipeline job: each file's tagged dataset, undefined to detect it by headers. */
  fileDatasets: (string | undefined)[];
}

@Injectable()
export class UploadsService {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    private readonly datasets: DatasetConfigsService,
    private readonly pipelines: PipelinesService,
    private readonly jobSpecs: JobSpecResolver,
    private readonly webhooks: WebhookEndpointsService,
    private readonly launcher: JobLauncherService,
  ) {}

  /** Stores the files, records the job and starts its workflow; a refused request leaves nothing behind. */
  async create(request: IncomingMessage): Promise<CreateUploadResult> {
    const jobId = randomUUID();
    const received = await receiveMultipart(request, this.store, jobId, {
      maxFileBytes: this.config.maxUploadBytes,
      maxFiles: this.config.maxFilesPerUpload,
    });
    let retentionHours: number;
    let source: JobSource;
    let delivery: DeliveryOptions | undefined;
    try {
      if (received.files.length === 0) throw new BadRequestException('Missing file: send one or more CSV files in the "files" field');
      source = await this.sourceOf(received);
      retentionHours = this.retention(received.fields['retentionHours']);
      delivery = await this.deliveryOptions(received.fields);
    } catch (error) {
      await this.store.deletePrefix(jobPrefix(jobId)).catch(() => undefined);
      throw error;
    }
    const datasetOf = (index: number) => source.fileDatasets[index];
    const spec: JobSpec = { ...source.spec, delivery: delivery ?? null };
    const name = jobSourceOf(spec);
    const input: CsvJobInput = {
      jobId,
      dataset: name,
      files: received.files.map((f, index) => ({ uploadId: f.uploadId, key: f.key, ...(datasetOf(index) ? { dataset: datasetOf(index) } : {}) })),
      retentionMs: retentionMsOf(retentionHours),
      ...(spec.kind === 'pipeline' ? { baseDataset: spec.pipeline.definition.base } : {}),
      ...(delivery ? { delivery } : {}),
    };
    const files = received.files.map((f, index) => ({ uploadId: f.uploadId, fileName: f.fileName, objectKey: f.key, sizeBytes: f.sizeBytes, dataset: datasetOf(index) }));
    const datasetVersion = spec.kind === 'dataset' ? spec.dataset.version : null;
    await this.launcher.launch({ id: jobId, dataset: name, datasetVersion, pipeline: spec.kind === 'pipeline' ? name : null, retentionHours, files, delivery, spec }, input);
    return { jobId, status: 'waiting' };
  }

  /** What the files are read as: one dataset (field "dataset") or a pipeline's datasets (field "pipeline"); else a 400. */
  private async sourceOf({ fields, files }: ReceivedUpload): Promise<JobSource> {
    const pipelineName = fields['pipeline']?.trim();
    const datasetName = fields['dataset']?.trim();
    if (pipelineName && datasetName) throw new BadRequestException('Send either "dataset" or "pipeline", not both');
    if (pipelineName) return this.pipelineSource(pipelineName, fields['datasets'], files.length);
    const known = async () => (await this.datasets.list()).map((d) => d.definition.name).join(', ');
    if (!datasetName) {
      const pipelines = (await this.pipelines.list()).map((p) => p.definition.name).join(', ');
      throw new BadRequestException(`Missing field "dataset" (one of: ${await known()}) or "pipeline" (one of: ${pipelines})`);
    }
    const resolved = await this.jobSpecs.dataset(datasetName);
    if (!resolved.ok) throw new BadRequestException(`Unknown dataset "${datasetName}" (known: ${await known()})`);
    return { spec: resolved.spec, fileDatasets: [] };
  }

  /** The pipeline's spec; a 400 when it is unknown or an edited dataset no longer fits it. */
  private async pipelineSpec(name: string): Promise<PipelineJobSpec> {
    const resolved = await this.jobSpecs.pipeline(name);
    if (!resolved.ok && resolved.reason === 'unknown') throw new BadRequestException(`Unknown pipeline "${name}" (known: ${(await this.pipelines.names()).join(', ')})`);
    if (!resolved.ok) throw new BadRequestException({ message: `Pipeline "${name}" no longer fits its datasets' current configurations`, problems: resolved.problems });
    return resolved.spec;
  }

  private async pipelineSource(name: string, tags: string | undefined, fileCount: number): Promise<JobSource> {
    const spec = await this.pipelineSpec(name);
    const members = Object.keys(spec.datasets);
    const fileDatasets = tags?.trim() ? tags.split(',').map((t) => t.trim()) : [];
    if (fileDatasets.length && fileDatasets.length !== fileCount) {
      throw new BadRequestException(`"datasets" names ${fileDatasets.length} datasets for ${fileCount} files: give one per file, in order (empty to detect by headers)`);
    }
    for (const tag of fileDatasets) {
      if (tag && !members.includes(tag)) throw new BadRequestException(`"datasets" names "${tag}", which is not in pipeline ${name} (${members.join(', ')})`);
    }
    return { spec, fileDatasets: fileDatasets.map((t) => t || undefined) };
  }

  /** Webhook settings of the upload, or undefined for download mode; the URL is registered (and its secret made) here. */
  private async deliveryOptions(fields: Record<string, string>): Promise<DeliveryOptions | undefined> {
    if (parseMode(fields['mode']) === 'download') return undefined;
    const rateLimit = parseRateLimit(fields['rateLimit']);
    const retryDelaysMs = parseRetryDelays(fields['retryDelays']);
    const url = fields['webhookUrl']?.trim();
    if (!url) throw new BadRequestException('Missing field "webhookUrl": webhook mode needs the URL to deliver records to');
    const endpoint = await this.webhooks.register(url);
    return { endpointId: endpoint.id, url: endpoint.url, rateLimit, retryDelaysMs };
  }

  private retention(value: string | undefined): number {
    const raw = value?.trim();
    if (!raw) return this.config.retentionHours;
    // Plain decimals only: Number() would also read "0x10" as 16 and "1e1" as 10.
    const hours = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isFinite(hours) || hours <= 0 || hours > this.config.retentionHours) {
      throw new BadRequestException(`retentionHours must be a number above 0 and at most ${this.config.retentionHours}`);
    }
    return hours;
  }
}
