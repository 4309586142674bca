import type { MetricsConfig } from './metrics';

/** How the right side's rows that share a join key fold into one before the join. */
export const JOIN_AGGREGATES = ['sum', 'min', 'max', 'count', 'any'] as const;
export type JoinAggregate = (typeof JOIN_AGGREGATES)[number];

/** `left` keeps every row of the result so far; `inner` only those the joined dataset matches. */
export const JOIN_TYPES = ['left', 'inner'] as const;
export type JoinType = (typeof JOIN_TYPES)[number];

/** Where a stored pipeline comes from: shipped with Sluice (until saved) or saved by a user. */
export const PIPELINE_ORIGINS = ['preset', 'custom'] as const;
export type PipelineOrigin = (typeof PIPELINE_ORIGINS)[number];

export interface JoinColumn {
  /** A field of the joined dataset. */
  field: string;
  /** How several rows for one key combine; `any` when the right side is unique per key. */
  aggregate: JoinAggregate;
  /** The column's name in the result when `field` is taken already. */
  as?: string;
}

export interface JoinStep {
  dataset: string;
  type: JoinType;
  /** Column pairs that must be equal: `left` names a column of the result so far, `right` a field of `dataset`. */
  on: { left: string; right: string }[];
  /** Columns the join adds to the result. */
  columns: JoinColumn[];
}

/** Several datasets' files joined into one result ("final sheet"), declaratively; the joins run in DuckDB. */
export interface PipelineDefinition {
  name: string;
  label: string;
  /** The dataset every result row comes from. */
  base: string;
  joins: JoinStep[];
  metrics?: MetricsConfig;
}

/** A pipeline as the API keeps it. */
export interface StoredPipeline {
  definition: PipelineDefinition;
  origin: PipelineOrigin;
  updatedAt: string;
}
