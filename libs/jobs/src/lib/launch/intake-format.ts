import { isAcceptedFileName } from '@sluice/contracts';

/** How an uploaded file is taken in, told by its name. */
export type IntakeKind =
  /** CSV-like text (.csv, .tsv, .txt): stored as it is, once its head shows it is text. */
  | 'text'
  /** An Excel workbook: stored as it is, once its head shows it is a ZIP (what .xlsx files are). */
  | 'xlsx'
  /** Gzipped text: decompressed as it streams and stored under its inner name. */
  | 'gzip'
  /** A ZIP archive of text files: each becomes a file of the job. */
  | 'zip';

export interface IntakeFormat {
  kind: IntakeKind;
  /** The name the file is stored and shown under (a .gz file's inner name). */
  storedName: string;
}

const TEXT = /\.(csv|tsv|txt)$/i;
const ARCHIVE = /\.(zip|gz|tgz|tar|bz2|xz|7z|rar|zst)$/i;

/** How a file of this name is taken in; null when Sluice does not read such files. */
export function intakeFormat(fileName: string): IntakeFormat | null {
  const name = fileName.trim();
  if (!isAcceptedFileName(name)) return null;
  if (TEXT.test(name)) return { kind: 'text', storedName: name };
  if (/\.xlsx$/i.test(name)) return { kind: 'xlsx', storedName: name };
  if (/\.(csv|tsv|txt)\.gz$/i.test(name)) return { kind: 'gzip', storedName: name.slice(0, -'.gz'.length) };
  if (/\.zip$/i.test(name)) return { kind: 'zip', storedName: name };
  return null;
}

/** What to do with one entry of a .zip: read it as a file of the job, pass over it (folders, macOS metadata, dot-files), or refuse the archive. */
export type ZipEntryVerdict = { take: true; baseName: string } | { take: false; skip: true } | { take: false; skip: false; reason: string };

/** `path` is the entry's name inside the archive (folders separated by `/`). */
export function zipEntryVerdict(path: string): ZipEntryVerdict {
  const segments = path.split('/');
  const baseName = segments[segments.length - 1];
  if (path.endsWith('/') || baseName === '') return { take: false, skip: true };
  if (segments[0] === '__MACOSX' || segments.some((segment) => segment.startsWith('.'))) return { take: false, skip: true };
  if (TEXT.test(baseName)) return { take: true, baseName };
  if (/\.xlsx$/i.test(baseName)) return { take: false, skip: false, reason: 'Excel workbooks inside a .zip are not read: upload the .xlsx on its own' };
  if (ARCHIVE.test(baseName)) return { take: false, skip: false, reason: 'archives inside a .zip are not read: put the CSV files in the .zip itself' };
  return { take: false, skip: false, reason: 'it is not a CSV file: a .zip may hold only .csv, .tsv and .txt files' };
}
