import { describeCorrection } from './describe-correction';

const FILES = ['crm.csv', 'event.csv'];

describe('describeCorrection', () => {
  it('names the records of a correction by file and line', () => {
    expect(describeCorrection({ kind: 'split', records: [{ file: 1, line: 2 }] }, FILES)).toBe('Split event.csv line 2 out to stand alone');
    expect(
      describeCorrection(
        {
          kind: 'split',
          records: [
            { file: 0, line: 2 },
            { file: 1, line: 7 },
          ],
        },
        FILES,
      ),
    ).toBe('Split crm.csv line 2 and event.csv line 7 into a group of their own');
    expect(
      describeCorrection(
        {
          kind: 'join',
          records: [
            { file: 0, line: 2 },
            { file: 0, line: 3 },
            { file: 1, line: 4 },
          ],
        },
        FILES,
      ),
    ).toBe('Joined the groups of crm.csv line 2, crm.csv line 3 and event.csv line 4');
  });

  it('counts files from one when their names are not known', () => {
    expect(describeCorrection({ kind: 'split', records: [{ file: 2, line: 9 }] }, FILES)).toBe('Split file 3 line 9 out to stand alone');
  });
});
