import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { JobStatus } from '@sluice/contracts';

@Component({
  selector: 'sl-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class]="'chip chip--' + status()">{{ status() }}</span>`,
})
export class StatusChip {
  readonly status = input.required<JobStatus>();
}
