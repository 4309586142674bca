import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ example: 'owner@example.com' })
  @IsString()
  @MaxLength(320)
  // require_tld off: the first owner is owner@localhost by default.
  @IsEmail({ require_tld: false }, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(256)
  password!: string;
}
