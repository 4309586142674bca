import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import type { Loaded } from './loaded';

/** What a page shows instead of its content: the API's error, or that it is still loading. */
@Component({
  selector: 'sl-load-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (state().error; as error) {
      <p class="error" role="alert">{{ error }}</p>
    } @else if (state().value === null) {
      <p class="empty">Loading…</p>
    }
  `,
})
export class LoadStatus {
  readonly state = input.required<Loaded<unknown>>();
}
