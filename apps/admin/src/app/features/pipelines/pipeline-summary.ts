import type { PipelineDefinition } from '@sluice/contracts';

/** One readable line per join step, e.g. "left join email_opens on recipient_email = recipient_email, adding open_count (sum)". */
export function describeJoins(pipeline: PipelineDefinition): string[] {
  return pipeline.joins.map((join) => {
    const on = join.on.map((pair) => (pair.left === pair.right ? pair.left : `${pair.left} = ${pair.right}`)).join(' and ');
    const columns = join.columns.map((c) => `${c.as ? `${c.field} as ${c.as}` : c.field} (${c.aggregate})`).join(', ');
    return `${join.type} join ${join.dataset} on ${on}${columns ? `, adding ${columns}` : ''}`;
  });
}

/** A definition to start from: the first join of a pipeline, to be filled in. */
export function pipelineTemplate(datasets: string[]): PipelineDefinition {
  return {
    name: 'my_pipeline',
    label: 'My pipeline',
    base: datasets[0] ?? 'email_sends',
    joins: [{ dataset: datasets[1] ?? 'email_opens', type: 'left', on: [{ left: 'key_in_base', right: 'key_in_joined' }], columns: [{ field: 'a_field', aggregate: 'any' }] }],
  };
}
