/** The file names Sluice takes, as a sentence ends listing them. */
export const ACCEPTED_FILE_NAMES = '.csv, .tsv, .txt, .xlsx, .csv.gz, .tsv.gz, .txt.gz or .zip';

/** The same, as a file input's `accept` attribute says it. */
export const ACCEPTED_FILE_INPUT = '.csv,.tsv,.txt,.xlsx,.gz,.zip,text/csv,text/tab-separated-values';

/** Whether Sluice reads a file of this name (what is inside is checked when it arrives). */
export function isAcceptedFileName(fileName: string): boolean {
  return /\.((csv|tsv|txt)(\.gz)?|xlsx|zip)$/i.test(fileName.trim());
}

/**
 * Whether a schedule's inbox claims a file: a table as it is (.csv, .tsv, their .gz, .xlsx). Not .txt, which in an inbox
 * is more often a note than data (an upload names its .txt files on purpose), nor .zip, which only uploads unpack.
 */
export function isInboxFileName(fileName: string): boolean {
  return /\.((csv|tsv)(\.gz)?|xlsx)$/i.test(fileName.trim());
}
