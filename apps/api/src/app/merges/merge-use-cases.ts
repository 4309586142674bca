import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger, type Provider } from '@nestjs/common';
import { JobsRepository, MergeCorrectionsRepository } from '@sluice/db';
import { CorrectMerge, ListMergeGroups, ProvenanceFiles } from '@sluice/jobs';
import type { ObjectStore } from '@sluice/storage';
import type { Client } from '@temporalio/client';

import type { ApiConfig } from '../../infra/config/api-config';
import { API_CONFIG, OBJECT_STORE, TEMPORAL_CLIENT } from '../../infra/tokens';
import { MergeProvenanceService } from './merge-provenance.service';
import { TemporalOutputRebuilds } from './temporal-output-rebuilds';

/**
 * Copies of provenance the API keeps at most: a reviewer pages through one job's groups at a time, so a few
 * dozen jobs cover every reviewer; the bytes bound keeps large jobs from filling the temp disk.
 */
const PROVENANCE_COPIES = 32;
const PROVENANCE_BYTES = 1024 * 1024 * 1024;

/** The merge use cases of @sluice/jobs over the API's Postgres, S3, Temporal client and DuckDB. */
export const MERGE_USE_CASES = [
  {
    provide: ProvenanceFiles,
    inject: [OBJECT_STORE],
    // One folder per API process: it is emptied on first use, so two processes must not share one.
    useFactory: (store: ObjectStore) =>
      new ProvenanceFiles({ store, dir: join(tmpdir(), `sluice-provenance-${process.pid}`), maxFiles: PROVENANCE_COPIES, maxBytes: PROVENANCE_BYTES }),
  },
  {
    provide: ListMergeGroups,
    inject: [JobsRepository, ProvenanceFiles, MergeProvenanceService],
    useFactory: (jobs: JobsRepository, provenance: ProvenanceFiles, reader: MergeProvenanceService) => new ListMergeGroups({ jobs, provenance, reader }),
  },
  {
    provide: CorrectMerge,
    inject: [API_CONFIG, TEMPORAL_CLIENT, JobsRepository, MergeCorrectionsRepository, ProvenanceFiles, MergeProvenanceService],
    useFactory: (config: ApiConfig, temporal: Client, jobs: JobsRepository, corrections: MergeCorrectionsRepository, provenance: ProvenanceFiles, reader: MergeProvenanceService) =>
      new CorrectMerge({ jobs, corrections, provenance, reader, rebuilds: new TemporalOutputRebuilds(temporal, config.taskQueue), logger: new Logger(CorrectMerge.name) }),
  },
] satisfies Provider[];
