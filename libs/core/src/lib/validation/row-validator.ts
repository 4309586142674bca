import type { CleaningCounts } from '../cleaning/cleaning-rules';
import type { DecimalMark } from '../cleaning/number-cleaners';
import type { DateOrder } from '../datasets/dataset-definition';
import type { ParsedValue } from './field-parsers';
import { domainOf } from '../cleaning/web-cleaners';
import { parseField } from './field-parsers';
import type { HeaderLayout } from './header-layout';
import type { RowCells } from './row-cells';

export type ValidRecord = Record<string, ParsedValue>;

export type RowValidation = { ok: true; record: ValidRecord } | { ok: false; error: string };

const SHOWN_VALUE_LENGTH = 40;

function quote(raw: string): string {
  const shown = raw.length > SHOWN_VALUE_LENGTH ? `${raw.slice(0, SHOWN_VALUE_LENGTH)}…` : raw;
  return JSON.stringify(shown);
}

export function fieldCountMismatch(expected: number, found: number): string {
  return `Expected ${expected} fields, found ${found}`;
}

/**
 * Checks and cleans one data row against the layout; every problem in the row is reported, not
 * just the first. The cleaning rules applied to a valid row are added to `counts`.
 */
export function validateRow(
  layout: HeaderLayout,
  cells: RowCells,
  dateOrders: ReadonlyMap<string, DateOrder> = new Map(),
  counts: CleaningCounts = {},
  decimalMark: DecimalMark = '.',
): RowValidation {
  if (cells.length !== layout.columnCount) {
    return { ok: false, error: fieldCountMismatch(layout.columnCount, cells.length) };
  }
  const problems: string[] = [];
  const record: ValidRecord = {};
  const applied: string[] = [];
  for (const { field, index } of layout.bindings) {
    const raw = cells.at(index) as string;
    if (raw.trim() === '') {
      if (field.required) problems.push(`${field.name} is required`);
      continue;
    }
    const parsed = parseField(field.type, raw, { case: field.case, lineBreaks: field.lineBreaks, dateOrder: dateOrders.get(field.name), decimalMark });
    if (parsed.ok) {
      record[field.name] = parsed.value;
      applied.push(...parsed.applied);
    } else problems.push(`${field.name} ${quote(raw.trim())} ${parsed.reason}`);
  }
  if (problems.length > 0) return { ok: false, error: problems.join('; ') };
  for (const { header, index } of layout.kept) {
    const value = (cells.at(index) as string).trim();
    if (value !== '') record[header] = value;
  }
  for (const field of layout.derivedDomains) {
    if (record[field.name] !== undefined) continue;
    const source = field.deriveDomainFrom?.map((name) => record[name]).find((value) => typeof value === 'string');
    const domain = typeof source === 'string' ? domainOf(source) : null;
    if (domain) {
      record[field.name] = domain;
      applied.push('domain_derived');
    }
  }
  for (const rule of applied) counts[rule as keyof CleaningCounts] = (counts[rule as keyof CleaningCounts] ?? 0) + 1;
  return { ok: true, record };
}
