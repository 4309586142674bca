import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { DatasetVersionSummary, PipelineDefinition, StoredPipeline } from '@sluice/contracts';

import { Access } from '../../infra/auth/access.decorator';
import { CurrentWorkspace } from '../../infra/auth/current-principal.decorator';
import { IntParam } from '../common/params';
import { PipelinesService } from './pipelines.service';

@ApiTags('pipelines')
@Controller('pipelines')
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'Pipelines: datasets joined into one result, with their metrics' })
  list(@CurrentWorkspace() workspaceId: string): Promise<StoredPipeline[]> {
    return this.pipelines.list(workspaceId);
  }

  @Post('check')
  @Access('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Checks a pipeline definition (joins, keys, columns, metrics) against the current datasets' })
  @ApiResponse({ status: 400, description: 'Every problem, with its path' })
  check(@CurrentWorkspace() workspaceId: string, @Body() body: unknown): Promise<PipelineDefinition> {
    return this.pipelines.check(workspaceId, body);
  }

  @Get(':name')
  @Access('read')
  @ApiResponse({ status: 404, description: 'No such pipeline' })
  get(@CurrentWorkspace() workspaceId: string, @Param('name') name: string): Promise<StoredPipeline> {
    return this.pipelines.get(workspaceId, name);
  }

  @Put(':name')
  @Access('write')
  @ApiOperation({ summary: 'Creates or replaces a pipeline; the next job uses it, jobs already started keep theirs' })
  @ApiResponse({ status: 400, description: 'Every problem, with its path; nothing is saved' })
  save(@CurrentWorkspace() workspaceId: string, @Param('name') name: string, @Body() body: unknown): Promise<StoredPipeline> {
    return this.pipelines.save(workspaceId, name, body);
  }

  @Get(':name/versions')
  @Access('read')
  @ApiOperation({ summary: 'Every version of a pipeline, newest first' })
  @ApiResponse({ status: 404, description: 'No such pipeline' })
  versions(@CurrentWorkspace() workspaceId: string, @Param('name') name: string): Promise<DatasetVersionSummary[]> {
    return this.pipelines.versions(workspaceId, name);
  }

  @Get(':name/versions/:version')
  @Access('read')
  @ApiOperation({ summary: 'One version of a pipeline' })
  version(
    @CurrentWorkspace() workspaceId: string,
    @Param('name') name: string,
    @IntParam('version') version: number,
  ): Promise<{ version: number; definition: PipelineDefinition }> {
    return this.pipelines.version(workspaceId, name, version);
  }

  @Delete(':name')
  @Access('write')
  @HttpCode(204)
  @ApiResponse({ status: 409, description: 'A preset, or a pipeline a schedule uses' })
  async remove(@CurrentWorkspace() workspaceId: string, @Param('name') name: string): Promise<void> {
    await this.pipelines.remove(workspaceId, name);
  }
}
