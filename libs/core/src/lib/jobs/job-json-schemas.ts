import type {
  ColumnMappingView,
  DatasetDefinition,
  DeliveryOptions,
  JobAggregations,
  JobDataset,
  JobSpec,
  MergeStatsView,
  MetricsConfig,
  MetricsSummary,
  PipelineDefinition,
} from '@sluice/contracts';
import { z } from 'zod';

import { datasetDefinitionSchema } from '../datasets/dataset-schema';
import { fileReadingOptionsSchema } from '../intake/reading-options-schema';
import { metricsConfigSchema } from '../metrics/metrics-schema';
import { pipelineDefinitionSchema } from '../pipelines/pipeline-schema';

// The shapes of what Sluice keeps in JSON columns. Each schema is typed with the contract it reads
// into, so the compiler keeps the two in step; what a column holds is checked on every read.

export const storedDatasetDefinitionSchema: z.ZodType<DatasetDefinition> = datasetDefinitionSchema;
export const storedPipelineDefinitionSchema: z.ZodType<PipelineDefinition> = pipelineDefinitionSchema;
export const storedMetricsConfigSchema: z.ZodType<MetricsConfig> = metricsConfigSchema;

export const deliveryOptionsSchema: z.ZodType<DeliveryOptions> = z.object({
  endpointId: z.string(),
  url: z.string(),
  rateLimit: z.number().nullable(),
  retryDelaysMs: z.array(z.number()),
});

const jobDatasetSchema: z.ZodType<JobDataset> = z.object({ version: z.number().int().nullable(), definition: storedDatasetDefinitionSchema });

export const jobSpecSchema: z.ZodType<JobSpec> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('dataset'),
    dataset: jobDatasetSchema,
    delivery: deliveryOptionsSchema.nullable(),
    reading: fileReadingOptionsSchema.optional(),
    provenanceColumns: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('pipeline'),
    pipeline: z.object({ name: z.string(), version: z.number().int(), definition: storedPipelineDefinitionSchema }),
    datasets: z.record(z.string(), jobDatasetSchema),
    delivery: deliveryOptionsSchema.nullable(),
    reading: fileReadingOptionsSchema.optional(),
    provenanceColumns: z.boolean().optional(),
  }),
]);

export const mergeStatsSchema: z.ZodType<MergeStatsView> = z.object({
  rowsIn: z.number(),
  rowsOut: z.number(),
  duplicatesRemoved: z.number(),
  fieldsMerged: z.number(),
  conflicts: z.number(),
  matched: z.record(z.string(), z.number()).optional(),
  groups: z.number().optional(),
  flaggedGroups: z.number().optional(),
});

export const columnMappingsSchema: z.ZodType<ColumnMappingView[]> = z.array(
  z.object({
    header: z.string(),
    index: z.number(),
    field: z.string().nullable(),
    score: z.number(),
    method: z.enum(['exact', 'synonym', 'fuzzy', 'hint', 'override', 'unmapped']),
    candidates: z.array(z.object({ field: z.string(), score: z.number() })).optional(),
  }),
);

export const jobAggregationsSchema: z.ZodType<JobAggregations> = z.object({
  row_count: z.number(),
  min_value: z.number().nullable(),
  max_value: z.number().nullable(),
  per_sensor_count: z.record(z.string(), z.number()),
  sensors_total: z.number().optional(),
});

export const metricsSummarySchema: z.ZodType<MetricsSummary> = z.object({
  source: z.string(),
  rows: z.number(),
  rowsWithoutDate: z.number(),
  days: z.number(),
  firstDay: z.string().nullable(),
  lastDay: z.string().nullable(),
});

/** Values changed per cleaning rule. */
export const cleaningCountsSchema: z.ZodType<Record<string, number>> = z.record(z.string(), z.number());
