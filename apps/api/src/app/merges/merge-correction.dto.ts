import { ApiProperty } from '@nestjs/swagger';
import type { MergeCorrection } from '@sluice/contracts';
import { MAX_CORRECTION_RECORDS } from '@sluice/jobs';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';

const KINDS = ['split', 'join'] as const;

export class RecordRefDto {
  @ApiProperty({ description: "The record's file: its place in the upload, from 0", example: 1, minimum: 0 })
  @IsInt({ message: "records[].file must be a whole number: the file's place in the upload, from 0" })
  @Min(0, { message: "records[].file must be 0 or more: the file's place in the upload, from 0" })
  @Max(10_000, { message: 'records[].file must be at most 10000' })
  file!: number;

  @ApiProperty({ description: "The record's line in its file (the header is line 1)", example: 3, minimum: 1 })
  @IsInt({ message: 'records[].line must be a whole number: the line in its file (the header is line 1)' })
  @Min(1, { message: 'records[].line must be 1 or more (the header is line 1)' })
  @Max(2_147_483_647, { message: 'records[].line must be at most 2147483647' })
  line!: number;
}

/** A split takes the records out of their group(s) into one of their own; a join merges the groups the records are in. */
export class MergeCorrectionDto {
  @ApiProperty({ enum: KINDS, example: 'split' })
  @IsIn(KINDS, { message: 'kind must be "split" (take records out of their group) or "join" (merge the groups of the records)' })
  kind!: MergeCorrection['kind'];

  @ApiProperty({ type: [RecordRefDto], description: 'split: at least one record; join: at least two, from different groups' })
  @IsArray({ message: 'records must be a list of { file, line }' })
  @ArrayMaxSize(MAX_CORRECTION_RECORDS, { message: `records may name at most ${MAX_CORRECTION_RECORDS} records` })
  @ValidateNested({ each: true })
  @Type(() => RecordRefDto)
  records!: RecordRefDto[];
}
