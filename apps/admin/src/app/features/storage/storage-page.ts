import { DatePipe } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { StorageUsageView } from '@sluice/contracts';

import { formatBytes } from '../../shared/format';
import { LoadStatus } from '../../shared/load-status';
import { loadedSignal } from '../../shared/loaded';
import { StatusChip } from '../../shared/status-chip';

@Component({
  selector: 'sl-storage-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, LoadStatus, RouterLink, StatusChip],
  template: `
    <section aria-labelledby="storage-title">
      <h1 id="storage-title">Storage</h1>
      <sl-load-status [state]="state()" />
      @if (state().value; as usage) {
        <div class="kpis" role="group" aria-label="Totals">
          <div class="kpi"><span class="kpi__label">Objects</span><span class="kpi__value">{{ usage.objects }}</span></div>
          <div class="kpi"><span class="kpi__label">Stored</span><span class="kpi__value">{{ formatBytes(usage.bytes) }}</span></div>
          <div class="kpi"><span class="kpi__label">Waiting in inboxes</span><span class="kpi__value">{{ usage.inbox.objects }} ({{ formatBytes(usage.inbox.bytes) }})</span></div>
          <div class="kpi">
            <span class="kpi__label">Next cleanup</span>
            <span class="kpi__value">{{ usage.nextCleanup ? (usage.nextCleanup.at | date: 'short') : '—' }}</span>
          </div>
        </div>
        @if (usage.jobs.length === 0) {
          <p class="empty">No job holds any files.</p>
        } @else {
          <div class="table-scroll">
            <table class="storage">
              <thead><tr><th scope="col">Job</th><th scope="col">Dataset</th><th scope="col">Status</th><th scope="col">Objects</th><th scope="col">Size</th><th scope="col">Deleted at</th></tr></thead>
              <tbody>
                @for (job of usage.jobs; track job.jobId) {
                  <tr>
                    <td><a [routerLink]="['/jobs', job.jobId]">{{ job.jobId.slice(0, 8) }}</a></td>
                    <td>{{ job.dataset }}</td>
                    <td>@if (job.status) {<sl-status-chip [status]="job.status" />}</td>
                    <td>{{ job.objects }}</td>
                    <td>{{ formatBytes(job.bytes) }}</td>
                    <td>{{ job.expiresAt ? (job.expiresAt | date: 'short') : 'after it finishes' }}</td>
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
export class StoragePage {
  private readonly http = inject(HttpClient);
  readonly formatBytes = formatBytes;

  readonly state = loadedSignal(this.http.get<StorageUsageView>('/api/storage'));
}
