import { RowsPageQueryDto } from '../common/page-query.dto';

export class ListInvalidRowsDto extends RowsPageQueryDto {}
