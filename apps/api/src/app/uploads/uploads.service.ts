import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { BadRequestException, Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { CreateUploadResult, CSV_JOB_WORKFLOW, CsvJobInput, DeliveryOptions, workflowIdForJob } from '@sluice/contracts';
import type { PrismaClient } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';
import { jobPrefix } from '@sluice/storage';
import type { Client } from '@temporalio/client';

import type { ApiConfig } from '../config/api-config';
import { DatasetConfigsService, VersionedDataset } from '../datasets/dataset-configs.service';
import { API_CONFIG, OBJECT_STORE, PRISMA, TEMPORAL_CLIENT } from '../tokens';
import { parseMode, parseRateLimit, parseRetryDelays } from '../webhooks/delivery-options';
import { WebhookEndpointsService } from '../webhooks/webhook-endpoints.service';
import { ReceivedUpload, receiveMultipart } from './multipart-receiver';

const HOUR_MS = 3_600_000;

@Injectable()
export class UploadsService {
  private readonly logger = new Logger(UploadsService.name);

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly datasets: DatasetConfigsService,
    private readonly webhooks: WebhookEndpointsService,
  ) {}

  /** Stores the files, records the job and starts its workflow; a refused request leaves nothing behind. */
  async create(request: IncomingMessage): Promise<CreateUploadResult> {
    const jobId = randomUUID();
    const received = await receiveMultipart(request, this.store, jobId, {
      maxFileBytes: this.config.maxUploadBytes,
      maxFiles: this.config.maxFilesPerUpload,
    });
    let retentionHours: number;
    let config: VersionedDataset;
    let delivery: DeliveryOptions | undefined;
    try {
      ({ retentionHours, config } = await this.validate(received));
      delivery = await this.deliveryOptions(received.fields);
    } catch (error) {
      await this.store.deletePrefix(jobPrefix(jobId)).catch(() => undefined);
      throw error;
    }
    const dataset = config.definition.name;
    await this.prisma.job.create({
      data: {
        id: jobId,
        dataset,
        datasetVersion: config.version,
        workflowId: workflowIdForJob(jobId),
        retentionHours,
        uploads: {
          create: received.files.map((f, position) => ({ id: f.uploadId, position, fileName: f.fileName, objectKey: f.key, sizeBytes: f.sizeBytes })),
        },
        ...(delivery
          ? { delivery: { create: { endpointId: delivery.endpointId, url: delivery.url, rateLimit: delivery.rateLimit, retryDelaysMs: delivery.retryDelaysMs } } }
          : {}),
      },
    });
    const input: CsvJobInput = {
      jobId,
      dataset,
      files: received.files.map((f) => ({ uploadId: f.uploadId, key: f.key })),
      retentionMs: Math.round(retentionHours * HOUR_MS),
      definition: config.definition,
      ...(delivery ? { delivery } : {}),
    };
    try {
      await this.temporal.workflow.start(CSV_JOB_WORKFLOW, { taskQueue: this.config.taskQueue, workflowId: workflowIdForJob(jobId), args: [input] });
    } catch (error) {
      this.logger.error(`Could not start workflow for job ${jobId}: ${error}`);
      await this.prisma.job.delete({ where: { id: jobId } }).catch(() => undefined);
      await this.store.deletePrefix(jobPrefix(jobId)).catch(() => undefined);
      throw new ServiceUnavailableException('Processing is unavailable right now (Temporal is not reachable); nothing was stored, please retry');
    }
    return { jobId, status: 'waiting' };
  }

  /** Returns the dataset configuration and retention to use, or throws a 400 naming what is wrong. */
  private async validate({ fields, files }: ReceivedUpload): Promise<{ config: VersionedDataset; retentionHours: number }> {
    if (files.length === 0) throw new BadRequestException('Missing file: send one or more CSV files in the "files" field');
    const dataset = fields['dataset']?.trim();
    const known = async () => (await this.datasets.list()).map((d) => d.definition.name).join(', ');
    if (!dataset) throw new BadRequestException(`Missing field "dataset" (one of: ${await known()})`);
    const config = await this.datasets.current(dataset);
    if (!config) throw new BadRequestException(`Unknown dataset "${dataset}" (known: ${await known()})`);
    return { config, retentionHours: this.retention(fields['retentionHours']) };
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
    const hours = Number(raw);
    if (!Number.isFinite(hours) || hours <= 0 || hours > this.config.retentionHours) {
      throw new BadRequestException(`retentionHours must be a number above 0 and at most ${this.config.retentionHours}`);
    }
    return hours;
  }
}
