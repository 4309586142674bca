import { correctionProblem, describeRecords } from './correction-rules';

describe('a merge correction, before its records are looked up', () => {
  const files = ['crm.csv', 'events.csv'];

  it('passes a split of one record and a join of two', () => {
    expect(correctionProblem({ kind: 'split', records: [{ file: 1, line: 3 }] }, files)).toBeNull();
    expect(
      correctionProblem(
        {
          kind: 'join',
          records: [
            { file: 0, line: 4 },
            { file: 1, line: 4 },
          ],
        },
        files,
      ),
    ).toBeNull();
  });

  it('needs a record to split and two to join', () => {
    expect(correctionProblem({ kind: 'split', records: [] }, files)).toBe('A split needs at least one record: the records to take out of their group');
    expect(correctionProblem({ kind: 'join', records: [{ file: 0, line: 2 }] }, files)).toBe('A join needs at least two records, one from each group to merge; it names 1');
  });

  it('names a file the job does not have, and the files it has', () => {
    expect(correctionProblem({ kind: 'split', records: [{ file: 2, line: 5 }] }, files)).toBe(
      'No such file: file 2 line 5. Records name their file by its place in the upload, from 0 (this job: 0 = "crm.csv", 1 = "events.csv")',
    );
  });

  it('refuses a record named twice', () => {
    expect(
      correctionProblem(
        {
          kind: 'join',
          records: [
            { file: 0, line: 2 },
            { file: 0, line: 2 },
          ],
        },
        files,
      ),
    ).toBe('The correction names file 0 ("crm.csv") line 2 twice');
  });

  it('lists a few records and counts the rest', () => {
    const refs = Array.from({ length: 7 }, (_, i) => ({ file: 0, line: i + 2 }));
    expect(describeRecords(refs, files, 2)).toBe('file 0 ("crm.csv") line 2, file 0 ("crm.csv") line 3 and 5 more');
  });
});
