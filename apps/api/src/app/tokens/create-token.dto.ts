import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TOKEN_SCOPES, type TokenScope } from '@sluice/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class CreateTokenDto {
  @ApiProperty({ example: 'nightly import', maxLength: 100 })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: TOKEN_SCOPES, isArray: true, description: 'admin includes write, write includes read; a token never does more than its creator may' })
  @IsArray()
  @ArrayMinSize(1, { message: 'scopes: give at least one of read, write, admin' })
  @ArrayMaxSize(3)
  @IsIn(TOKEN_SCOPES, { each: true, message: `scopes: each must be one of ${TOKEN_SCOPES.join(', ')}` })
  scopes!: TokenScope[];

  @ApiPropertyOptional({ minimum: 1, maximum: 3650, description: 'Days until it expires; omit for a token that does not' })
  @IsOptional()
  @IsInt({ message: 'expiresInDays must be a whole number of days' })
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}
