import type { MetricsConfig } from './metrics';

/** How the right side's rows that share a join key fold into one before the join. */
export type JoinAggregate = 'sum' | 'min' | 'max' | 'count' | 'any';

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
  type: 'left' | 'inner';
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

/** A pipeline as the API keeps it: shipped with Sluice (`preset`, until saved) or saved by a user (`custom`). */
export interface StoredPipeline {
  definition: PipelineDefinition;
  origin: 'preset' | 'custom';
  updatedAt: string;
}
