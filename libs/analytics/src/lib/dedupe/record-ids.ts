import type { RecordRef } from '@sluice/contracts';

// A record's id packs its job file number (upload order, from 0) above its source line, so ids are
// unique within a job, sort as the files were uploaded and read, and say where the record came from.
// Lines stay below 2^32 (a file holds at most 50 million rows).
const LINE_BITS = 32;
const LINE_MASK = 0xffffffff;

/** A record's id as SQL, from its file number and line. */
export const recordIdSql = (file: string, line: string) => `((${file})::BIGINT << ${LINE_BITS} | (${line})::BIGINT)`;

export const fileOfRecordSql = (id: string) => `(${id} >> ${LINE_BITS})::INTEGER`;
export const lineOfRecordSql = (id: string) => `(${id} & ${LINE_MASK})`;

/**
 * A group's cluster id: "c-<file>-<line>" of its first record (the smallest id). It depends only on
 * which records the group holds, so the same input (and the same corrections) give the same ids.
 * A record in no group is its own cluster.
 */
export const clusterIdSql = (label: string) => `'c-' || ${fileOfRecordSql(label)} || '-' || ${lineOfRecordSql(label)}`;

/** A record reference's id, as a SQL literal. */
export function recordIdOf({ file, line }: RecordRef): string {
  return ((BigInt(file) << BigInt(LINE_BITS)) | BigInt(line)).toString();
}
