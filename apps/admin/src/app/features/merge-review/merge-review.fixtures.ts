import type { JobDetailView, MergeGroupView, MergeStatsView } from '@sluice/contracts';

import type { MergeGroupsPage } from './merges-api.service';

/** Jane Doe, in the CRM export and the event list: the event list's record is the more complete, its title wins. */
export const JANE: MergeGroupView = {
  clusterId: 'c1',
  size: 2,
  certainty: 1,
  flagged: false,
  corrected: false,
  survivor: { first_name: 'Jane', last_name: 'Doe', email: 'jane@acme.com', job_title: 'VP Sales', person_location: 'London', company_domain: null },
  members: [
    {
      file: 1,
      line: 2,
      fileName: 'event.csv',
      values: { first_name: 'Jane', last_name: 'Doe', email: 'jane@acme.com', job_title: 'VP Sales', person_location: null, company_domain: null },
      contributed: ['first_name', 'last_name', 'email', 'job_title'],
      reason: 'key',
      matchedOn: null,
      probability: null,
    },
    {
      file: 0,
      line: 2,
      fileName: 'crm.csv',
      values: { first_name: 'Jane', last_name: 'Doe', email: 'jane@acme.com', job_title: 'Sales lead', person_location: 'London', company_domain: null },
      contributed: ['person_location'],
      reason: 'key',
      matchedOn: 'email',
      probability: null,
    },
  ],
  conflicts: [{ field: 'job_title', values: ['VP Sales', 'Sales lead'], strong: false }],
};

/** Two John Roes with different customer ids: merged on name and domain, flagged for review. */
export const JOHN: MergeGroupView = {
  clusterId: 'c2',
  size: 2,
  certainty: 0.87,
  flagged: true,
  corrected: false,
  survivor: { first_name: 'John', last_name: 'Roe', customer_id: 'C-1', company_domain: 'beta.io' },
  members: [
    {
      file: 0,
      line: 3,
      fileName: 'crm.csv',
      values: { first_name: 'John', last_name: 'Roe', customer_id: 'C-1', company_domain: 'beta.io' },
      contributed: ['first_name', 'last_name', 'customer_id', 'company_domain'],
      reason: 'probabilistic',
      matchedOn: null,
      probability: null,
    },
    {
      file: 1,
      line: 4,
      fileName: 'event.csv',
      values: { first_name: 'Jon', last_name: 'Roe', customer_id: 'C-2', company_domain: 'beta.io' },
      contributed: [],
      reason: 'probabilistic',
      matchedOn: 'last_name + company_domain ≈ first_name',
      probability: 0.8734,
    },
  ],
  conflicts: [
    { field: 'first_name', values: ['John', 'Jon'], strong: false },
    { field: 'customer_id', values: ['C-1', 'C-2'], strong: true },
  ],
};

export function groupsPage(items: MergeGroupView[], outputVersion = 1, total = items.length, page = 1): MergeGroupsPage {
  return { items, total, page, pageSize: 20, outputVersion };
}

export const PEOPLE_MERGE: MergeStatsView = { rowsIn: 6, rowsOut: 4, duplicatesRemoved: 2, fieldsMerged: 1, conflicts: 3, groups: 2, flaggedGroups: 1 };

export const PEOPLE_JOB: JobDetailView = {
  id: 'j1',
  dataset: 'people',
  datasetVersion: 1,
  status: 'processed',
  uploadTime: '2026-12-02T10:00:00.000Z',
  startedAt: '2026-12-02T10:00:01.000Z',
  finishedAt: '2026-12-02T10:00:03.000Z',
  durationMs: 2000,
  rowsProcessed: 6,
  validRows: 6,
  invalidRowCount: 0,
  fileIds: ['f1', 'f2'],
  error: null,
  expiresAt: '2026-12-04T10:00:03.000Z',
  expiredAt: null,
  pipeline: null,
  rerunOf: null,
  scheduleId: null,
  duplicatesRemoved: 2,
  workflowId: 'job-j1',
  temporalUrl: null,
  metrics: null,
  files: [
    {
      id: 'f1',
      fileName: 'crm.csv',
      dataset: null,
      sizeBytes: 200,
      uploadedAt: '2026-12-02T10:00:00.000Z',
      rowsProcessed: 3,
      validRows: 3,
      invalidRows: 0,
      error: null,
      columns: [],
      cleaned: {},
      reading: null,
    },
    {
      id: 'f2',
      fileName: 'event.csv',
      dataset: null,
      sizeBytes: 200,
      uploadedAt: '2026-12-02T10:00:00.000Z',
      rowsProcessed: 3,
      validRows: 3,
      invalidRows: 0,
      error: null,
      columns: [],
      cleaned: {},
      reading: null,
    },
  ],
  cleaned: {},
  aggregations: null,
  merge: PEOPLE_MERGE,
  unmappedColumns: [],
  invalidRows: { total: 0, items: [] },
  mode: 'download',
  delivery: null,
  outputVersion: 1,
};
