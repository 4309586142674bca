import { Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { InvalidRowView, JobDetailView, JobSummaryView, Paginated, RerunJobResult } from '@sluice/contracts';
import { RerunJob } from '@sluice/jobs';

import type { Response } from 'express';

import { UuidParam } from '../common/params';
import { DownloadJobDto } from './download-job.dto';
import { JobResultsService } from './job-results.service';
import { JobsService } from './jobs.service';
import { ListInvalidRowsDto } from './list-invalid-rows.dto';
import { ListJobsDto } from './list-jobs.dto';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly results: JobResultsService,
    private readonly rerunJob: RerunJob,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Jobs, newest first, paginated' })
  list(@Query() query: ListJobsDto): Promise<Paginated<JobSummaryView>> {
    return this.jobs.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One job: files, status, duration, aggregations and the first invalid rows' })
  @ApiResponse({ status: 404, description: 'No such job' })
  get(@UuidParam() id: string): Promise<JobDetailView> {
    return this.jobs.get(id);
  }

  @Get(':id/download')
  @ApiOperation({ summary: 'Result CSV of a finished job: clean records (default) or ?part=rejected rows with their errors' })
  @ApiResponse({ status: 409, description: 'The job has not finished' })
  @ApiResponse({ status: 410, description: 'The job expired and its files were deleted' })
  async download(@UuidParam() id: string, @Query() query: DownloadJobDto, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const { fileName, body } = await this.results.open(id, query.part);
    response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    return new StreamableFile(body, { type: 'text/csv; charset=utf-8' });
  }

  @Post(':id/rerun')
  @HttpCode(202)
  @ApiOperation({ summary: "Reruns a finished job from its stored files and settings as a new job; its metrics replace the original's" })
  @ApiResponse({ status: 409, description: 'The job is still running' })
  @ApiResponse({ status: 410, description: 'The job expired and its files were deleted' })
  rerun(@UuidParam() id: string): Promise<RerunJobResult> {
    return this.rerunJob.run(id);
  }

  @Get(':id/invalid-rows')
  @ApiOperation({ summary: 'Every invalid row of a job, paginated' })
  invalidRows(@UuidParam() id: string, @Query() query: ListInvalidRowsDto): Promise<Paginated<InvalidRowView>> {
    return this.jobs.invalidRows(id, query);
  }
}
