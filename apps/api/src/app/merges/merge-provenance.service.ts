import { Injectable } from '@nestjs/common';
import { clusterIdsOf, readMergeGroups, recordRefsExist, withDuckDb } from '@sluice/analytics';
import type { MergeGroupView, RecordRef } from '@sluice/contracts';
import type { MergeGroupsRequest, MergeProvenanceReader } from '@sluice/jobs';

/**
 * A job's provenance file, queried with DuckDB through @sluice/analytics' reader, on a fresh in-memory
 * database per request. A failure is DuckDB's, and answers as a 500 with a ref: its text (which names
 * the local copy's path) reaches the log only.
 */
@Injectable()
export class MergeProvenanceService implements MergeProvenanceReader {
  groups(provenanceFile: string, request: MergeGroupsRequest): Promise<{ items: MergeGroupView[]; total: number }> {
    return withDuckDb((db) => readMergeGroups(db, provenanceFile, request));
  }

  unknownRecords(provenanceFile: string, refs: RecordRef[]): Promise<RecordRef[]> {
    return withDuckDb((db) => recordRefsExist(db, provenanceFile, refs));
  }

  clustersOf(provenanceFile: string, refs: RecordRef[]): Promise<(string | null)[]> {
    return withDuckDb((db) => clusterIdsOf(db, provenanceFile, refs));
  }
}
