import type { DatasetDefinition, PipelineDefinition } from '@sluice/contracts';
import { JOIN_AGGREGATES, JOIN_TYPES } from '@sluice/contracts';
import { z } from 'zod';

import type { DefinitionProblem } from '../datasets/dataset-schema';
import { metricsConfigSchema, metricsProblems } from '../metrics/metrics-schema';
import { pipelineColumns } from './pipeline-columns';

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** A pipeline definition's structure; whether it fits its datasets is checkPipelineDefinition's part. */
export const pipelineDefinitionSchema = z
  .object({
    name: z.string().regex(NAME, 'must be lower_snake_case, starting with a letter'),
    label: z.string().trim().min(1, 'must not be empty'),
    base: z.string(),
    joins: z.array(
      z
        .object({
          dataset: z.string(),
          type: z.enum(JOIN_TYPES),
          on: z.array(z.object({ left: z.string(), right: z.string() }).strict()).min(1, 'needs at least one key pair'),
          columns: z.array(z.object({ field: z.string(), aggregate: z.enum(JOIN_AGGREGATES), as: z.string().regex(NAME, 'must be lower_snake_case').optional() }).strict()),
        })
        .strict(),
    ),
    metrics: metricsConfigSchema.optional(),
  })
  .strict();

export type PipelineCheck = { ok: true; definition: PipelineDefinition } | { ok: false; problems: DefinitionProblem[] };

const at = (path: PropertyKey[]) => path.map(String).join('.') || '(root)';

/** Checks a pipeline against the datasets it names: keys and columns exist, no column is added twice, sums are numeric. */
export function checkPipelineDefinition(input: unknown, datasetOf: (name: string) => DatasetDefinition | undefined): PipelineCheck {
  const parsed = pipelineDefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: at(issue.path), message: issue.message })) };
  const pipeline = parsed.data as PipelineDefinition;
  const problems: DefinitionProblem[] = [];
  const base = datasetOf(pipeline.base);
  if (!base) problems.push({ path: 'base', message: `names no dataset ("${pipeline.base}")` });
  const columns = new Set(base?.fields.map((f) => f.name) ?? []);
  const seen = new Set([pipeline.base]);
  pipeline.joins.forEach((join, j) => {
    const dataset = datasetOf(join.dataset);
    if (!dataset) return problems.push({ path: at(['joins', j, 'dataset']), message: `names no dataset ("${join.dataset}")` });
    if (seen.has(join.dataset)) problems.push({ path: at(['joins', j, 'dataset']), message: `"${join.dataset}" is joined twice` });
    seen.add(join.dataset);
    const fieldOf = (name: string) => dataset.fields.find((f) => f.name === name);
    join.on.forEach((pair, k) => {
      if (!columns.has(pair.left)) problems.push({ path: at(['joins', j, 'on', k, 'left']), message: `names no column of the result so far ("${pair.left}")` });
      if (!fieldOf(pair.right)) problems.push({ path: at(['joins', j, 'on', k, 'right']), message: `names no field of ${join.dataset} ("${pair.right}")` });
    });
    join.columns.forEach((column, c) => {
      const field = fieldOf(column.field);
      if (!field) return problems.push({ path: at(['joins', j, 'columns', c, 'field']), message: `names no field of ${join.dataset} ("${column.field}")` });
      if (['sum'].includes(column.aggregate) && !['int', 'decimal'].includes(field.type)) {
        problems.push({ path: at(['joins', j, 'columns', c, 'aggregate']), message: `sum needs an int or decimal field; "${column.field}" is ${field.type}` });
      }
      const name = column.as ?? column.field;
      if (columns.has(name))
        problems.push({ path: at(['joins', j, 'columns', c, column.as ? 'as' : 'field']), message: `the result already has a column "${name}"; name it with "as"` });
      columns.add(name);
    });
  });
  if (pipeline.metrics && problems.length === 0) {
    for (const problem of metricsProblems(pipeline.metrics, pipelineColumns(pipeline, datasetOf)))
      problems.push({ path: at(['metrics', ...problem.path]), message: problem.message });
  }
  return problems.length ? { ok: false, problems } : { ok: true, definition: pipeline };
}

/** The definition with its keys in the documented order (name, label, base, joins, metrics): Postgres' JSONB keeps its own order. */
export function inDocumentedOrder(definition: PipelineDefinition): PipelineDefinition {
  const parsed = pipelineDefinitionSchema.safeParse(definition);
  return parsed.success ? (parsed.data as PipelineDefinition) : definition;
}
