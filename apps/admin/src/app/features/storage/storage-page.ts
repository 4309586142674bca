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
          <div class="kpi">
            <span class="kpi__label">Objects</span><span class="kpi__value">{{ usage.objects }}</span>
          </div>
          <div class="kpi">
            <span class="kpi__label">Stored</span><span class="kpi__value">{{ formatBytes(usage.bytes) }}</span>
          </div>
          <div class="kpi">
            <span class="kpi__label">Waiting in inboxes</span><span class="kpi__value">{{ usage.inbox.objects }} ({{ formatBytes(usage.inbox.bytes) }})</span>
          </div>
          <div class="kpi">
            <span class="kpi__label">Incomplete uploads</span><span class="kpi__value">{{ usage.incompleteUploads.count }} ({{ formatBytes(usage.incompleteUploads.bytes) }})</span>
          </div>
          <div class="kpi">
            <span class="kpi__label">Next expiry</span>
            <span class="kpi__value">{{ usage.nextExpiry ? (usage.nextExpiry.at | date: 'short') : '—' }}</span>
          </div>
        </div>
        @if (usage.quota; as quota) {
          <div class="kpis" role="group" aria-label="Workspace limits">
            <div class="kpi">
              <span class="kpi__label">Storage used of limit</span>
              <span class="kpi__value">{{ formatBytes(quota.storageBytes) }} of {{ formatBytes(quota.limits.storageBytes) }}</span>
              <progress class="job-progress" [max]="quota.limits.storageBytes" [value]="quota.storageBytes" aria-label="Storage used"></progress>
            </div>
            <div class="kpi">
              <span class="kpi__label">Jobs running of limit</span>
              <span class="kpi__value">{{ quota.runningJobs }} of {{ quota.limits.concurrentJobs }}</span>
            </div>
            <div class="kpi">
              <span class="kpi__label">Files per upload</span><span class="kpi__value">up to {{ quota.limits.filesPerUpload }}</span>
            </div>
            <div class="kpi">
              <span class="kpi__label">Data kept for</span><span class="kpi__value">{{ quota.limits.retentionHours }} h</span>
            </div>
          </div>
        }
        <div class="kpis" role="group" aria-label="Storage sweeper">
          <div class="kpi">
            <span class="kpi__label">Last cleanup</span>
            <span class="kpi__value">{{ usage.lastCleanup ? (usage.lastCleanup | date: 'short') : 'not yet' }}</span>
          </div>
          <div class="kpi">
            <span class="kpi__label">Cleaned last run</span>
            <span class="kpi__value">{{ usage.lastCleanup ? cleanedLastRun(usage) : '—' }}</span>
          </div>
          <div class="kpi">
            <span class="kpi__label">Next cleanup</span>
            <span class="kpi__value">{{ usage.nextCleanup ? (usage.nextCleanup | date: 'short') : '—' }}</span>
          </div>
        </div>
        @if (usage.jobs.length === 0) {
          <p class="empty">No job holds any files.</p>
        } @else {
          <div class="table-scroll">
            <table class="storage">
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">Dataset</th>
                  <th scope="col">Status</th>
                  <th scope="col">Objects</th>
                  <th scope="col">Size</th>
                  <th scope="col">Deleted at</th>
                </tr>
              </thead>
              <tbody>
                @for (job of usage.jobs; track job.jobId) {
                  <tr>
                    <td>
                      <a [routerLink]="['/jobs', job.jobId]">{{ job.jobId.slice(0, 8) }}</a>
                    </td>
                    <td>{{ job.dataset }}</td>
                    <td>
                      @if (job.status) {
                        <sl-status-chip [status]="job.status" />
                      }
                    </td>
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

  /** "3 files, 1.2 MB, 1 upload aborted": what the sweeper's last run freed. */
  cleanedLastRun(usage: StorageUsageView): string {
    const files = usage.filesCleanedLastRun ?? 0;
    const aborted = usage.uploadsAbortedLastRun ?? 0;
    const parts = [`${files} file${files === 1 ? '' : 's'}`, formatBytes(usage.bytesCleanedLastRun ?? 0)];
    if (aborted) parts.push(`${aborted} upload${aborted === 1 ? '' : 's'} aborted`);
    return parts.join(', ');
  }
}
