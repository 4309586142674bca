import type { DatasetDefinition, FieldType, JoinColumn, PipelineDefinition } from '@sluice/contracts';

/** The type a joined column has after its rows are folded: a count is an int whatever it counted. */
export function joinedColumnType(column: JoinColumn, fieldType: FieldType): FieldType {
  return column.aggregate === 'count' ? 'int' : fieldType;
}

/** The result's columns in order with their types: the base dataset's fields, then each join's columns. */
export function pipelineColumns(pipeline: PipelineDefinition, datasetOf: (name: string) => DatasetDefinition | undefined): Record<string, FieldType> {
  const columns: Record<string, FieldType> = {};
  for (const field of datasetOf(pipeline.base)?.fields ?? []) columns[field.name] = field.type;
  for (const join of pipeline.joins) {
    const fields = datasetOf(join.dataset)?.fields ?? [];
    for (const column of join.columns) {
      const type = fields.find((f) => f.name === column.field)?.type;
      if (type) columns[column.as ?? column.field] = joinedColumnType(column, type);
    }
  }
  return columns;
}

/** Every dataset a pipeline reads, base first. */
export function pipelineDatasets(pipeline: PipelineDefinition): string[] {
  return [pipeline.base, ...pipeline.joins.map((j) => j.dataset)];
}
