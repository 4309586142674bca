import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Far past the end of any listing; bounds the row offset a page asks the database for. */
export const MAX_PAGE = 1_000_000;

/** The page number of a paged listing; each listing sets its own page size bounds. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page = 1;
}

/** A page of rows of one job (invalid rows, failed deliveries). */
export class RowsPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  pageSize = 50;
}

/** A page of a listing people browse (jobs, merge groups): 20 by default, at most 100. */
export class ListPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
