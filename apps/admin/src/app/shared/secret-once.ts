import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';

/**
 * A secret the API hands out once (an API token, a one-time sign-in link): shown until dismissed, with a
 * copy button. It lives only in the page that received it, so leaving the page forgets it too.
 */
@Component({
  selector: 'sl-secret-once',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="secret-once" role="region" [attr.aria-labelledby]="id() + '-title'">
      <h2 [id]="id() + '-title'">{{ title() }}</h2>
      <p>{{ note() }}</p>
      <div class="secret-once__value">
        <label class="visually-hidden" [for]="id() + '-value'">{{ title() }}</label>
        <input [id]="id() + '-value'" class="secret-once__input" readonly [value]="secret()" (focus)="$any($event.target).select()" />
        <button type="button" (click)="copy()">Copy</button>
        <button type="button" (click)="dismissed.emit()">Dismiss</button>
      </div>
      <p class="secret-once__copied" aria-live="polite">{{ copied() }}</p>
    </section>
  `,
})
export class SecretOnce {
  /** Prefix of the element ids, unique on the page. */
  readonly id = input.required<string>();
  readonly title = input.required<string>();
  readonly secret = input.required<string>();
  readonly note = input.required<string>();
  readonly dismissed = output<void>();
  readonly copied = signal('');

  async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.secret());
      this.copied.set('Copied to the clipboard');
    } catch {
      // No clipboard access (plain http on another host, or refused): the field is selected for a manual copy.
      (document.getElementById(`${this.id()}-value`) as HTMLInputElement | null)?.select();
      this.copied.set('Copying was not allowed: the text is selected, press Ctrl+C (⌘C)');
    }
  }
}
