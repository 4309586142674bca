import type { DatasetDefinition, FieldDefinition } from '../datasets/dataset-definition';
import type { HeaderRename } from '../mapping/disambiguate-headers';
import { disambiguateHeaders } from '../mapping/disambiguate-headers';
import type { ColumnMapping } from '../mapping/header-matcher';
import { DEFAULT_MATCH_THRESHOLD, matchHeadersStepwise, normaliseHeadersStepwise } from '../mapping/header-matcher';
import { subjectsOf } from '../mapping/header-tokens';
import { columnKinds } from '../mapping/value-kinds';
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
  /** Unmapped columns the dataset keeps, under their header (trimmed; a repeated header under its new name, see renamed). */
  kept: { header: string; index: number }[];
  /** Headers repeated in the row, renamed `name_2`, `name_3`… so that every column has a name of its own. */
  renamed: HeaderRename[];
  /** Domain fields to fill from other fields when a row leaves them empty (whether or not the file has them). */
  derivedDomains: FieldDefinition[];
  /** How every column of the file was mapped, with scores; unmapped columns are ignored. */
  columns: ColumnMapping[];
}

export type HeaderLayoutResult = { ok: true; layout: HeaderLayout } | { ok: false; error: string };

export interface HeaderMappingPreview {
  /** Every column, under its header (a repeated header under its new name, see renamed). */
  columns: ColumnMapping[];
  /** Required fields that no column maps to. */
  missingRequired: string[];
  /** Headers that appear more than once (after normalising), as written: all but the first are renamed. */
  duplicateHeaders: string[];
  renamed: HeaderRename[];
  /** Why the mapping cannot be used as asked (an override naming no field of the dataset); absent when it can. */
  error?: string;
}

export interface HeaderMappingOptions {
  /** The first rows' cells: columns whose values are mostly emails, URLs, dates… favour fields of that type. */
  samples?: string[][];
  /**
   * Corrections by header (as written, or as renamed): the field a column maps to, or null to leave it unmapped.
   * Headers the file does not have are ignored.
   */
  overrides?: Record<string, string | null>;
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

/** Overrides by column index, or the error an override naming no field (or a field twice) makes. */
function fixedColumns(dataset: DatasetDefinition, header: string[], renamed: string[], overrides: Record<string, string | null>): Map<number, string | null> | string {
  const names = new Set(dataset.fields.map((field) => field.name));
  const unknown = Object.entries(overrides).filter(([, field]) => field !== null && !names.has(field));
  if (unknown.length > 0) return unknown.map(([column, field]) => `Column "${column}" is mapped to "${field}", which is not a field of "${dataset.name}"`).join('; ');
  const fixed = new Map<number, string | null>();
  const byField = new Map<string, string[]>();
  const lookup = (key: string) => (Object.prototype.hasOwnProperty.call(overrides, key) ? overrides[key] : undefined);
  renamed.forEach((name, index) => {
    // The header as it stands (renamed or not), then trimmed, then as written before a rename; null is an answer.
    const keys = [name, name.trim(), ...(name === header[index] ? [] : [header[index], header[index].trim()])];
    const field = keys.map(lookup).find((f) => f !== undefined);
    if (field === undefined) return;
    fixed.set(index, field);
    if (field !== null) byField.set(field, [...(byField.get(field) ?? []), name]);
  });
  const twice = [...byField].filter(([, columns]) => columns.length > 1);
  if (twice.length > 0)
    return twice.map(([field, columns]) => `Columns ${columns.map((c) => `"${c}"`).join(', ')} are all mapped to "${field}"; a field takes one column`).join('; ');
  return fixed;
}

/**
 * How a header row maps to the dataset's fields: overrides, exact names, synonyms, fuzzy similarity, then value hints
 * from the samples. Repeated headers are renamed first (see disambiguateHeaders). Yields between steps.
 */
export function* mapDatasetHeaderStepwise(dataset: DatasetDefinition, header: string[], options: HeaderMappingOptions = {}): Stepwise<HeaderMappingPreview> {
  // Renamed headers are matched as they were written: a repeated header competes for its field on equal terms.
  const normalised = yield* normaliseHeadersStepwise(header);
  const { header: names, renamed } = disambiguateHeaders(header);
  const duplicateHeaders = [...new Set(renamed.map((r) => r.from.trim()))];
  const fixed = fixedColumns(dataset, header, names, options.overrides ?? {});
  const kinds = options.samples ? columnKinds(options.samples, header.length) : [];
  const columns = yield* matchHeadersStepwise(names, dataset.fields, dataset.matchThreshold ?? DEFAULT_MATCH_THRESHOLD, normalised, {
    kinds,
    fixed: typeof fixed === 'string' ? undefined : fixed,
    subjects: subjectsOf(dataset.name),
  });
  const mapped = new Set(columns.map((c) => c.field));
  return {
    columns,
    missingRequired: dataset.fields.filter((field) => field.required && !mapped.has(field.name)).map((f) => f.name),
    duplicateHeaders,
    renamed,
    ...(typeof fixed === 'string' ? { error: fixed } : {}),
  };
}

export function mapDatasetHeader(dataset: DatasetDefinition, header: string[], options?: HeaderMappingOptions): HeaderMappingPreview {
  return runToEnd(mapDatasetHeaderStepwise(dataset, header, options));
}

/**
 * The unmapped columns a dataset keeps, named by their header (trimmed; a repeated one by its new name); none unless the
 * dataset sets `keepUnmapped`. Headers that are empty or equal a field's name are left out.
 */
export function keptColumns(dataset: DatasetDefinition, columns: ColumnMapping[]): { header: string; index: number }[] {
  if (!dataset.keepUnmapped) return [];
  const fieldNames = new Set(dataset.fields.map((f) => f.name));
  return columns.filter((c) => c.field === null && c.header.trim() !== '' && !fieldNames.has(c.header.trim())).map((c) => ({ header: c.header.trim(), index: c.index }));
}

/** Lines a file's header up with the dataset's fields, or says why the file cannot be read. Yields between steps. */
export function* resolveHeaderLayoutStepwise(dataset: DatasetDefinition, header: string[], options?: HeaderMappingOptions): Stepwise<HeaderLayoutResult> {
  const { columns, missingRequired: missing, renamed, error } = yield* mapDatasetHeaderStepwise(dataset, header, options);
  if (error) return { ok: false, error };
  const fieldsByName = new Map(dataset.fields.map((field) => [field.name, field]));
  const bindings: ColumnBinding[] = columns.flatMap((column) => {
    const field = column.field === null ? undefined : fieldsByName.get(column.field);
    return field ? [{ field, index: column.index }] : [];
  });
  const shown = describeHeaders(header);
  if (missing.length > 0) return { ok: false, error: `Missing required column(s): ${missing.join(', ')}. Headers seen: ${shown}` };
  if (bindings.length === 0) return { ok: false, error: `No column matches a field of "${dataset.name}". Headers seen: ${shown}` };
  const derivedDomains = dataset.fields.filter((field) => field.type === 'domain' && field.deriveDomainFrom?.length);
  return { ok: true, layout: { columnCount: header.length, bindings, columns, derivedDomains, kept: keptColumns(dataset, columns), renamed } };
}

export function resolveHeaderLayout(dataset: DatasetDefinition, header: string[], options?: HeaderMappingOptions): HeaderLayoutResult {
  return runToEnd(resolveHeaderLayoutStepwise(dataset, header, options));
}
