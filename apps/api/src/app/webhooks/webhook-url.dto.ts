import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** Body of POST /api/webhooks (register) and POST /api/webhooks/test. */
export class WebhookUrlDto {
  @ApiProperty({ example: 'https://hooks.example.com/sluice' })
  @IsString()
  @MaxLength(2048)
  url!: string;
}
