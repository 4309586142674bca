import type { DatasetDefinition, PipelineDefinition } from '@sluice/contracts';

import { JobRequestError } from '../job-request-error';
import { legacyJobSpec, type LegacyJobInput } from './legacy-job-spec';

const dataset: DatasetDefinition = { name: 'left', label: 'Left', fields: [{ name: 'key', type: 'string', required: true }] };
const pipeline: PipelineDefinition = { name: 'joined', label: 'Joined', base: 'left', joins: [] };
const input = (extra: Partial<LegacyJobInput>): LegacyJobInput => ({ jobId: 'j', dataset: 'left', files: [], retentionMs: 1, ...extra });

describe('legacyJobSpec', () => {
  it('reads a dataset job from the definition its input carried, with the version the row recorded', () => {
    expect(legacyJobSpec(input({ definition: dataset }), 3)).toEqual({ kind: 'dataset', dataset: { version: 3, definition: dataset }, delivery: null });
  });

  it('reads a pipeline job as version 1 of its pipeline, its datasets unversioned, delivery kept', () => {
    const delivery = { endpointId: 'e', url: 'https://example.com/hook', rateLimit: 10, retryDelaysMs: [1000] };
    expect(legacyJobSpec(input({ dataset: 'joined', pipeline, definitions: { left: dataset }, delivery }), null)).toEqual({
      kind: 'pipeline',
      pipeline: { name: 'joined', version: 1, definition: pipeline },
      datasets: { left: { version: null, definition: dataset } },
      delivery,
    });
  });

  it('falls back to the preset of the same name, and refuses a dataset nothing knows any more', () => {
    expect(legacyJobSpec(input({ dataset: 'sensor_readings' }), 1)).toMatchObject({ kind: 'dataset', dataset: { version: 1, definition: { name: 'sensor_readings' } } });
    const refused = (() => {
      try {
        return legacyJobSpec(input({ dataset: 'gone_dataset' }), 1);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(JobRequestError);
    expect(refused).toMatchObject({ kind: 'conflict', message: 'The job\'s dataset "gone_dataset" is not known any more' });
  });

  it('reads a pipeline job whose input carried no definitions with the presets of the datasets it joins, as its workflow did', () => {
    const people: PipelineDefinition = {
      name: 'joined',
      label: 'Joined',
      base: 'people',
      joins: [{ dataset: 'company', type: 'left', on: [{ left: 'company_domain', right: 'domain' }], columns: [] }],
    };
    const spec = legacyJobSpec(input({ dataset: 'joined', pipeline: people }), null);
    expect(spec.kind === 'pipeline' && Object.keys(spec.datasets).sort()).toEqual(['company', 'people']);
    expect(spec).toMatchObject({ datasets: { people: { version: null, definition: { name: 'people' } }, company: { definition: { name: 'company' } } } });
  });
});
