import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';

import { DatasetsApiService, VersionedDataset } from '../../core/datasets-api.service';
import { LoadStatus } from '../../shared/load-status';
import { loadedSignal } from '../../shared/loaded';

@Component({
  selector: 'sl-datasets-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStatus, RouterLink],
  template: `
    <section aria-labelledby="datasets-title">
      <h1 id="datasets-title">Datasets &amp; mappings</h1>
      <sl-load-status [state]="state()" />
      @if (state().value; as datasets) {
        <div class="table-scroll">
          <table class="datasets">
            <thead>
              <tr>
                <th scope="col">Dataset</th>
                <th scope="col">Name</th>
                <th scope="col">Fields</th>
                <th scope="col">Version</th>
                <th scope="col">De-duplication</th>
                <th scope="col">Metrics</th>
              </tr>
            </thead>
            <tbody>
              @for (d of datasets; track d.definition.name) {
                <tr>
                  <td>
                    <a [routerLink]="['/datasets', d.definition.name]">{{ d.definition.label }}</a>
                  </td>
                  <td>
                    <code>{{ d.definition.name }}</code>
                  </td>
                  <td>{{ d.definition.fields.length }}</td>
                  <td>v{{ d.version }}</td>
                  <td>{{ d.definition.dedupe ? d.definition.dedupe.policy + ' by ' + keysOf(d) : '—' }}</td>
                  <td>{{ d.definition.metrics?.metrics?.length ?? 0 }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
})
export class DatasetsPage {
  private readonly api = inject(DatasetsApiService);

  readonly state = loadedSignal(this.api.list());

  keysOf(dataset: VersionedDataset): string {
    return (dataset.definition.dedupe?.keys ?? []).map((key) => key.join(' + ')).join(', else ');
  }
}
