import { RowsPageQueryDto } from '../common/page-query.dto';

export class ListFailedDeliveriesDto extends RowsPageQueryDto {}
