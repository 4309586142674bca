import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CreateUploadResult } from '@sluice/contracts';
import type { Request } from 'express';

import { UploadsService } from './uploads.service';

@ApiTags('uploads')
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
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
      },
    },
  })
  @ApiResponse({ status: 202, description: 'Job created: { jobId, status: "waiting" }' })
  @ApiResponse({ status: 400, description: 'Missing file or dataset, unknown dataset, not a CSV file' })
  @ApiResponse({ status: 413, description: 'A file is larger than the upload limit' })
  create(@Req() request: Request): Promise<CreateUploadResult> {
    return this.uploads.create(request);
  }
}
