import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';

export class HeaderSynonymDto {
  @ApiProperty({ example: 'company_name' })
  @IsString()
  @MaxLength(200)
  field!: string;

  @ApiProperty({ description: 'The header as it stands in a file', example: 'Organization Name' })
  @IsString()
  @MaxLength(2000)
  header!: string;
}

export class AddSynonymsDto {
  @ApiProperty({ type: [HeaderSynonymDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => HeaderSynonymDto)
  synonyms!: HeaderSynonymDto[];
}
