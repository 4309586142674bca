import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';

import { PipelinesApiService } from '../../core/pipelines-api.service';
import { LoadStatus } from '../../shared/load-status';
import { loadedSignal } from '../../shared/loaded';
import { describeJoins } from './pipeline-summary';

@Component({
  selector: 'sl-pipelines-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStatus, RouterLink],
  template: `
    <section aria-labelledby="pipelines-title">
      <h1 id="pipelines-title">Pipelines</h1>
      <p class="hint">A pipeline joins several datasets' files into one result, in DuckDB, and may record metrics for the dashboard.</p>
      <p><a routerLink="/pipelines/new" class="button-link">New pipeline</a></p>
      <sl-load-status [state]="state()" />
      @if (state().value; as pipelines) {
        @if (pipelines.length === 0) {
          <p class="empty">No pipelines.</p>
        } @else {
          <div class="table-scroll">
            <table class="pipelines">
              <thead>
                <tr>
                  <th scope="col">Pipeline</th>
                  <th scope="col">Name</th>
                  <th scope="col">Joins</th>
                  <th scope="col">Metrics</th>
                  <th scope="col">Origin</th>
                </tr>
              </thead>
              <tbody>
                @for (p of pipelines; track p.definition.name) {
                  <tr>
                    <td>
                      <a [routerLink]="['/pipelines', p.definition.name]">{{ p.definition.label }}</a>
                    </td>
                    <td>
                      <code>{{ p.definition.name }}</code>
                    </td>
                    <td>
                      <code>{{ p.definition.base }}</code>
                      @for (line of describeJoins(p.definition); track $index) {
                        <div class="join-line">{{ line }}</div>
                      }
                    </td>
                    <td>{{ p.definition.metrics?.metrics?.length ?? 0 }}</td>
                    <td>{{ p.origin }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      }
    </section>
  `,
})
export class PipelinesPage {
  readonly state = loadedSignal(inject(PipelinesApiService).list());
  readonly describeJoins = describeJoins;
}
