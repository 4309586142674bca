import type { DatasetDefinition } from '../datasets/dataset-definition';
import { emailSendsDataset } from '../datasets/presets/email-campaign.datasets';
import { peopleDataset } from '../datasets/presets/people.dataset';
import { mapDatasetHeader, resolveHeaderLayout } from './header-layout';

const fieldsOf = (columns: { header: string; field: string | null; method: string }[]) => columns.map((c) => [c.header, c.field, c.method]);

describe('mapDatasetHeader', () => {
  it('keeps its old call shape', () => {
    const preview = mapDatasetHeader(peopleDataset, ['Email', 'Organization Name']);
    expect(fieldsOf(preview.columns)).toEqual([
      ['Email', 'email', 'exact'],
      ['Organization Name', 'company_name', 'exact'],
    ]);
    expect(preview).toMatchObject({ missingRequired: [], duplicateHeaders: [], renamed: [] });
    expect(preview.error).toBeUndefined();
  });

  it('leaves a header it is unsure of unmapped, with the fields it could be and their scores', () => {
    const { columns } = mapDatasetHeader(emailSendsDataset, ['Email', 'Send Timestamp']);
    expect(columns[1]).toMatchObject({ field: null, method: 'unmapped' });
    expect(columns[1].candidates?.[0]).toEqual({ field: 'date_sent', score: expect.any(Number) });
    expect(columns[1].candidates!.length).toBeLessThanOrEqual(3);
    expect(columns[1].candidates![0].score).toBeGreaterThanOrEqual(60);
  });

  it('lets sample values decide between a header and the field of their kind', () => {
    const samples = [
      ['a@x.io', '2024-01-31'],
      ['b@y.io', '2024-02-01'],
      ['c@z.io', '2024-02-02'],
    ];
    const { columns } = mapDatasetHeader(emailSendsDataset, ['Email', 'Send Timestamp'], { samples });
    expect(columns[1]).toMatchObject({ field: 'date_sent', method: 'hint' });
    expect(columns[1].score).toBeGreaterThanOrEqual(60);
  });

  it('maps a column of emails to the one email field left, whatever its header', () => {
    const samples = [['a@x.io'], ['b@y.io'], ['c@z.io']];
    expect(mapDatasetHeader(peopleDataset, ['Contact'], { samples }).columns[0]).toMatchObject({ field: 'email', method: 'hint' });
    expect(mapDatasetHeader(peopleDataset, ['Contact']).columns[0]).toMatchObject({ field: null });
  });

  it('keeps a column whose values contradict a field from it by similarity', () => {
    // "Employee Cnt" resembles the employee count: numbers confirm it, words rule it out.
    expect(mapDatasetHeader(peopleDataset, ['Employee Cnt']).columns[0]).toMatchObject({ field: 'company_employee_count', method: 'fuzzy' });
    const numbers = mapDatasetHeader(peopleDataset, ['Employee Cnt'], { samples: [['12'], ['1,200'], ['40']] }).columns[0];
    expect(numbers).toMatchObject({ field: 'company_employee_count', method: 'fuzzy' });
    const words = mapDatasetHeader(peopleDataset, ['Employee Cnt'], { samples: [['many'], ['a few'], ['lots']] }).columns[0];
    expect(words).toMatchObject({ field: null, method: 'unmapped' });
    expect(words.candidates?.map((c) => c.field) ?? []).not.toContain('company_employee_count');
  });

  it('lets sample values settle a header that resembles two fields alike', () => {
    // "Employes" is as near "employer" (the company) as "employees".
    const alone = mapDatasetHeader(peopleDataset, ['Employes']).columns[0];
    expect(alone).toMatchObject({ field: null, method: 'unmapped' });
    expect(alone.candidates?.slice(0, 2).map((c) => c.field)).toEqual(['company_name', 'company_employee_count']);
    expect(mapDatasetHeader(peopleDataset, ['Employes'], { samples: [['12'], ['1,200'], ['40']] }).columns[0]).toMatchObject({
      field: 'company_employee_count',
      method: 'hint',
      score: 93,
    });
  });

  it('does not guess between two fields a header resembles equally', () => {
    const dataset: DatasetDefinition = {
      name: 'addresses',
      label: 'Addresses',
      fields: [
        { name: 'address_line_1', type: 'string', required: false },
        { name: 'address_line_2', type: 'string', required: false },
      ],
    };
    const [column] = mapDatasetHeader(dataset, ['Address Line']).columns;
    expect(column).toMatchObject({ field: null, method: 'unmapped' });
    expect(column.candidates?.map((c) => c.field)).toEqual(['address_line_1', 'address_line_2']);
  });

  it('applies overrides by header as written: a field (score 100), or unmapped', () => {
    const { columns, error } = mapDatasetHeader(peopleDataset, ['Email', ' Notes ', 'Company'], { overrides: { Notes: 'company_description', Email: null, Missing: 'email' } });
    expect(error).toBeUndefined();
    expect(columns.map((c) => [c.header, c.field, c.method, c.score])).toEqual([
      ['Email', null, 'unmapped', 0],
      [' Notes ', 'company_description', 'override', 100],
      ['Company', 'company_name', 'synonym', 100],
    ]);
  });

  it('gives an override the field over a column that would have matched it by name', () => {
    const { columns } = mapDatasetHeader(peopleDataset, ['Email', 'Work Address'], { overrides: { 'Work Address': 'email' } });
    expect(fieldsOf(columns)).toEqual([
      ['Email', null, 'unmapped'],
      ['Work Address', 'email', 'override'],
    ]);
    expect(columns[0].candidates?.[0]).toEqual({ field: 'email', score: 100 });
  });

  it('says which override names no field, or gives one field two columns', () => {
    expect(mapDatasetHeader(peopleDataset, ['Email'], { overrides: { Email: 'e_mail' } }).error).toBe('Column "Email" is mapped to "e_mail", which is not a field of "people"');
    expect(resolveHeaderLayout(peopleDataset, ['Email'], { overrides: { Email: 'e_mail' } })).toEqual({
      ok: false,
      error: 'Column "Email" is mapped to "e_mail", which is not a field of "people"',
    });
    expect(mapDatasetHeader(peopleDataset, ['A', 'B'], { overrides: { A: 'email', B: 'email' } }).error).toBe(
      'Columns "A", "B" are all mapped to "email"; a field takes one column',
    );
  });
});

