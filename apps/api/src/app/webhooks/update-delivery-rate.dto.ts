import { ApiProperty } from '@nestjs/swagger';
import { Allow } from 'class-validator';

export class UpdateDeliveryRateDto {
  @ApiProperty({
    description: 'Records per second across the job; null or "unlimited" lifts the limit',
    example: 30,
    nullable: true,
    oneOf: [{ type: 'number' }, { type: 'string', enum: ['unlimited'] }],
  })
  // Checked by parseRateLimit, which words the error for this field.
  @Allow()
  rateLimit!: number | string | null;
}
