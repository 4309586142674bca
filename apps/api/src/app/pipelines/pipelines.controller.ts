import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { PipelineDefinition } from '@sluice/contracts';

import { PipelinesService } from './pipelines.service';

@ApiTags('pipelines')
@Controller('pipelines')
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  @Get()
  @ApiOperation({ summary: 'Pipelines: datasets joined into one result, with their metrics' })
  list(): PipelineDefinition[] {
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
  get(@Param('name') name: string): PipelineDefinition {
    return this.pipelines.get(name);
  }
}
