import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export interface DefinitionProblem {
  path: string;
  message: string;
}

/** The API's verdict on a definition (dataset or pipeline): every problem with its path; nothing was saved. */
@Component({
  selector: 'sl-definition-problems',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (problems().length > 0) {
      <div class="error" role="alert">
        <p>The definition has {{ problems().length }} problem{{ problems().length === 1 ? '' : 's' }}; nothing was saved.</p>
        <ul class="problems">
          @for (p of problems(); track p.path + p.message) {
            <li>
              <code>{{ p.path }}</code> {{ p.message }}
            </li>
          }
        </ul>
      </div>
    }
  `,
})
export class DefinitionProblems {
  readonly problems = input.required<readonly DefinitionProblem[]>();
}
