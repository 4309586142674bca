import { checkDatasetDefinition } from './dataset-schema';
import { listDatasets } from './dataset-registry';

describe('checkDatasetDefinition', () => {
  it('accepts every preset', () => {
    for (const dataset of listDatasets()) expect(checkDatasetDefinition(dataset)).toEqual({ ok: true, definition: dataset });
  });

  it('reports each problem with its path', () => {
    const result = checkDatasetDefinition({
      name: 'Leads',
      label: '',
      fields: [
        { name: 'email', type: 'email', required: true },
        { name: 'email', type: 'phone', required: 'yes' },
        { name: 'domain', type: 'string', required: false, deriveDomainFrom: ['mail'] },
      ],
      matchThreshold: 120,
      dedupe: { keys: [['emails']], policy: 'newest' },
      extra: true,
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'name: must be lower_snake_case, starting with a letter',
        'label: must not be empty',
        expect.stringMatching(/^fields\.1\.type: /),
        expect.stringMatching(/^fields\.1\.required: /),
        expect.stringMatching(/^matchThreshold: /),
        expect.stringMatching(/^dedupe\.policy: /),
        expect.stringMatching(/^\(root\): .*extra/),
      ]),
    );
  });

  it('checks cross-references once the shape is right', () => {
    const result = checkDatasetDefinition({
      name: 'leads',
      label: 'Leads',
      fields: [
        { name: 'email', type: 'email', required: true },
        { name: 'email', type: 'string', required: false },
        { name: 'site', type: 'string', required: false, deriveDomainFrom: ['mail'] },
      ],
      dedupe: { keys: [['emails']], policy: 'first' },
    });
    expect(result.ok ? [] : result.problems).toEqual([
      { path: 'fields.1.name', message: 'duplicates field "email"' },
      { path: 'fields.2.deriveDomainFrom.0', message: 'names no field of this dataset ("mail")' },
      { path: 'fields.2.deriveDomainFrom', message: 'only a domain field can be derived' },
      { path: 'dedupe.keys.0.0', message: 'names no field of this dataset ("emails")' },
    ]);
  });
});
