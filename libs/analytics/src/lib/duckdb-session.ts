import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** What went wrong inside DuckDB, as far as a user or an operator can act on it. */
export type DuckDbProblem = 'out_of_memory' | 'out_of_disk' | 'row_too_large' | 'interrupted' | 'internal';

/**
 * A DuckDB failure, classified. Its message names the problem only: DuckDB's own text (SQL, file
 * paths, whole rows of data) stays in `cause` for the worker's log.
 */
export class DuckDbFailure extends Error {
  override readonly name = 'DuckDbFailure';
  constructor(
    readonly problem: DuckDbProblem,
    override readonly cause: unknown,
  ) {
    super(`DuckDB failed: ${problem}`);
  }
}

/**
 * A job's settings ask for work Sluice refuses to do (a blocking rule that would compare billions of
 * pairs): the message names the setting and what to change, and is the user's to read as it is.
 */
export class DatasetSettingsProblem extends Error {
  override readonly name: string = 'DatasetSettingsProblem';
}

export function classifyDuckDbError(error: unknown): DuckDbProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (/^Out of Memory Error/i.test(message) || /could not allocate|failed to allocate/i.test(message)) return 'out_of_memory';
  if (/No space left on device|disk (is )?full|max_temp_directory_size/i.test(message)) return 'out_of_disk';
  if (/maximum line size|max_line_size/i.test(message)) return 'row_too_large';
  if (/^Interrupt(ed)? Error|INTERRUPT/i.test(message)) return 'interrupted';
  return 'internal';
}

/**
 * What one DuckDB session may take of the machine. Past `memoryLimitMb` DuckDB spills its joins, sorts
 * and aggregates to `spillDirectory` (up to `maxSpillMb`), so a big job costs disk, not the worker's RSS.
 */
export interface DuckDbResources {
  /**
   * Null leaves DuckDB's own limit (80 % of the machine's memory), still the default: CSV reads now size
   * their buffers from the file's longest record, so ordinary files run within 512 MB, but a 20,000-column
   * file needs more than that for one chunk of its rows (each column's vector is allocated per chunk).
   */
  memoryLimitMb: number | null;
  threads: number;
  /** Where a session spills; each session gets its own folder under it. */
  spillDirectory: string;
  maxSpillMb: number;
}

export const DEFAULT_DUCKDB_RESOURCES: DuckDbResources = {
  memoryLimitMb: null,
  threads: 2,
  spillDirectory: join(tmpdir(), 'sluice-duckdb', 'spill'),
  maxSpillMb: 20 * 1024,
};

/** The settings DuckDB is opened with for these resources. */
export function duckDbSettingsOf(resources: DuckDbResources): Record<string, string> {
  return {
    ...(resources.memoryLimitMb === null ? {} : { memory_limit: `${Math.max(64, Math.floor(resources.memoryLimitMb))}MB` }),
    threads: String(Math.max(1, Math.floor(resources.threads))),
    temp_directory: resources.spillDirectory,
    max_temp_directory_size: `${Math.max(1, Math.floor(resources.maxSpillMb))}MB`,
  };
}

/** Runs `work` on a fresh in-memory DuckDB, within `resources`, that writes nothing outside its temp folders. */
export async function withDuckDb<T>(work: (connection: DuckDBConnection) => Promise<T>, resources: DuckDbResources = DEFAULT_DUCKDB_RESOURCES): Promise<T> {
  const scratch = join(tmpdir(), 'sluice-duckdb');
  mkdirSync(scratch, { recursive: true });
  mkdirSync(resources.spillDirectory, { recursive: true });
  // Sessions run side by side (one per job building results): each spills into a folder of its own, removed after.
  const spill = mkdtempSync(join(resources.spillDirectory, 'session-'));
  const instance = await DuckDBInstance.create(':memory:', {
    extension_directory: join(scratch, 'extensions'),
    ...duckDbSettingsOf({ ...resources, spillDirectory: spill }),
  });
  const connection = await instance.connect();
  try {
    return await work(connection);
  } catch (error) {
    throw error instanceof DuckDbFailure || error instanceof DatasetSettingsProblem ? error : new DuckDbFailure(classifyDuckDbError(error), error);
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(spill, { recursive: true, force: true });
  }
}

/**
 * A SQL string literal; DuckDB table functions take file lists as literals, not parameters. A NUL
 * (possible in a header name or key) is spliced in with chr(0): the query text itself must not hold one.
 */
export function sqlLiteral(value: string): string {
  const quoted = `'${value.replace(/'/g, "''")}'`;
  return value.includes('\u0000') ? `(${quoted.replace(/\u0000/g, "' || chr(0) || '")})` : quoted;
}

/** A quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