describe('resolveHeaderLayout', () => {
  it('renames repeated headers instead of refusing the file, and reports the renames', () => {
    const result = resolveHeaderLayout({ ...peopleDataset, keepUnmapped: true }, ['Email', 'Name', 'email', 'Name']);
    if (!result.ok) throw new Error(result.error);
    expect(result.layout.renamed).toEqual([
      { index: 2, from: 'email', to: 'email_2' },
      { index: 3, from: 'Name', to: 'Name_2' },
    ]);
    expect(fieldsOf(result.layout.columns)).toEqual([
      ['Email', 'email', 'exact'],
      ['Name', 'full_name', 'synonym'],
      ['email_2', null, 'unmapped'],
      ['Name_2', null, 'unmapped'],
    ]);
    expect(result.layout.kept).toEqual([
      { header: 'email_2', index: 2 },
      { header: 'Name_2', index: 3 },
    ]);
  });

  it('overrides a repeated header by its new name', () => {
    const result = resolveHeaderLayout(peopleDataset, ['Email', 'Email'], { overrides: { Email_2: null, Email: 'email' } });
    if (!result.ok) throw new Error(result.error);
    expect(fieldsOf(result.layout.columns)).toEqual([
      ['Email', 'email', 'override'],
      ['Email_2', null, 'unmapped'],
    ]);
  });
});
