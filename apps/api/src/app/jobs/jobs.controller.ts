import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { InvalidRowView, JobDetailView, JobSummaryView, Paginated } from '@sluice/contracts';

import { JobsService } from './jobs.service';
import { ListInvalidRowsDto } from './list-invalid-rows.dto';
import { ListJobsDto } from './list-jobs.dto';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOperation({ summary: 'Jobs, newest first, paginated' })
  list(@Query() query: ListJobsDto): Promise<Paginated<JobSummaryView>> {
    return this.jobs.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One job: files, status, duration, aggregations and the first invalid rows' })
  @ApiResponse({ status: 404, description: 'No such job' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<JobDetailView> {
    return this.jobs.get(id);
  }

  @Get(':id/invalid-rows')
  @ApiOperation({ summary: 'Every invalid row of a job, paginated' })
  invalidRows(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: ListInvalidRowsDto): Promise<Paginated<InvalidRowView>> {
    return this.jobs.invalidRows(id, query);
  }
}
