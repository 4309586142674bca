import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const MAX_AUDIT_PAGE = 200;

export class ListAuditEventsDto {
  @ApiPropertyOptional({ example: 'webhooks.rotateSecret' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ example: 'ops@example.com', description: 'The email of a user, or "token <name>"' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  actor?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Events at or after this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 time such as 2026-12-01T00:00:00Z' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-02T00:00:00Z', description: 'Events before this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 time such as 2026-12-02T00:00:00Z' })
  to?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: MAX_AUDIT_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_PAGE)
  limit = 50;

  @ApiPropertyOptional({ description: "The previous page's nextBefore: only events older than that one" })
  @IsOptional()
  @Matches(/^[1-9]\d{0,18}$/, { message: 'before must be an event id, as nextBefore gives it' })
  before?: string;
}
