import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** Runs `work` on a fresh in-memory DuckDB that writes nothing outside the temp folder. */
export async function withDuckDb<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const scratch = join(tmpdir(), 'sluice-duckdb');
  mkdirSync(scratch, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', {
    extension_directory: join(scratch, 'extensions'),
    temp_directory: join(scratch, 'spill'),
    threads: '2',
  });
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A SQL string literal; DuckDB table functions take file lists as literals, not parameters. */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
