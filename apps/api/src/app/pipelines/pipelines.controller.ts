import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { DatasetVersionSummary, PipelineDefinition, StoredPipeline } from '@sluice/contracts';

import { IntParam } from '../common/params';
import { PipelinesService } from './pipelines.service';

@ApiTags('pipelines')
@Controller('pipelines')
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  @Get()
  @ApiOperation({ summary: 'Pipelines: datasets joined into one result, with their metrics' })
  list(): Promise<StoredPipeline[]> {
    return this.pipelines.list();
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Checks a pipeline definition (joins, keys, columns, metrics) against the current datasets' })
  @ApiResponse({ status: 400, description: 'Every problem, with its path' })
  check(@Body() body: unknown): Promise<PipelineDefinition> {
    return this.pipelines.check(body);
  }

  @Get(':name')
  @ApiResponse({ status: 404, description: 'No such pipeline' })
  get(@Param('name') name: string): Promise<StoredPipeline> {
    return this.pipelines.get(name);
  }

  @Put(':name')
  @ApiOperation({ summary: 'Creates or replaces a pipeline; the next job uses it, jobs already started keep theirs' })
  @ApiResponse({ status: 400, description: 'Every problem, with its path; nothing is saved' })
  save(@Param('name') name: string, @Body() body: unknown): Promise<StoredPipeline> {
    return this.pipelines.save(name, body);
  }

  @Get(':name/versions')
  @ApiOperation({ summary: 'Every version of a pipeline, newest first' })
  @ApiResponse({ status: 404, description: 'No such pipeline' })
  versions(@Param('name') name: string): Promise<DatasetVersionSummary[]> {
    return this.pipelines.versions(name);
  }

  @Get(':name/versions/:version')
  @ApiOperation({ summary: 'One version of a pipeline' })
  version(@Param('name') name: string, @IntParam('version') version: number): Promise<{ version: number; definition: PipelineDefinition }> {
    return this.pipelines.version(name, version);
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiResponse({ status: 409, description: 'A preset, or a pipeline a schedule uses' })
  async remove(@Param('name') name: string): Promise<void> {
    await this.pipelines.remove(name);
  }
}
