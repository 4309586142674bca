import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

export class PreviewMappingDto {
  @ApiPropertyOptional({ type: [String], example: ['Device ID', 'Recorded At', 'Reading'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  headers?: string[];

  @ApiPropertyOptional({ description: 'The start of a CSV file (its first line is the header)', example: 'Device ID,Recorded At,Reading\n' })
  @IsOptional()
  @IsString()
  @MaxLength(65536)
  sample?: string;
}
