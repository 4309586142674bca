import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { ColumnMappingView } from '@sluice/contracts';

/** A column's field chosen by the person: null leaves the column unmapped. */
export interface ColumnFieldChange {
  header: string;
  field: string | null;
}

/**
 * How a file's columns map to a dataset's fields, with the match and its score. Read-only, or, given
 * `fields`, with a field select per column (and a "remember" checkbox for each changed column).
 */
@Component({
  selector: 'sl-mapping-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mapping-table.html',
})
export class MappingTable {
  readonly columns = input.required<ColumnMappingView[]>();
  /** More classes for the table itself (pages and tests find their table by them). */
  readonly tableClass = input('');
  /** The dataset's field names: makes the table editable. */
  readonly fields = input<string[] | null>(null);
  /** Columns whose field the person changed, by header → the field the mapping had chosen. */
  readonly changed = input<Record<string, string | null>>({});
  /** Changed columns to be remembered as synonyms, by header. */
  readonly remembered = input<Set<string>>(new Set());
  readonly fieldChange = output<ColumnFieldChange>();
  readonly rememberChange = output<{ header: string; remember: boolean }>();

  readonly withCandidates = computed(() => this.fields() !== null || this.columns().some((c) => c.candidates?.length));

  isChanged(column: ColumnMappingView): boolean {
    return column.header in this.changed();
  }

  candidatesOf(column: ColumnMappingView): string {
    return (column.candidates ?? []).map((c) => `${c.field} (${c.score})`).join(', ');
  }

  pick(column: ColumnMappingView, value: string): void {
    this.fieldChange.emit({ header: column.header, field: value === '' ? null : value });
  }
}
