import type { DatasetDefinition, FieldDefinition, MergePolicy } from '@sluice/contracts';

/** Comma-separated text as a list: trimmed, empty entries dropped. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Dedupe keys as written in the editor: alternatives separated by ";", fields within one by "+". */
export function parseKeys(text: string): string[][] {
  return text
    .split(';')
    .map((alternative) =>
      alternative
        .split('+')
        .map((f) => f.trim())
        .filter(Boolean),
    )
    .filter((key) => key.length > 0);
}

export function formatKeys(keys: string[][] | undefined): string {
  return (keys ?? []).map((key) => key.join(' + ')).join('; ');
}

/** The field with one property changed; an emptied optional property is removed rather than left empty. */
export function withFieldChange(field: FieldDefinition, key: keyof FieldDefinition, value: unknown): FieldDefinition {
  const next = { ...field, [key]: value } as FieldDefinition & Record<string, unknown>;
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[key];
  return next;
}

/** The dataset with its de-duplication set from the editor's text, or removed when the keys are empty. */
export function withDedupe(dataset: DatasetDefinition, keysText: string, policy: MergePolicy): DatasetDefinition {
  const keys = parseKeys(keysText);
  const next = { ...dataset };
  if (keys.length === 0) delete next.dedupe;
  else next.dedupe = { ...dataset.dedupe, keys, policy };
  return next;
}
