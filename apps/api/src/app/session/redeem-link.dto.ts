import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RedeemLinkDto {
  @ApiProperty({ description: 'The secret after "#link=" in a one-time sign-in link' })
  @IsString()
  @MinLength(1, { message: 'token must not be empty' })
  @MaxLength(200)
  token!: string;
}
