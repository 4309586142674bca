import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ScheduleView } from '@sluice/contracts';

import { CreateScheduleDto, UpdateScheduleDto } from './create-schedule.dto';
import { SchedulesService } from './schedules.service';

@ApiTags('schedules')
@Controller('schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Get()
  @ApiOperation({ summary: 'Inbox schedules with their state, files waiting, next and recent runs' })
  list(): Promise<ScheduleView[]> {
    return this.schedules.list();
  }

  @Post()
  @ApiOperation({ summary: 'Creates a Temporal Schedule that turns the files dropped under inbox/<source>/ into one job per run' })
  @ApiResponse({ status: 400, description: 'Unknown source, bad cron expression or time zone' })
  @ApiResponse({ status: 409, description: 'A schedule with this id exists' })
  create(@Body() body: CreateScheduleDto): Promise<ScheduleView> {
    return this.schedules.create(body);
  }

  @Get(':id')
  @ApiResponse({ status: 404, description: 'No such schedule' })
  get(@Param('id') id: string): Promise<ScheduleView> {
    return this.schedules.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Changes the timing, or pauses / resumes' })
  update(@Param('id') id: string, @Body() body: UpdateScheduleDto): Promise<ScheduleView> {
    return this.schedules.update(id, body);
  }

  @Post(':id/trigger')
  @HttpCode(202)
  @ApiOperation({ summary: 'Runs the schedule now' })
  async trigger(@Param('id') id: string): Promise<{ triggered: true }> {
    await this.schedules.trigger(id);
    return { triggered: true };
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    await this.schedules.remove(id);
  }
}
