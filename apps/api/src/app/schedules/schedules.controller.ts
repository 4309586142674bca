import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ScheduleView } from '@sluice/contracts';

import { Access } from '../../infra/auth/access.decorator';
import { CurrentWorkspace } from '../../infra/auth/current-principal.decorator';
import { CreateScheduleDto, UpdateScheduleDto } from './create-schedule.dto';
import { SchedulesService } from './schedules.service';

@ApiTags('schedules')
@Controller('schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'Inbox schedules with their state, files waiting, next and recent runs' })
  list(@CurrentWorkspace() workspaceId: string): Promise<ScheduleView[]> {
    return this.schedules.list(workspaceId);
  }

  @Post()
  @Access('write')
  @ApiOperation({ summary: 'Creates a Temporal Schedule that turns the files dropped in a folder of the workspace inbox (default <source>/) into one job per run' })
  @ApiResponse({ status: 400, description: 'Unknown source, bad cron expression or time zone' })
  @ApiResponse({ status: 409, description: 'A schedule with this id exists' })
  create(@CurrentWorkspace() workspaceId: string, @Body() body: CreateScheduleDto): Promise<ScheduleView> {
    return this.schedules.create(workspaceId, body);
  }

  @Get(':id')
  @Access('read')
  @ApiResponse({ status: 404, description: 'No such schedule' })
  get(@CurrentWorkspace() workspaceId: string, @Param('id') id: string): Promise<ScheduleView> {
    return this.schedules.get(workspaceId, id);
  }

  @Patch(':id')
  @Access('write')
  @ApiOperation({ summary: 'Changes the timing, or pauses / resumes' })
  update(@CurrentWorkspace() workspaceId: string, @Param('id') id: string, @Body() body: UpdateScheduleDto): Promise<ScheduleView> {
    return this.schedules.update(workspaceId, id, body);
  }

  @Post(':id/trigger')
  @Access('write')
  @HttpCode(202)
  @ApiOperation({ summary: 'Runs the schedule now' })
  async trigger(@CurrentWorkspace() workspaceId: string, @Param('id') id: string): Promise<{ triggered: true }> {
    await this.schedules.trigger(workspaceId, id);
    return { triggered: true };
  }

  @Delete(':id')
  @Access('write')
  @HttpCode(204)
  async remove(@CurrentWorkspace() workspaceId: string, @Param('id') id: string): Promise<void> {
    await this.schedules.remove(workspaceId, id);
  }
}
