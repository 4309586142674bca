import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiPropertyOptional({ description: 'Required once the account has a password' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  currentPassword?: string;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  newPassword!: string;
}
