import { confinedInboxPrefix, inboxPrefix, isInboxOf, jobIdOfKey, jobPrefix, legacyJobPrefix, sanitizeFileName, stagedKey, uploadFileName, uploadKey } from './object-keys';

const ws = '00000000-0000-4000-8000-00000000000a';
const other = '00000000-0000-4000-8000-00000000000b';

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
    expect(uploadKey(ws, 'j1', 'u1', 'a.csv')).toBe(`workspaces/${ws}/jobs/j1/uploads/u1/a.csv`);
    expect(stagedKey(ws, 'j1', 'u1')).toBe(`workspaces/${ws}/jobs/j1/staged/u1.csv`);
    expect(uploadKey(ws, 'j1', 'u1', 'a.csv').startsWith(jobPrefix(ws, 'j1'))).toBe(true);
    expect(uploadFileName(uploadKey(ws, 'j1', 'u1', 'Weekly report.tsv'))).toBe('Weekly report.tsv');
  });

  it('keeps the extension a file is read by', () => {
    expect(sanitizeFileName('日本.xlsx')).toBe('upload.xlsx');
    expect(sanitizeFileName('データ.csv.gz')).toBe('upload.csv.gz');
    expect(sanitizeFileName('Report (final).TSV')).toBe('Report_final_.TSV');
  });

  it('reads the job id back from a key, and only a job id', () => {
    const jobId = 'a1b2c3d4-0000-4000-8000-000000000001';
    expect(jobIdOfKey(uploadKey(ws, jobId, 'u1', 'a.csv'))).toBe(jobId);
    expect(jobIdOfKey(`${legacyJobPrefix(jobId)}uploads/u1/a.csv`)).toBe(jobId);
    expect(jobIdOfKey(`inbox/people/${jobId}/a.csv`)).toBeNull();
    expect(jobIdOfKey(`${inboxPrefix(ws, 'people')}${jobId}/a.csv`)).toBeNull();
    expect(jobIdOfKey(`workspaces/${ws}/inbox/jobs/${jobId}/a.csv`)).toBeNull();
    expect(jobIdOfKey('jobs/not-a-job/a.csv')).toBeNull();
    expect(jobIdOfKey(`jobs/${jobId.toUpperCase()}/a.csv`)).toBeNull();
  });
});

describe('inbox prefixes', () => {
  it('confines a given prefix to the workspace inbox root', () => {
    expect(confinedInboxPrefix(ws, 'email/weekly')).toBe(`workspaces/${ws}/inbox/email/weekly/`);
    expect(confinedInboxPrefix(ws, '/email/')).toBe(`workspaces/${ws}/inbox/email/`);
    expect(confinedInboxPrefix(ws, `workspaces/${ws}/inbox/email`)).toBe(`workspaces/${ws}/inbox/email/`);
  });

  it('refuses a prefix reaching another workspace, job data or a parent folder', () => {
    for (const given of [`workspaces/${other}/inbox/email`, `workspaces/${ws}/jobs/x`, 'jobs/x', 'inbox/email', '../x', 'email/../../x', `workspaces/${ws}/inbox/`, '', '/']) {
      expect(confinedInboxPrefix(ws, given)).toBeNull();
    }
  });

  it('knows the default workspace may keep a legacy inbox', () => {
    expect(isInboxOf(ws, inboxPrefix(ws, 'people'), false)).toBe(true);
    expect(isInboxOf(ws, 'inbox/people/', false)).toBe(false);
    expect(isInboxOf(ws, 'inbox/people/', true)).toBe(true);
    expect(isInboxOf(ws, inboxPrefix(other, 'people'), true)).toBe(false);
    expect(isInboxOf(ws, `${inboxPrefix(ws, 'people')}../../jobs/`, true)).toBe(false);
  });
});
