import { type DuckDBConnection, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import type { MatchReason, MergeGroupOrder, MergeGroupView, MergeMemberView, RecordRef } from '@sluice/contracts';

import { sqlLiteral } from '../duckdb-session';
import { PROVENANCE_KINDS } from './provenance-file';

export interface MergeGroupsQuery {
  /** From 1. */
  page: number;
  pageSize: number;
  order: MergeGroupOrder;
  flaggedOnly?: boolean;
  /** The job's file names in upload order, which members' `file` numbers index. */
  fileNames: string[];
}

// Ties fall back to where the group starts, so pages never overlap or skip a group.
const ORDER_BY: Record<MergeGroupOrder, string> = {
  review: 'flagged DESC, certainty, size DESC, file, line',
  size: 'size DESC, certainty, file, line',
  certainty: 'certainty, size DESC, file, line',
};

interface ConflictRow {
  position: number;
  values: string[];
  strong: boolean;
}

const source = (file: string) => `read_parquet(${sqlLiteral(file)})`;

/** Cells by field name, a position's field. */
function byField(fields: string[], cells: (string | null)[] | null): Record<string, string | null> {
  return Object.fromEntries(fields.map((field, index) => [field, cells?.[index] ?? null]));
}

/**
 * A page of a job's merge groups (two or more records each) from its provenance file (see
 * provenance-file.ts): the surviving record, the members side by side with the fields each
 * contributed and why it is there, and the conflicting fields. `review` order lists flagged groups
 * first, then the least certain, then the largest.
 */
export async function readMergeGroups(db: DuckDBConnection, provenanceFile: string, query: MergeGroupsQuery): Promise<{ items: MergeGroupView[]; total: number }> {
  const from = source(provenanceFile);
  const where = `kind = ${sqlLiteral(PROVENANCE_KINDS.group)} AND size >= 2${query.flaggedOnly ? ' AND flagged' : ''}`;
  const [[total]] = (await db.runAndReadAll(`SELECT count(*) FROM ${from} WHERE ${where}`)).getRows();
  const pageSize = Math.max(1, Math.floor(query.pageSize));
  const offset = (Math.max(1, Math.floor(query.page)) - 1) * pageSize;
  // The page is chosen on the narrow columns first; only its groups' cells are read.
  const page = (await db.runAndReadAll(`SELECT cluster_id FROM ${from} WHERE ${where} ORDER BY ${ORDER_BY[query.order]} LIMIT ${pageSize} OFFSET ${offset}`)).getRows();
  if (page.length === 0) return { items: [], total: Number(total) };
  const ids = page.map(([id]) => String(id));
  const inPage = (kind: string) => `kind = ${sqlLiteral(kind)} AND list_contains($1, cluster_id)`;
  const read = async (sql: string) => (await db.runAndReadAll(sql, [listValue(ids)], [LIST(VARCHAR)])).getRowObjectsJS();
  const groups = await read(`SELECT cluster_id, size, certainty, flagged, corrected, cells, conflicts FROM ${from} WHERE ${inPage(PROVENANCE_KINDS.group)}`);
  groups.sort((a, b) => ids.indexOf(String(a['cluster_id'])) - ids.indexOf(String(b['cluster_id'])));
  const members = await read(`SELECT cluster_id, file, line, reason, matched_on, probability, contributed, cells FROM ${from}
    WHERE ${inPage(PROVENANCE_KINDS.record)} ORDER BY file, line`);
  const [fieldsRow] = (await db.runAndReadAll(`SELECT cells FROM ${from} WHERE kind = ${sqlLiteral(PROVENANCE_KINDS.fields)}`)).getRowObjectsJS();
  const fields = (fieldsRow?.['cells'] as string[] | undefined) ?? [];
  const membersOf = new Map<string, MergeMemberView[]>(ids.map((id) => [id, []]));
  for (const member of members) {
    const file = Number(member['file']);
    membersOf.get(String(member['cluster_id']))?.push({
      file,
      line: Number(member['line']),
      fileName: query.fileNames[file] ?? `file ${file + 1}`,
      values: byField(fields, member['cells'] as (string | null)[]),
      contributed: ((member['contributed'] as number[] | null) ?? []).map((position) => fields[position - 1]),
      reason: member['reason'] as MatchReason,
      matchedOn: (member['matched_on'] as string | null) ?? null,
      probability: member['probability'] === null ? null : Number(member['probability']),
    });
  }
  const items = groups.map((group): MergeGroupView => ({
    clusterId: String(group['cluster_id']),
    size: Number(group['size']),
    certainty: Number(group['certainty']),
    flagged: Boolean(group['flagged']),
    corrected: Boolean(group['corrected']),
    survivor: byField(fields, group['cells'] as (string | null)[]),
    members: membersOf.get(String(group['cluster_id'])) ?? [],
    conflicts: ((group['conflicts'] as ConflictRow[] | null) ?? []).map((c) => ({ field: fields[c.position - 1], values: c.values, strong: c.strong })),
  }));
  return { items, total: Number(total) };
}

/** The references among `refs` that name no input record of the job (a correction naming them is refused). */
export async function recordRefsExist(db: DuckDBConnection, provenanceFile: string, refs: RecordRef[]): Promise<RecordRef[]> {
  const wellFormed = refs.filter(({ file, line }) => Number.isSafeInteger(file) && Number.isSafeInteger(line) && file >= 0 && line >= 0);
  if (wellFormed.length === 0) return refs;
  const wanted = wellFormed.map(({ file, line }) => `(${file}, ${line})`).join(', ');
  const found = (
    await db.runAndReadAll(`SELECT w.file, w.line FROM (VALUES ${wanted}) w(file, line)
      SEMI JOIN ${source(provenanceFile)} p ON p.kind = ${sqlLiteral(PROVENANCE_KINDS.record)} AND p.file = w.file AND p.line = w.line`)
  ).getRows();
  const known = new Set(found.map(([file, line]) => `${Number(file)}:${Number(line)}`));
  return refs.filter(({ file, line }) => !known.has(`${file}:${line}`));
}

/** Each reference's cluster id, in order (a record alone: its own); null for one that names no input record of the job. */
export async function clusterIdsOf(db: DuckDBConnection, provenanceFile: string, refs: RecordRef[]): Promise<(string | null)[]> {
  const wellFormed = refs.filter(({ file, line }) => Number.isSafeInteger(file) && Number.isSafeInteger(line) && file >= 0 && line >= 0);
  if (wellFormed.length === 0) return refs.map(() => null);
  const wanted = wellFormed.map(({ file, line }) => `(${file}, ${line})`).join(', ');
  const found = (
    await db.runAndReadAll(`SELECT w.file, w.line, p.cluster_id FROM (VALUES ${wanted}) w(file, line)
      JOIN ${source(provenanceFile)} p ON p.kind = ${sqlLiteral(PROVENANCE_KINDS.record)} AND p.file = w.file AND p.line = w.line`)
  ).getRows();
  // A record alone is its own cluster, named as the merge names it (see provenance-file).
  const clusters = new Map(found.map(([file, line, cluster]) => [`${Number(file)}:${Number(line)}`, cluster === null ? `c-${Number(file)}-${Number(line)}` : String(cluster)]));
  return refs.map(({ file, line }) => clusters.get(`${file}:${line}`) ?? null);
}
