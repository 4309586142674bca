import { DEFAULT_DUCKDB_RESOURCES, duckDbSettingsOf } from '@sluice/analytics';
import { DEFAULT_FILE_LIMITS, FileLimitExceeded, FileRejection } from '@sluice/core';

import { namingItsSetting, workerConfigFromEnv as configFrom } from './worker-config';

const workerConfigFromEnv = (env: NodeJS.ProcessEnv) => configFrom({ DATABASE_URL: 'postgresql://127.0.0.1/sluice', ...env });

describe('worker file limits', () => {
  it('defaults to limits a user would expect: 20,000 columns, 8 MiB header, 32 MiB row, 50 million rows', () => {
    expect(workerConfigFromEnv({}).fileLimits).toEqual({ maxColumns: 20_000, maxHeaderBytes: 8 * 1024 * 1024, maxRowBytes: 32 * 1024 * 1024, maxRows: 50_000_000 });
    expect(workerConfigFromEnv({}).fileLimits).toEqual(DEFAULT_FILE_LIMITS);
  });

  it('reads each limit from its environment variable, and refuses a bad value by name', () => {
    const env = { WORKER_MAX_COLUMNS: '50000', WORKER_MAX_HEADER_BYTES: '1048576', WORKER_MAX_ROW_BYTES: '67108864', WORKER_MAX_ROWS_PER_FILE: '1000' };
    expect(workerConfigFromEnv(env).fileLimits).toEqual({ maxColumns: 50_000, maxHeaderBytes: 1_048_576, maxRowBytes: 67_108_864, maxRows: 1000 });
    expect(() => workerConfigFromEnv({ WORKER_MAX_COLUMNS: 'lots' })).toThrow('WORKER_MAX_COLUMNS must be a positive number, got "lots"');
  });

  it('names the setting behind a limit in the message of a refused file, and leaves other errors alone', () => {
    const refused = namingItsSetting(new FileLimitExceeded('maxRows', 'File has more than 1,000 data rows'));
    expect(refused).toEqual(new FileLimitExceeded('maxRows', "File has more than 1,000 data rows (the worker's WORKER_MAX_ROWS_PER_FILE setting)"));
    const other = new FileRejection('File is empty');
    expect(namingItsSetting(other)).toBe(other);
  });
});

describe('worker DuckDB resources', () => {
  it("defaults to DuckDB's own memory limit and 2 threads per session, spilling up to 20 GB under the temp folder", () => {
    expect(workerConfigFromEnv({}).duckDb).toEqual(DEFAULT_DUCKDB_RESOURCES);
    const settings = duckDbSettingsOf(DEFAULT_DUCKDB_RESOURCES);
    expect(settings).toMatchObject({ threads: '2', max_temp_directory_size: '20480MB' });
    expect(settings).not.toHaveProperty('memory_limit');
    expect(duckDbSettingsOf({ ...DEFAULT_DUCKDB_RESOURCES, memoryLimitMb: 768 })).toMatchObject({ memory_limit: '768MB' });
  });

  it('reads each resource from its environment variable, and refuses a bad value by name', () => {
    const env = { DUCKDB_MEMORY_LIMIT_MB: '256', DUCKDB_THREADS: '4', DUCKDB_SPILL_DIR: '/var/spill', DUCKDB_MAX_SPILL_MB: '1024' };
    expect(workerConfigFromEnv(env).duckDb).toEqual({ memoryLimitMb: 256, threads: 4, spillDirectory: '/var/spill', maxSpillMb: 1024 });
    expect(() => workerConfigFromEnv({ DUCKDB_MEMORY_LIMIT_MB: '1GB' })).toThrow('DUCKDB_MEMORY_LIMIT_MB must be a positive number, got "1GB"');
  });
});
