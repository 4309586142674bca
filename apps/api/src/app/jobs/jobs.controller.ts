import { Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { InvalidRowView, JobDetailView, JobSummaryView, Paginated, RerunJobResult } from '@sluice/contracts';
import { RerunJob } from '@sluice/jobs';

import type { Response } from 'express';

import { Access } from '../../infra/auth/access.decorator';
import { CurrentWorkspace } from '../../infra/auth/current-principal.decorator';
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
  @Access('read')
  @ApiOperation({ summary: 'Jobs, newest first, paginated' })
  list(@CurrentWorkspace() workspaceId: string, @Query() query: ListJobsDto): Promise<Paginated<JobSummaryView>> {
    return this.jobs.list(workspaceId, query);
  }

  @Get(':id')
  @Access('read')
  @ApiOperation({ summary: 'One job: files, status, duration, aggregations and the first invalid rows' })
  @ApiResponse({ status: 404, description: 'No such job' })
  get(@CurrentWorkspace() workspaceId: string, @UuidParam() id: string): Promise<JobDetailView> {
    return this.jobs.get(workspaceId, id);
  }

  @Get(':id/download')
  @Access('read')
  @ApiOperation({ summary: 'Result CSV of a finished job: clean records (default) or ?part=rejected rows with their errors' })
  @ApiResponse({ status: 409, description: 'The job has not finished' })
  @ApiResponse({ status: 410, description: 'The job expired and its files were deleted' })
  async download(
    @CurrentWorkspace() workspaceId: string,
    @UuidParam() id: string,
    @Query() query: DownloadJobDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { fileName, body } = await this.results.open(workspaceId, id, query.part);
    response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    return new StreamableFile(body, { type: 'text/csv; charset=utf-8' });
  }

  @Post(':id/rerun')
  @Access('write')
  @HttpCode(202)
  @ApiOperation({ summary: "Reruns a finished job from its stored files and settings as a new job; its metrics replace the original's" })
  @ApiResponse({ status: 409, description: 'The job is still running' })
  @ApiResponse({ status: 410, description: 'The job expired and its files were deleted' })
  rerun(@CurrentWorkspace() workspaceId: string, @UuidParam() id: string): Promise<RerunJobResult> {
    return this.rerunJob.run(workspaceId, id);
  }

  @Get(':id/invalid-rows')
  @Access('read')
  @ApiOperation({ summary: 'Every invalid row of a job, paginated' })
  invalidRows(@CurrentWorkspace() workspaceId: string, @UuidParam() id: string, @Query() query: ListInvalidRowsDto): Promise<Paginated<InvalidRowView>> {
    return this.jobs.invalidRows(workspaceId, id, query);
  }
}
