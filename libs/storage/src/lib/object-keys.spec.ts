import { jobIdOfKey, jobPrefix, sanitizeFileName, stagedKey, uploadFileName, uploadKey } from './object-keys';

describe('sanitizeFileName', () => {
  it.each([
    ['readings.csv', 'readings.csv'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\Week 12 (final).csv', 'Week_12_final_.csv'],
    ['Résumé données.csv', 'Resume_donnees.csv'],
    ['.hidden.csv', 'hidden.csv'],
    ['..', 'upload.csv'],
    ['', 'upload.csv'],
    ['$$$.csv', 'upload.csv'],
  ])('turns %p into %p', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('keeps the end of an over-long name, where the extension is', () => {
    const name = sanitizeFileName(`${'a'.repeat(300)}.csv`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.csv')).toBe(true);
  });
});

describe('object keys', () => {
  it('keeps every object of a job under the job prefix', () => {
    expect(uploadKey('j1', 'u1', 'a.csv')).toBe('jobs/j1/uploads/u1/a.csv');
    expect(stagedKey('j1', 'u1')).toBe('jobs/j1/staged/u1.csv');
    expect(uploadKey('j1', 'u1', 'a.csv').startsWith(jobPrefix('j1'))).toBe(true);
    expect(uploadFileName(uploadKey('j1', 'u1', 'Weekly report.tsv'))).toBe('Weekly report.tsv');
  });

  it('keeps the extension a file is read by', () => {
    expect(sanitizeFileName('日本.xlsx')).toBe('upload.xlsx');
    expect(sanitizeFileName('データ.csv.gz')).toBe('upload.csv.gz');
    expect(sanitizeFileName('Report (final).TSV')).toBe('Report_final_.TSV');
  });

  it('reads the job id back from a key, and only a job id', () => {
    const jobId = 'a1b2c3d4-0000-4000-8000-000000000001';
    expect(jobIdOfKey(uploadKey(jobId, 'u1', 'a.csv'))).toBe(jobId);
    expect(jobIdOfKey(`inbox/people/${jobId}/a.csv`)).toBeNull();
    expect(jobIdOfKey('jobs/not-a-job/a.csv')).toBeNull();
    expect(jobIdOfKey(`jobs/${jobId.toUpperCase()}/a.csv`)).toBeNull();
  });
});
