import { describeEvidence, formatShare, mergeGroupGrid, recordLabel } from './merge-group-grid';
import { JANE, JOHN } from './merge-review.fixtures';

describe('mergeGroupGrid', () => {
  it('lays a group out field by field: the survivor, then each member, empty fields left out', () => {
    const rows = mergeGroupGrid(JANE);
    expect(rows.map((row) => row.field)).toEqual(['first_name', 'last_name', 'email', 'job_title', 'person_location']);
    expect(rows.map((row) => [row.survivor, ...row.cells.map((cell) => cell.value)])).toEqual([
      ['Jane', 'Jane', 'Jane'],
      ['Doe', 'Doe', 'Doe'],
      ['jane@acme.com', 'jane@acme.com', 'jane@acme.com'],
      ['VP Sales', 'VP Sales', 'Sales lead'],
      ['London', null, 'London'],
    ]);
  });

  it('marks the cells the survivor took and the ones that disagree with it', () => {
    const title = mergeGroupGrid(JANE).find((row) => row.field === 'job_title');
    expect(title?.conflict).toEqual({ field: 'job_title', values: ['VP Sales', 'Sales lead'], strong: false });
    expect(title?.cells).toEqual([
      { value: 'VP Sales', contributed: true, conflicting: false },
      { value: 'Sales lead', contributed: false, conflicting: true },
    ]);
    const location = mergeGroupGrid(JANE).find((row) => row.field === 'person_location');
    expect(location?.cells.map((cell) => [cell.contributed, cell.conflicting])).toEqual([
      [false, false],
      [true, false],
    ]);
  });

  it('keeps fields only members hold, after the survivor’s', () => {
    const group = { ...JANE, members: [JANE.members[0], { ...JANE.members[1], values: { ...JANE.members[1].values, notes: 'met at the fair' } }] };
    expect(mergeGroupGrid(group).at(-1)).toMatchObject({ field: 'notes', survivor: null, cells: [{ value: null }, { value: 'met at the fair' }] });
  });
});

describe('describeEvidence', () => {
  it.each([
    [JANE.members[0], 'First record of the group'],
    [JANE.members[1], 'Same key: email'],
    [JOHN.members[1], 'Probabilistic match: last_name + company_domain ≈ first_name, probability 87.3 %'],
    [{ ...JANE.members[1], reason: 'fuzzy' as const, matchedOn: 'last_name ≈ (0.93) + date_of_birth' }, 'Similar name: last_name ≈ (0.93) + date_of_birth'],
    [{ ...JANE.members[1], reason: 'correction' as const, matchedOn: null }, 'Joined by a correction'],
  ])('says why a record is in its group (%#)', (member, expected) => expect(describeEvidence(member)).toBe(expected));
});

describe('formatShare and recordLabel', () => {
  it('shows 100 % only for certainty', () => {
    expect([1, 0.9999, 0.8734, 0].map(formatShare)).toEqual(['100 %', '99.9 %', '87.3 %', '0.0 %']);
  });

  it('names a record by its file and line', () => expect(recordLabel(JANE.members[1])).toBe('crm.csv line 2'));
});
