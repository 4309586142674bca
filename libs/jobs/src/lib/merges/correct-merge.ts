import { randomUUID } from 'node:crypto';

import type { CorrectMergeResult, MergeCorrection, MergeCorrectionView } from '@sluice/contracts';
import type { CorrectionClaim, ClaimOptions, JobsRepository, MergeCorrectionRecord, MergeCorrectionsRepository } from '@sluice/db';

import { invalidRequest, JobRequestError } from '../job-request-error';
import type { UseCaseLogger } from '../ports';
import { correctionProblem, describeRecords } from './correction-rules';
import { type MergeJob, mergeJobOf } from './merge-job';
import type { MergeProvenanceReader, OutputRebuildStarter } from './merge-ports';
import type { ProvenanceFiles } from './provenance-files';
import { withProvenance } from './read-provenance';

/**
 * A claim this old whose rebuild is not running was never started (the API stopped between claiming and
 * starting): it is taken over rather than holding the job's corrections forever.
 */
export const STALE_REBUILD_CLAIM_MS = 2 * 60_000;

export interface CorrectMergeDeps {
  jobs: Pick<JobsRepository, 'stored'>;
  corrections: Pick<MergeCorrectionsRepository, 'list' | 'addAndClaimRebuild' | 'removeAndClaimRebuild' | 'revertClaim'>;
  provenance: ProvenanceFiles;
  reader: MergeProvenanceReader;
  rebuilds: OutputRebuildStarter;
  logger: UseCaseLogger;
}

export function toMergeCorrectionView(record: MergeCorrectionRecord): MergeCorrectionView {
  return { id: record.id, correction: record.correction, createdAt: record.createdAt.toISOString(), createdBy: record.createdBy?.email ?? null };
}

/**
 * A reviewer's corrections to a job's merges: kept under the job's rerun chain (every rerun applies them
 * again), each change rebuilding the job's output as its next version. One rebuild at a time per job: a change
 * while one runs is refused, so no correction is lost between two rebuilds.
 */
export class CorrectMerge {
  constructor(private readonly deps: CorrectMergeDeps) {}

  /** The corrections of the job's rerun chain, oldest first (also for a job that has expired since). */
  async list(workspaceId: string, jobId: string): Promise<MergeCorrectionView[]> {
    const job = await this.deps.jobs.stored(workspaceId, jobId);
    if (!job) throw new JobRequestError('not_found', `Job ${jobId} not found`);
    return (await this.deps.corrections.list(workspaceId, job.rootJobId ?? job.id)).map(toMergeCorrectionView);
  }

  /** Keeps a correction that names records of the job, and rebuilds the job's output with it. */
  async add(workspaceId: string, jobId: string, correction: MergeCorrection, userId: string | null): Promise<CorrectMergeResult> {
    const mergeJob = await this.correctableJob(workspaceId, jobId);
    const problem = correctionProblem(correction, mergeJob.fileNames);
    if (problem) throw invalidRequest(problem);
    await this.checkRecords(workspaceId, mergeJob, correction);
    const id = randomUUID();
    const claim = await this.claim(jobId, (options) => this.deps.corrections.addAndClaimRebuild(workspaceId, jobId, { id, correction, createdBy: userId }, options));
    return this.rebuild(workspaceId, mergeJob, claim, () => ({ added: id }));
  }

  /** Removes a correction of the job's chain (an undo), and rebuilds the job's output without it. */
  async undo(workspaceId: string, jobId: string, correctionId: string): Promise<CorrectMergeResult> {
    const mergeJob = await this.correctableJob(workspaceId, jobId);
    const claim = await this.claim(jobId, (options) => this.deps.corrections.removeAndClaimRebuild(workspaceId, jobId, correctionId, options));
    if (!claim.ok && claim.reason === 'not_found') throw new JobRequestError('not_found', `Correction ${correctionId} of job ${jobId} not found`);
    return this.rebuild(workspaceId, mergeJob, claim, (removed) => ({ removed }));
  }

  private async correctableJob(workspaceId: string, jobId: string): Promise<MergeJob> {
    const mergeJob = await mergeJobOf(this.deps.jobs, workspaceId, jobId);
    if (!mergeJob.dedupes) throw new JobRequestError('conflict', `Job ${jobId} merged no records: its dataset has no de-duplication keys, so there is nothing to correct`);
    return mergeJob;
  }

  /** Every record must be one of the job's; a join must bring together records of two groups at least. */
  private async checkRecords(workspaceId: string, mergeJob: MergeJob, correction: MergeCorrection): Promise<void> {
    const { reader } = this.deps;
    await withProvenance(this.deps.provenance, workspaceId, mergeJob, async (file) => {
      const unknown = await reader.unknownRecords(file, correction.records);
      if (unknown.length) {
        throw invalidRequest(
          `Unknown record${unknown.length > 1 ? 's' : ''}: ${describeRecords(unknown, mergeJob.fileNames)}. Name records by their file (from 0, in upload order) and line (the header is line 1)`,
        );
      }
      if (correction.kind !== 'join') return;
      const clusters = new Set(await reader.clustersOf(file, correction.records));
      if (clusters.size < 2) throw invalidRequest(`These records are all in one group already (${[...clusters][0]}): a join needs records from at least two groups`);
    });
  }

  /** Claims the job's next version; a claim left by a rebuild that never started is taken over once it is stale. */
  private async claim(jobId: string, attempt: (options: ClaimOptions) => Promise<CorrectionClaim>): Promise<CorrectionClaim> {
    const claim = await attempt({});
    if (claim.ok || claim.reason !== 'busy') return claim;
    const stale = Date.now() - claim.since.getTime() >= STALE_REBUILD_CLAIM_MS;
    if (!stale || (await this.deps.rebuilds.isOutputRebuildRunning(jobId, claim.rebuildingVersion))) return claim;
    return attempt({ takeOverAfterMs: STALE_REBUILD_CLAIM_MS });
  }

  /** Starts the rebuild a claim allows; when it cannot start, the change (`undoOf` the claimed correction) is undone with the claim. */
  private async rebuild(
    workspaceId: string,
    { job, rootJobId }: MergeJob,
    claim: CorrectionClaim,
    undoOf: (claimed: MergeCorrectionRecord) => { added: string } | { removed: MergeCorrectionRecord },
  ): Promise<CorrectMergeResult> {
    if (!claim.ok && claim.reason === 'busy') {
      throw new JobRequestError(
        'conflict',
        `Job ${job.id}'s output is being rebuilt as version ${claim.rebuildingVersion} after another correction; try again once that has finished`,
      );
    }
    // The job was there a moment ago: it can only have gone since.
    if (!claim.ok) throw new JobRequestError('not_found', `Job ${job.id} not found`);
    const { outputVersion } = claim;
    try {
      await this.deps.rebuilds.startOutputRebuild({ workspaceId, jobId: job.id, rootJobId, outputVersion });
    } catch (error) {
      this.deps.logger.error(`Could not start the rebuild of job ${job.id} as version ${outputVersion}: ${error}`);
      await this.deps.corrections.revertClaim(workspaceId, job.id, outputVersion, undoOf(claim.correction));
      throw new JobRequestError('unavailable', 'Processing is unavailable right now (Temporal is not reachable); the corrections were left as they were, please retry', {
        cause: error,
      });
    }
    return { jobId: job.id, outputVersion, correction: toMergeCorrectionView(claim.correction) };
  }
}
