import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { STAGED_LINE_COLUMN } from '@sluice/core';

import { withDuckDb } from '../../duckdb-session';
import { type MergeInput, type MergeOutcome, mergeRecords } from '../../merge-records';
import { type MergeGroupsQuery, readMergeGroups } from '../merge-groups-reader';

const quoted = (cell: string) => (/[,"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** A scratch folder for staged files and results, and ways to write and merge them as the worker does. */
export class StagedFixtures {
  readonly dir = mkdtempSync(join(tmpdir(), 'sluice-dedupe-'));

  /** A staged CSV as parseAndValidate writes it: the source line first, then the fields. Rows are [line, ...cells]. */
  staged(name: string, fields: string[], rows: [number, ...string[]][]): string {
    const path = join(this.dir, name);
    const lines = [[STAGED_LINE_COLUMN, ...fields], ...rows.map((row) => row.map(String))].map((cells) => cells.map(quoted).join(','));
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  merge(input: Omit<MergeInput, 'output'> & { output?: string }): Promise<MergeOutcome> {
    return withDuckDb((db) => mergeRecords(db, { output: this.path('out.csv'), ...input }));
  }

  groups(provenance: string, query: Partial<MergeGroupsQuery> = {}) {
    return withDuckDb((db) => readMergeGroups(db, provenance, { page: 1, pageSize: 20, order: 'review', fileNames: ['a.csv', 'b.csv', 'c.csv'], ...query }));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
