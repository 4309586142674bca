/** The file names Sluice takes, as a sentence ends listing them. */
export const ACCEPTED_FILE_NAMES = '.csv, .tsv, .txt, .xlsx, .csv.gz, .tsv.gz, .txt.gz or .zip';

/** The same, as a file input's `accept` attribute says it. */
export const ACCEPTED_FILE_INPUT = '.csv,.tsv,.txt,.xlsx,.gz,.zip,text/csv,text/tab-separated-values';

/** Whether Sluice reads a file of this name (what is inside is checked when it arrives). */
export function isAcceptedFileName(fileName: string): boolean {
  return /\.((csv|tsv|txt)(\.gz)?|xlsx|zip)$/i.test(fileName.trim());
}

/** Whether a stored file is read as one table as it is (a .zip is unpacked into such files at upload, never stored). */
export function isTableFileName(fileName: string): boolean {
  return /\.((csv|tsv|txt)(\.gz)?|xlsx)$/i.test(fileName.trim());
}
