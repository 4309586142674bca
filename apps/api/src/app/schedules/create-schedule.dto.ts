import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class UpdateScheduleDto {
  @ApiPropertyOptional({ example: '0 6 * * 1', description: 'When to run, as a cron expression (default: Mondays at 06:00)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  cron?: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: 'IANA zone the cron expression is read in (default UTC)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  timeZone?: string;

  @ApiPropertyOptional({ description: 'Pause (true) or resume (false) the schedule' })
  @IsOptional()
  @IsBoolean()
  paused?: boolean;
}

export class CreateScheduleDto extends UpdateScheduleDto {
  @ApiProperty({ example: 'email_engagement', description: 'The dataset or pipeline whose files the inbox collects' })
  @IsString()
  @IsNotEmpty()
  source!: string;

  @ApiPropertyOptional({ example: 'email-weekly', description: 'Schedule id (default: "<source>-inbox"); lower case, digits and dashes' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'id must be lower case letters, digits and dashes (at most 63)' })
  id?: string;

  @ApiPropertyOptional({
    example: 'email/weekly',
    description: "Folder of the workspace's inbox the files are dropped in (default: the source's name); it may not leave the workspace's inbox",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  prefix?: string;
}
