import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const RESULT_PARTS = ['clean', 'rejected'] as const;

export type ResultPart = (typeof RESULT_PARTS)[number];

export class DownloadJobDto {
  @ApiPropertyOptional({ enum: RESULT_PARTS, default: 'clean', description: 'clean records, or rejected rows with their errors' })
  @IsOptional()
  @IsIn(RESULT_PARTS)
  part: ResultPart = 'clean';
}
