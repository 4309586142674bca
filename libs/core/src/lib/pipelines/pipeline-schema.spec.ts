import type { PipelineDefinition } from '@sluice/contracts';

import { findDataset } from '../datasets/dataset-registry';
import { checkPipelineDefinition, inDocumentedOrder } from './pipeline-schema';
import { pipelineColumns } from './pipeline-columns';
import { emailEngagementPipeline } from './presets/email-engagement.pipeline';

const check = (input: unknown) => checkPipelineDefinition(input, findDataset);
const problemsOf = (input: unknown) => {
  const result = check(input);
  return result.ok ? [] : result.problems;
};
const withJoin = (change: Partial<PipelineDefinition['joins'][number]>): PipelineDefinition => ({
  ...emailEngagementPipeline,
  joins: [{ ...emailEngagementPipeline.joins[0], ...change }],
  metrics: undefined,
});

describe('pipeline definitions', () => {
  it('accepts the seed 000 preset and types its result columns', () => {
    expect(check(emailEngagementPipeline).ok).toBe(true);
    const columns = pipelineColumns(emailEngagementPipeline, findDataset);
    expect(Object.keys(columns).slice(0, 3)).toEqual(['recipient_email', 'domain', 'date_sent']);
    expect(columns).toMatchObject({ open_count: 'int', clicks: 'int', region: 'string', employee_count: 'int' });
  });

  it('refuses unknown datasets and key columns', () => {
    expect(problemsOf({ ...emailEngagementPipeline, base: 'nope' })).toContainEqual({ path: 'base', message: 'names no dataset ("nope")' });
    expect(problemsOf(withJoin({ dataset: 'ghosts' }))).toContainEqual({ path: 'joins.0.dataset', message: 'names no dataset ("ghosts")' });
    expect(problemsOf(withJoin({ on: [{ left: 'email', right: 'recipient_email' }] }))).toContainEqual({
      path: 'joins.0.on.0.left',
      message: 'names no column of the result so far ("email")',
    });
    expect(problemsOf(withJoin({ on: [] }))).toContainEqual({ path: 'joins.0.on', message: 'needs at least one key pair' });
  });

  it('refuses a column added twice and a sum over text', () => {
    expect(problemsOf(withJoin({ columns: [{ field: 'recipient_email', aggregate: 'any' }] }))[0]).toEqual({
      path: 'joins.0.columns.0.field',
      message: 'the result already has a column "recipient_email"; name it with "as"',
    });
    expect(check(withJoin({ columns: [{ field: 'recipient_email', aggregate: 'count', as: 'open_rows' }] })).ok).toBe(true);
    expect(problemsOf(withJoin({ columns: [{ field: 'device', aggregate: 'sum' }] }))).toContainEqual({
      path: 'joins.0.columns.0.aggregate',
      message: 'sum needs an int or decimal field; "device" is string',
    });
  });

  it('checks metrics against the joined columns', () => {
    const metrics = {
      ...emailEngagementPipeline.metrics!,
      dimensions: ['planet'],
      metrics: [
        { name: 'spend', op: 'sum' as const, field: 'campaign' },
        { name: 'r', ratio: { numerator: 'spend', denominator: 'missing' } },
      ],
    };
    const problems = problemsOf({ ...emailEngagementPipeline, metrics });
    expect(problems.map((p) => p.path)).toEqual(['metrics.dimensions.0', 'metrics.metrics.0.field', 'metrics.metrics.1.ratio.denominator']);
    expect(problems[1].message).toBe('"campaign" is string; sum needs an int or decimal field');
    expect(problemsOf({ ...emailEngagementPipeline, metrics: { ...emailEngagementPipeline.metrics, timeZone: 'Mars/Olympus' } })).toEqual([
      { path: 'metrics.timeZone', message: 'is not a known IANA time zone' },
    ]);
  });

  it("puts a stored definition's keys back in the documented order, and leaves one it cannot read alone", () => {
    const { name, label, base, joins, metrics } = emailEngagementPipeline;
    const [join] = joins;
    const shuffled = { metrics, joins: [{ columns: join.columns, on: join.on, type: join.type, dataset: join.dataset }], base, name, label } as PipelineDefinition;
    const ordered = inDocumentedOrder(shuffled);
    expect(Object.keys(ordered)).toEqual(['name', 'label', 'base', 'joins', 'metrics']);
    expect(Object.keys(ordered.joins[0])).toEqual(['dataset', 'type', 'on', 'columns']);
    expect(ordered).toEqual(shuffled);
    const unreadable = { ...shuffled, extra: true } as PipelineDefinition;
    expect(inDocumentedOrder(unreadable)).toBe(unreadable);
  });
});
