import type { MergeGroupOrder, MergeGroupView, Paginated } from '@sluice/contracts';
import type { JobsRepository } from '@sluice/db';

import { mergeJobOf } from './merge-job';
import type { MergeProvenanceReader } from './merge-ports';
import type { ProvenanceFiles } from './provenance-files';
import { withProvenance } from './read-provenance';

export interface MergeGroupsQuery {
  page: number;
  pageSize: number;
  order: MergeGroupOrder;
  flaggedOnly?: boolean;
}

export interface ListMergeGroupsDeps {
  jobs: Pick<JobsRepository, 'stored'>;
  provenance: ProvenanceFiles;
  reader: MergeProvenanceReader;
}

/** A page of a finished job's merge groups, from its provenance at its current output version. */
export class ListMergeGroups {
  constructor(private readonly deps: ListMergeGroupsDeps) {}

  async run(workspaceId: string, jobId: string, query: MergeGroupsQuery): Promise<Paginated<MergeGroupView> & { outputVersion: number }> {
    const mergeJob = await mergeJobOf(this.deps.jobs, workspaceId, jobId);
    const { page, pageSize } = query;
    const { outputVersion } = mergeJob.job;
    // A dataset without dedupe keys merges nothing: an empty list says so as well as any refusal would.
    if (!mergeJob.dedupes) return { items: [], total: 0, page, pageSize, outputVersion };
    const found = await withProvenance(this.deps.provenance, workspaceId, mergeJob, (file) => this.deps.reader.groups(file, { ...query, fileNames: mergeJob.fileNames }));
    return { ...found, page, pageSize, outputVersion };
  }
}
