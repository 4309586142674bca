import { ApiPropertyOptional } from '@nestjs/swagger';
import { MERGE_GROUP_ORDERS, type MergeGroupOrder } from '@sluice/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

import { ListPageQueryDto } from '../common/page-query.dto';

/** Query text as a boolean; anything but "true" or "false" is left for the validator to refuse. */
const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListMergeGroupsDto extends ListPageQueryDto {
  @ApiPropertyOptional({ enum: MERGE_GROUP_ORDERS, default: 'review', description: 'review: flagged first, then least certain, then largest' })
  @IsOptional()
  @IsIn(MERGE_GROUP_ORDERS, { message: `order must be one of ${MERGE_GROUP_ORDERS.join(', ')}` })
  order: MergeGroupOrder = 'review';

  @ApiPropertyOptional({ type: Boolean, description: 'Only groups whose members conflict on a strong identifier' })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean({ message: 'flagged must be true or false' })
  flagged?: boolean;
}
