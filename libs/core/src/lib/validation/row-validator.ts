import type { ParsedValue } from './field-parsers';
import { parseField } from './field-parsers';
import type { HeaderLayout } from './header-layout';

export type ValidRecord = Record<string, ParsedValue>;

export type RowValidation = { ok: true; record: ValidRecord } | { ok: false; error: string };

const SHOWN_VALUE_LENGTH = 40;

function quote(raw: string): string {
  const shown = raw.length > SHOWN_VALUE_LENGTH ? `${raw.slice(0, SHOWN_VALUE_LENGTH)}…` : raw;
  return JSON.stringify(shown);
}

/** Checks one data row against the layout; every problem in the row is reported, not just the first. */
export function validateRow(layout: HeaderLayout, cells: string[]): RowValidation {
  if (cells.length !== layout.columnCount) {
    return { ok: false, error: `Expected ${layout.columnCount} fields, found ${cells.length}` };
  }
  const problems: string[] = [];
  const record: ValidRecord = {};
  for (const { field, index } of layout.bindings) {
    const raw = cells[index].trim();
    if (raw === '') {
      if (field.required) problems.push(`${field.name} is required`);
      continue;
    }
    const parsed = parseField(field.type, raw);
    if (parsed.ok) record[field.name] = parsed.value;
    else problems.push(`${field.name} ${quote(raw)} ${parsed.reason}`);
  }
  return problems.length === 0 ? { ok: true, record } : { ok: false, error: problems.join('; ') };
}
