import type { DatasetDefinition, FieldDefinition } from '../datasets/dataset-definition';
import type { ColumnMapping } from '../mapping/header-matcher';
import { DEFAULT_MATCH_THRESHOLD, matchHeadersStepwise, normaliseHeadersStepwise } from '../mapping/header-matcher';
import type { Stepwise } from '../work/stepwise';
import { runToEnd } from '../work/stepwise';

export interface ColumnBinding {
  field: FieldDefinition;
  /** Index of the column in the file. */
  index: number;
}

export interface HeaderLayout {
  columnCount: number;
  bindings: ColumnBinding[];
  /** Unmapped columns the dataset keeps, under their original header. */
  kept: { header: string; index: number }[];
  /** Domain fields to fill from other fields when a row leaves them empty (whether or not the file has them). */
  derivedDomains: FieldDefinition[];
  /** How every column of the file was mapped, with scores; unmapped columns are ignored. */
  columns: ColumnMapping[];
}

export type HeaderLayoutResult = { ok: true; layout: HeaderLayout } | { ok: false; error: string };

export interface HeaderMappingPreview {
  columns: ColumnMapping[];
  /** Required fields that no column maps to. */
  missingRequired: string[];
  /** Headers that appear more than once (after normalising); such a file is refused. */
  duplicateHeaders: string[];
}

/** Headers listed in a message before the rest are counted. */
const HEADERS_SHOWN = 50;

/** The headers for a message: all of a normal file's, the first few of a wide one's. */
export function describeHeaders(header: string[]): string {
  if (header.length === 0) return '(none)';
  const shown = header
    .slice(0, HEADERS_SHOWN)
    .map((h) => h.trim())
    .join(', ');
  return header.length > HEADERS_SHOWN ? `${shown} … and ${(header.length - HEADERS_SHOWN).toLocaleString('en-US')} more` : shown;
}

/** Headers that normalise to one seen earlier in the row, as written. Yields between steps. */
function* duplicatesOf(header: string[], normalised: string[]): Stepwise<string[]> {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (let index = 0; index < header.length; index += 1) {
    const key = normalised[index];
    if (key !== '' && seen.has(key)) duplicates.push(header[index]);
    seen.add(key);
    if (index % 4096 === 4095) yield;
  }
  return duplicates;
}

/** How a header row maps to the dataset's fields: exact names, synonyms, then fuzzy similarity. Yields between steps. */
export function* mapDatasetHeaderStepwise(dataset: DatasetDefinition, header: string[]): Stepwise<HeaderMappingPreview> {
  const normalised = yield* normaliseHeadersStepwise(header);
  const duplicates = yield* duplicatesOf(header, normalised);
  const columns = yield* matchHeadersStepwise(header, dataset.fields, dataset.matchThreshold ?? DEFAULT_MATCH_THRESHOLD, normalised);
  const mapped = new Set(columns.map((c) => c.field));
  return {
    columns,
    missingRequired: dataset.fields.filter((field) => field.required && !mapped.has(field.name)).map((f) => f.name),
    duplicateHeaders: [...new Set(duplicates.map((h) => h.trim()))],
  };
}

export function mapDatasetHeader(dataset: DatasetDefinition, header: string[]): HeaderMappingPreview {
  return runToEnd(mapDatasetHeaderStepwise(dataset, header));
}

/**
 * The unmapped columns a dataset keeps, named by their original header (trimmed); none unless the
 * dataset sets `keepUnmapped`. Headers that are empty or equal a field's name are left out.
 */
export function keptColumns(dataset: DatasetDefinition, columns: ColumnMapping[]): { header: string; index: number }[] {
  if (!dataset.keepUnmapped) return [];
  const fieldNames = new Set(dataset.fields.map((f) => f.name));
  return columns.filter((c) => c.field === null && c.header.trim() !== '' && !fieldNames.has(c.header.trim())).map((c) => ({ header: c.header.trim(), index: c.index }));
}

/** Lines a file's header up with the dataset's fields, or says why the file cannot be read. Yields between steps. */
export function* resolveHeaderLayoutStepwise(dataset: DatasetDefinition, header: string[]): Stepwise<HeaderLayoutResult> {
  const { columns, missingRequired: missing, duplicateHeaders } = yield* mapDatasetHeaderStepwise(dataset, header);
  if (duplicateHeaders.length > 0) return { ok: false, error: `Duplicate column(s) in header: ${describeHeaders(duplicateHeaders)}` };
  const fieldsByName = new Map(dataset.fields.map((field) => [field.name, field]));
  const bindings: ColumnBinding[] = columns.flatMap((column) => {
    const field = column.field === null ? undefined : fieldsByName.get(column.field);
    return field ? [{ field, index: column.index }] : [];
  });
  const shown = describeHeaders(header);
  if (missing.length > 0) return { ok: false, error: `Missing required column(s): ${missing.join(', ')}. Headers seen: ${shown}` };
  if (bindings.length === 0) return { ok: false, error: `No column matches a field of "${dataset.name}". Headers seen: ${shown}` };
  const derivedDomains = dataset.fields.filter((field) => field.type === 'domain' && field.deriveDomainFrom?.length);
  return { ok: true, layout: { columnCount: header.length, bindings, columns, derivedDomains, kept: keptColumns(dataset, columns) } };
}

export function resolveHeaderLayout(dataset: DatasetDefinition, header: string[]): HeaderLayoutResult {
  return runToEnd(resolveHeaderLayoutStepwise(dataset, header));
}
