import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class StartSignInDto {
  @ApiPropertyOptional({ description: 'Path of the app to open once signed in (anything else opens /)', example: '/jobs' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  next?: string;
}
