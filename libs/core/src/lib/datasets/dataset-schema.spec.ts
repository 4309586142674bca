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

  describe('dedupe', () => {
    const FIELDS = [
      { name: 'given_name', type: 'string', required: false },
      { name: 'surname', type: 'string', required: false },
      { name: 'date_of_birth', type: 'date', required: false },
      { name: 'ssn', type: 'string', required: false },
      { name: 'postcode', type: 'string', required: false },
      { name: 'active', type: 'bool', required: false },
    ];
    const PROBABILISTIC = {
      mode: 'probabilistic',
      keys: [],
      policy: 'most_complete',
      strongIdentifiers: ['ssn'],
      probabilistic: {
        blocking: [['surname'], ['date_of_birth', 'postcode']],
        comparisons: [
          { field: 'given_name', kind: 'name', termFrequency: true },
          { field: 'surname', kind: 'name', termFrequency: true },
          { field: 'date_of_birth', kind: 'date' },
          { field: 'ssn', kind: 'text' },
          { field: 'postcode', kind: 'exact' },
        ],
        threshold: 0.9,
      },
    };
    const RULES = {
      keys: [['ssn'], ['surname', 'date_of_birth']],
      policy: 'first',
      fuzzy: { field: 'surname', blockBy: 'date_of_birth', threshold: 88, confirmBy: ['given_name', 'postcode'] },
      strongIdentifiers: ['ssn'],
    };
    const check = (dedupe: unknown) => checkDatasetDefinition({ name: 'people', label: 'People', fields: FIELDS, dedupe });
    const problems = (dedupe: unknown) => {
      const result = check(dedupe);
      return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
    };

    it('keeps every member of a valid probabilistic or rules configuration', () => {
      for (const dedupe of [PROBABILISTIC, RULES, { ...RULES, mode: 'rules' }]) expect(check(dedupe)).toEqual({ ok: true, definition: expect.objectContaining({ dedupe }) });
    });

    it('needs the settings of the mode it names, and refuses those of the other', () => {
      expect(problems({ ...PROBABILISTIC, mode: 'fuzzy' })).toEqual([expect.stringMatching(/^dedupe\.mode: /)]);
      expect(problems({ ...PROBABILISTIC, probabilistic: undefined })).toEqual(['dedupe.probabilistic: is required when mode is "probabilistic"']);
      expect(problems({ ...RULES, probabilistic: PROBABILISTIC.probabilistic })).toEqual(['dedupe.probabilistic: is only used when mode is "probabilistic"']);
      expect(problems({ ...PROBABILISTIC, fuzzy: RULES.fuzzy })).toEqual([
        'dedupe.fuzzy: is only used in rules mode; probabilistic mode compares names through its comparisons (kind "name")',
      ]);
      // Keys are what rules mode matches on; probabilistic mode needs none.
      expect(problems({ ...RULES, keys: [] })).toEqual(['dedupe.keys: needs at least one key']);
      expect(problems({ ...PROBABILISTIC, keys: [] })).toEqual([]);
    });

    it('checks blocking rules: at least one, each with known fields, none repeated', () => {
      const blocking = (rules: unknown) => problems({ ...PROBABILISTIC, probabilistic: { ...PROBABILISTIC.probabilistic, blocking: rules } });
      expect(blocking([])).toEqual(['dedupe.probabilistic.blocking: needs at least one blocking rule']);
      expect(blocking([['surname'], []])).toEqual(['dedupe.probabilistic.blocking.1: needs at least one field']);
      expect(blocking([['surname', 'zip']])).toEqual(['dedupe.probabilistic.blocking.0.1: names no field of this dataset ("zip")']);
      expect(blocking([['surname', 'surname']])).toEqual(['dedupe.probabilistic.blocking.0.1: names "surname" twice']);
      expect(blocking(Array.from({ length: 21 }, () => ['surname']))).toEqual(['dedupe.probabilistic.blocking: may have at most 20 blocking rules']);
    });

    it('checks comparisons: at least one, known fields of a readable type, a known kind, each field once', () => {
      const comparisons = (list: unknown) => problems({ ...PROBABILISTIC, probabilistic: { ...PROBABILISTIC.probabilistic, comparisons: list } });
      expect(comparisons([])).toEqual(['dedupe.probabilistic.comparisons: needs at least one comparison']);
      expect(comparisons([{ field: 'email', kind: 'exact' }])).toEqual(['dedupe.probabilistic.comparisons.0.field: names no field of this dataset ("email")']);
      expect(comparisons([{ field: 'surname', kind: 'soundex' }])).toEqual([expect.stringMatching(/^dedupe\.probabilistic\.comparisons\.0\.kind: /)]);
      expect(comparisons([{ field: 'surname', kind: 'name', termFrequency: 'yes' }])).toEqual([expect.stringMatching(/^dedupe\.probabilistic\.comparisons\.0\.termFrequency: /)]);
      expect(comparisons([{ field: 'surname', kind: 'name', weight: 2 }])).toEqual([expect.stringMatching(/^dedupe\.probabilistic\.comparisons\.0: .*weight/)]);
      expect(
        comparisons([
          { field: 'surname', kind: 'name' },
          { field: 'surname', kind: 'text' },
        ]),
      ).toEqual(['dedupe.probabilistic.comparisons.1.field: compares "surname" a second time']);
      expect(
        comparisons([
          { field: 'active', kind: 'date' },
          { field: 'date_of_birth', kind: 'number' },
          { field: 'active', kind: 'exact' },
        ]),
      ).toEqual([
        // Repeats are found with the shape, field types with the dataset's fields.
        'dedupe.probabilistic.comparisons.2.field: compares "active" a second time',
        'dedupe.probabilistic.comparisons.0.field: a date comparison cannot read "active", a bool field',
        'dedupe.probabilistic.comparisons.1.field: a number comparison cannot read "date_of_birth", a date field',
      ]);
    });

    it('takes a threshold strictly between 0 and 1', () => {
      const threshold = (value: unknown) => problems({ ...PROBABILISTIC, probabilistic: { ...PROBABILISTIC.probabilistic, threshold: value } });
      expect(threshold(0)).toEqual(['dedupe.probabilistic.threshold: must be above 0']);
      expect(threshold(1)).toEqual(['dedupe.probabilistic.threshold: must be below 1 (a match probability)']);
      expect(threshold(95)).toEqual(['dedupe.probabilistic.threshold: must be below 1 (a match probability)']);
      expect(threshold(0.999)).toEqual([]);
      expect(problems({ ...PROBABILISTIC, probabilistic: { ...PROBABILISTIC.probabilistic, threshold: undefined } })).toEqual([]);
    });

    it('checks what confirms a fuzzy match: known fields, not the name itself, not the block every pair shares', () => {
      const confirmBy = (list: unknown) => problems({ ...RULES, fuzzy: { ...RULES.fuzzy, confirmBy: list } });
      expect(confirmBy([])).toEqual(['dedupe.fuzzy.confirmBy: needs at least one field']);
      expect(confirmBy(['given_name', 'phone'])).toEqual(['dedupe.fuzzy.confirmBy.1: names no field of this dataset ("phone")']);
      expect(confirmBy(['surname'])).toEqual(['dedupe.fuzzy.confirmBy.0: cannot confirm a fuzzy match on "surname" with "surname" itself']);
      expect(confirmBy(['date_of_birth'])).toEqual(['dedupe.fuzzy.confirmBy.0: cannot be the blockBy field ("date_of_birth"): every compared pair shares it']);
      expect(confirmBy(['ssn', 'ssn'])).toEqual(['dedupe.fuzzy.confirmBy.1: names "ssn" twice']);
    });

    it('checks strong identifiers: known fields, each once', () => {
      expect(problems({ ...RULES, strongIdentifiers: [] })).toEqual(['dedupe.strongIdentifiers: needs at least one field']);
      expect(problems({ ...RULES, strongIdentifiers: ['ssn', 'passport'] })).toEqual(['dedupe.strongIdentifiers.1: names no field of this dataset ("passport")']);
      expect(problems({ ...RULES, strongIdentifiers: ['ssn', 'ssn'] })).toEqual(['dedupe.strongIdentifiers.1: names "ssn" twice']);
    });
  });
});
