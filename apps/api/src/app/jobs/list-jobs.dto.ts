import { ApiPropertyOptional } from '@nestjs/swagger';
import { JOB_STATUSES, JobStatus } from '@sluice/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import { IsIsoDay } from '../common/iso-day.validator';
import { PageQueryDto } from '../common/page-query.dto';

export class ListJobsDto extends PageQueryDto {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;

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
