import type { DatasetDefinition, FieldDefinition } from '../datasets/dataset-definition';

export interface ColumnBinding {
  field: FieldDefinition;
  /** Index of the column in the file. */
  index: number;
}

export interface HeaderLayout {
  columnCount: number;
  bindings: ColumnBinding[];
  /** Headers that match no field; their values are ignored. */
  ignoredHeaders: string[];
}

export type HeaderLayoutResult = { ok: true; layout: HeaderLayout } | { ok: false; error: string };

function normaliseHeader(header: string): string {
  return header.trim().toLowerCase();
}

/** Lines a file's header up with the dataset's fields (exact names, case and surrounding space ignored). */
export function resolveHeaderLayout(dataset: DatasetDefinition, header: string[]): HeaderLayoutResult {
  const seen = header.map(normaliseHeader);
  const duplicates = seen.filter((name, index) => name !== '' && seen.indexOf(name) !== index);
  if (duplicates.length > 0) {
    return { ok: false, error: `Duplicate column(s) in header: ${[...new Set(duplicates)].join(', ')}` };
  }
  const bindings: ColumnBinding[] = [];
  const missing: string[] = [];
  for (const field of dataset.fields) {
    const index = seen.indexOf(field.name);
    if (index >= 0) bindings.push({ field, index });
    else if (field.required) missing.push(field.name);
  }
  if (missing.length > 0) {
    const shown = header.length > 0 ? header.map((h) => h.trim()).join(', ') : '(none)';
    return { ok: false, error: `Missing required column(s): ${missing.join(', ')}. Headers seen: ${shown}` };
  }
  const bound = new Set(bindings.map((b) => b.index));
  const ignoredHeaders = header.filter((_, index) => !bound.has(index)).map((h) => h.trim());
  return { ok: true, layout: { columnCount: header.length, bindings, ignoredHeaders } };
}
