import type { FieldType } from '@sluice/contracts';

import { ident } from './duckdb-session';

const SQL_TYPES: Partial<Record<FieldType, string>> = { int: 'BIGINT', decimal: 'DOUBLE', bool: 'BOOLEAN' };

/**
 * A text column read as its field's type. Values were validated and normalised before staging, so a
 * cast only fails (to NULL) on a kept free-text column.
 */
export function typedColumn(column: string, type: FieldType | undefined, qualifier = ''): string {
  const sqlType = type && SQL_TYPES[type];
  const reference = `${qualifier}${ident(column)}`;
  return sqlType ? `TRY_CAST(${reference} AS ${sqlType})` : reference;
}
