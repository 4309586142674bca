import { ApiPropertyOptional } from '@nestjs/swagger';
import { JOB_STATUSES, JobStatus } from '@sluice/contracts';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

import { IsIsoDay } from '../common/iso-day.validator';
import { ListPageQueryDto } from '../common/page-query.dto';

export class ListJobsDto extends ListPageQueryDto {
  @ApiPropertyOptional({ enum: JOB_STATUSES })
  @IsOptional()
  @IsIn(JOB_STATUSES)
  status?: JobStatus;

  @ApiPropertyOptional({ example: 'sensor_readings' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  dataset?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'Jobs created on or after this day (UTC)' })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Jobs created on or before this day (UTC)' })
  @IsOptional()
  @IsIsoDay()
  to?: string;
}
