import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ComparisonGranularity, Granularity } from '@sluice/contracts';
import { COMPARISON_GRANULARITIES, GRANULARITIES } from '@sluice/contracts';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

import { IsIsoDay } from '../common/iso-day.validator';

/** "day, week or month" */
const either = (values: readonly string[]) => `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;

/** Which metric of which source, over which days, optionally per dimension value. */
export class MetricQueryDto {
  @ApiProperty({ example: 'email_engagement', description: 'A dataset or pipeline that declares metrics' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  source!: string;

  @ApiProperty({ example: 'open_rate' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  metric!: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day (YYYY-MM-DD); the period holding it is the first one. Default: 11 periods before `to`.' })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Last day (YYYY-MM-DD). Default: the last day with data.' })
  @IsOptional()
  @IsIsoDay()
  to?: string;

  @ApiPropertyOptional({ example: 'domain', description: 'Break the metric down by this dimension (with `value`: only that value)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  dimension?: string;

  @ApiPropertyOptional({ example: 'acme.com', description: 'Only rows with this value of `dimension`' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  value?: string;

  @ApiPropertyOptional({ example: 'UTC', description: "The source's time zone; metrics are recorded in its days, so another zone is refused" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tz?: string;
}

export class CompareMetricsDto extends MetricQueryDto {
  @ApiPropertyOptional({ enum: COMPARISON_GRANULARITIES, default: 'week', description: 'ISO weeks (Monday) or calendar months' })
  @IsOptional()
  @IsIn(COMPARISON_GRANULARITIES, { message: `granularity must be ${either(COMPARISON_GRANULARITIES)}` })
  granularity: ComparisonGranularity = 'week';
}

export class MetricSeriesDto extends MetricQueryDto {
  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'day' })
  @IsOptional()
  @IsIn(GRANULARITIES, { message: `granularity must be ${either(GRANULARITIES)}` })
  granularity: Granularity = 'day';
}
