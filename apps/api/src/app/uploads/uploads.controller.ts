import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CreateUploadResult } from '@sluice/contracts';
import { PROCESSING_MODES } from '@sluice/contracts';
import { LaunchJob } from '@sluice/jobs';
import type { Request } from 'express';

import { Access } from '../../infra/auth/access.decorator';
import { CurrentWorkspace } from '../../infra/auth/current-principal.decorator';
import { launchRequestFromForm } from './launch-form';
import { READING_FIELDS } from './reading-fields.schema';
import { receiveMultipart } from './multipart-receiver';

@ApiTags('uploads')
@Controller('uploads')
export class UploadsController {
  constructor(private readonly launchJob: LaunchJob) {}

  @Post()
  @Access('write')
  @HttpCode(202)
  @ApiOperation({ summary: 'Upload CSV files of one dataset and start a job over them' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['files', 'dataset'],
      properties: {
        files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'One or more .csv files' },
        dataset: { type: 'string', example: 'sensor_readings' },
        retentionHours: { type: 'number', description: 'Keep the job data for fewer hours than the default' },
        mode: { type: 'string', enum: [...PROCESSING_MODES], default: 'download' },
        webhookUrl: { type: 'string', description: 'Webhook mode: where each record is POSTed' },
        rateLimit: { type: 'string', description: 'Webhook mode: records per second (1, 5, 10, 30, 60 … or "unlimited")', default: '10' },
        retryDelays: { type: 'string', description: 'Webhook mode: seconds before each retry, e.g. "1,3,9" (the default), or "none"' },
        provenanceColumns: { type: 'boolean', default: false, description: 'Add _cluster_id and _source_lines ("file:line;file:line") columns to clean.csv' },
        ...READING_FIELDS,
      },
    },
  })
  @ApiResponse({ status: 202, description: 'Job created: { jobId, status: "waiting" }' })
  @ApiResponse({ status: 400, description: 'Missing file or dataset, unknown dataset, not a CSV file, bad or refused webhook settings, a bad reading option (named)' })
  @ApiResponse({ status: 413, description: "A file is larger than the upload limit, or the upload would pass the workspace's storage limit" })
  @ApiResponse({ status: 429, description: 'The workspace already runs as many jobs as its limit allows at once' })
  async create(@CurrentWorkspace() workspaceId: string, @Req() request: Request): Promise<CreateUploadResult> {
    // Each file is streamed to S3 as its part arrives; the fields are read once the body has ended.
    // A workspace at its limits is refused before its body is read.
    const upload = await this.launchJob.open(workspaceId);
    const fields = await receiveMultipart(request, upload, upload.limits);
    return upload.launch(launchRequestFromForm(fields));
  }
}
