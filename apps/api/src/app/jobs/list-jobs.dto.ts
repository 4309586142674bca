import { ApiPropertyOptional } from '@nestjs/swagger';
import { JOB_STATUSES, JobStatus } from '@sluice/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

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
  dataset?: string;
}
