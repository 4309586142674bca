import { apiConfigFromEnv } from './api-config';

describe('apiConfigFromEnv', () => {
  const env = { DATABASE_URL: 'postgresql://localhost/sluice' };

  it("gives every workspace seed 002's limits (storage raised to 10 GB for 2 GB uploads) unless the environment says otherwise", () => {
    expect(apiConfigFromEnv(env).workspaceLimits).toEqual({ concurrentJobs: 3, filesPerUpload: 10, storageBytes: 10 * 1024 * 1024 * 1024, retentionHours: 48 });
    expect(apiConfigFromEnv(env)).toMatchObject({ maxUploadBytes: 2 * 1024 * 1024 * 1024, maxPreviewWorkbookBytes: 64 * 1024 * 1024 });
    expect(apiConfigFromEnv({ ...env, MAX_CONCURRENT_JOBS: '5', MAX_FILES_PER_UPLOAD: '20', MAX_STORAGE_MB: '0.5', RETENTION_HOURS: '24' }).workspaceLimits).toEqual({
      concurrentJobs: 5,
      filesPerUpload: 20,
      storageBytes: 512 * 1024,
      retentionHours: 24,
    });
  });

  it('refuses a limit that is not a positive number, naming the setting', () => {
    expect(() => apiConfigFromEnv({ ...env, MAX_CONCURRENT_JOBS: 'three' })).toThrow(/MAX_CONCURRENT_JOBS/);
    expect(() => apiConfigFromEnv({ ...env, MAX_STORAGE_MB: '-1' })).toThrow(/MAX_STORAGE_MB/);
  });
});
