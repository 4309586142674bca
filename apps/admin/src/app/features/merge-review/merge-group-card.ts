import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { MergeGroupView, MergeMemberView, RecordRef } from '@sluice/contracts';

import { describeEvidence, formatShare, mergeGroupGrid, recordKey, recordLabel } from './merge-group-grid';

/**
 * One merge group, its records side by side: the survivor (what the output holds) first, then each input
 * record with its file, line and why it is in the group. An editor ticks records to split them out, or
 * ticks the group to join it with others (the page holds that choice, as it spans groups and pages).
 */
@Component({
  selector: 'sl-merge-group-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './merge-group-card.html',
  styleUrl: './merge-group-card.scss',
})
export class MergeGroupCard {
  readonly group = input.required<MergeGroupView>();
  /** Viewers see the group without the checkboxes and the split button. */
  readonly readOnly = input(false);
  /** A correction is on its way or the output is being rebuilt: nothing more can be asked now. */
  readonly busy = input(false);
  readonly selectedForJoin = input(false);

  readonly split = output<RecordRef[]>();
  readonly joinToggled = output<boolean>();

  readonly describeEvidence = describeEvidence;
  readonly formatShare = formatShare;
  readonly recordLabel = recordLabel;

  readonly titleId = computed(() => `merge-group-${this.group().clusterId}`);
  readonly rows = computed(() => mergeGroupGrid(this.group()));
  readonly strongConflicts = computed(() => this.group().conflicts.filter((conflict) => conflict.strong));

  /** Records ticked for splitting out, by recordKey. */
  private readonly selected = signal<ReadonlySet<string>>(new Set());
  readonly selectedCount = computed(() => this.selected().size);
  /** Splitting every record out would leave the group as it is. */
  readonly canSplit = computed(() => this.selectedCount() > 0 && this.selectedCount() < this.group().members.length);

  isSelected(member: MergeMemberView): boolean {
    return this.selected().has(recordKey(member));
  }

  toggle(member: MergeMemberView, checked: boolean): void {
    this.selected.update((keys) => {
      const next = new Set(keys);
      if (checked) next.add(recordKey(member));
      else next.delete(recordKey(member));
      return next;
    });
  }

  splitSelected(): void {
    if (!this.canSplit()) return;
    const keys = this.selected();
    this.split.emit(
      this.group()
        .members.filter((member) => keys.has(recordKey(member)))
        .map(({ file, line }) => ({ file, line })),
    );
  }
}
