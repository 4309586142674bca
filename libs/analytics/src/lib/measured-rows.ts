import type { MetricsConfig } from '@sluice/contracts';
import { isRatioMetric } from '@sluice/contracts';

/**
 * The few columns a job's metrics read, one list of cells per result row in `names` order: gathered
 * while the result is built (before any cell is escaped for download), so a result that keeps
 * thousands of columns is measured over a handful.
 */
export interface MeasuredRows {
  table: string;
  names: string[];
}

/** Where a results session keeps its measured rows. */
export const MEASURED_TABLE = 'measured';

/** The columns `config` reads: its date, its dimensions and the fields its metrics fold. */
export function measuredNames(config: MetricsConfig): string[] {
  const fields = config.metrics.flatMap((m) => (!isRatioMetric(m) && m.field ? [m.field] : []));
  return [...new Set([config.dateField, ...config.dimensions, ...fields])];
}

/** A measured column as SQL over the measured table; NULL for a name the result lacks. */
export function measuredColumn(rows: MeasuredRows, name: string): string {
  const position = rows.names.indexOf(name);
  return position < 0 ? 'NULL::VARCHAR' : `cells[${position + 1}]`;
}

/** The measured cells of one result row, picked from an expression over that row by name. */
export function measuredList(names: string[], cell: (name: string) => string): string {
  return names.length ? `list_value(${names.map(cell).join(', ')})::VARCHAR[]` : '[]::VARCHAR[]';
}
