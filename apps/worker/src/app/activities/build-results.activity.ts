import { createReadStream } from 'node:fs';

import { buildJobResults, type DatasetRows, type JobResultsInput } from '@sluice/analytics';
import type { DatasetDefinition, DeliveryPlan, JobSpec } from '@sluice/contracts';
import { jobSourceOf } from '@sluice/contracts';
import { keptColumns, pipelineDatasets } from '@sluice/core';
import { provenanceKey, recordsKey, resultKey } from '@sluice/storage';
import type { BuildResultsInput, JobResults, ResultSource } from '@sluice/temporal';

import type { ActivityDeps } from './activity-deps';
import { claimAttemptFence } from './attempt-fence';
import { datasetOf, fieldTypesOf, loadSpec, resultShapeOf } from './job-spec';
import { replaceMetricsContribution } from './metrics-contribution';
import { writeRejected } from './rejected-rows';
import { withStagedFiles } from './staged-files';

/** The dataset's fields plus the columns its files keep unmapped. */
function fieldsOf(dataset: DatasetDefinition, sources: ResultSource[]): string[] {
  const kept = sources.flatMap((source) => keptColumns(dataset, source.columns).map((k) => k.header));
  return [...new Set([...dataset.fields.map((f) => f.name), ...kept])];
}

/** What the job's staged files are merged (and joined) as, per its spec. */
function sourceOf(spec: JobSpec, files: ResultSource[], fileOf: (source: ResultSource) => string[]): JobResultsInput['source'] {
  const rowsOf = (dataset: DatasetDefinition, sources: ResultSource[]): DatasetRows => ({
    files: sources.flatMap(fileOf),
    // Records are named by the job file they came from, numbered in upload order (see RecordRef).
    fileNumbers: sources.flatMap((source) => fileOf(source).map(() => files.indexOf(source))),
    fields: fieldsOf(dataset, sources),
    dedupe: dataset.dedupe,
    types: fieldTypesOf(dataset),
  });
  if (spec.kind === 'dataset') return { kind: 'dataset', rows: rowsOf(spec.dataset.definition, files) };
  const { definition } = spec.pipeline;
  const datasets: Record<string, DatasetRows> = {};
  for (const name of pipelineDatasets(definition)) {
    const dataset = datasetOf(spec, name);
    if (!dataset) throw new Error(`Pipeline ${definition.name} joins "${name}", which the job's spec does not hold`);
    // Only files with staged rows bring their kept columns: the others joined nothing.
    datasets[name] = rowsOf(
      dataset,
      files.filter((f) => f.dataset === name && f.stagedKey),
    );
  }
  return { kind: 'pipeline', base: definition.base, joins: definition.joins, datasets };
}

/**
 * Builds a job's results from its staged files, each downloaded once, in one DuckDB pass (see
 * buildJobResults): stores `clean.csv`, `rejected.csv`, the merge's provenance (a dataset that
 * de-duplicates) and, for a delivering job, the records; replaces the job's metrics contribution; and
 * marks delivery started with its batches. Corrections are applied in the merge. A rebuild after a
 * correction (outputVersion above 1) replaces the files and the metrics but delivers nothing again:
 * the webhook received the job's records once, and the failed-delivery list refers to those.
 */
export async function buildResults(deps: ActivityDeps, input: BuildResultsInput): Promise<JobResults> {
  const { workspaceId, jobId, failed, corrections } = input;
  const fence = await claimAttemptFence(deps, workspaceId, jobId, 'buildResults');
  const spec = await loadSpec(deps, workspaceId, jobId);
  const staged = input.files.filter((f) => f.stagedKey);
  const shape = resultShapeOf(spec);
  // A rebuild after a merge correction (outputVersion > 1) replaces results, provenance and metrics,
  // but records are delivered once: the delivered records.ndjson (which failed-delivery replays index) and the
  // delivery's state stay as the job's own build left them.
  const rebuild = (input.outputVersion ?? 1) > 1;
  const built = await withStagedFiles(
    deps,
    jobId,
    staged.map((f) => f.stagedKey as string),
    async (files, scratch) => {
      const fileOf = (source: ResultSource) => (source.stagedKey ? [files[staged.indexOf(source)]] : []);
      const results = await buildJobResults({
        scratch,
        source: sourceOf(spec, input.files, fileOf),
        types: shape.types,
        // A failed job's rows are rejected ones only: nothing to measure or deliver.
        metrics: failed ? null : shape.metrics,
        records: !failed && !rebuild && spec.delivery !== null,
        corrections,
        provenance: !failed,
        provenanceColumns: spec.kind === 'dataset' && spec.provenanceColumns === true,
        resources: deps.duckDb,
      });
      await deps.store.put(resultKey(workspaceId, jobId, 'clean'), createReadStream(results.cleanFile));
      if (results.provenanceFile) await deps.store.put(provenanceKey(workspaceId, jobId), createReadStream(results.provenanceFile), 'application/vnd.apache.parquet');
      if (results.records) await deps.store.put(recordsKey(workspaceId, jobId), createReadStream(results.records.file), 'application/x-ndjson');
      return results;
    },
  );
  await writeRejected(deps, workspaceId, jobId, input.files);
  const metrics = built.daily
    ? await replaceMetricsContribution(deps, workspaceId, { jobId, rootJobId: input.rootJobId, source: jobSourceOf(spec), daily: built.daily, fence })
    : null;
  let plan: DeliveryPlan | null = null;
  if (built.records) {
    plan = { recordsKey: recordsKey(workspaceId, jobId), total: built.records.total, batches: built.records.batches };
    await deps.db.deliveries.markDelivering(workspaceId, jobId, plan.total, fence);
  }
  return { merge: built.merge, metrics, aggregations: built.aggregations, plan };
}
