import type { FileReadingReport } from '@sluice/contracts';

import { FileRejection, HeaderRejection } from '../validation/file-rejection';

const DELIMITER_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'pipes' };

/** How a file was read, as a clause: "read as windows-1252 text with semicolons, the header on line 3". */
export function describeReading(report: FileReadingReport): string {
  const header = `the header on ${report.format === 'xlsx' ? 'row' : 'line'} ${report.headerLine}`;
  if (report.format === 'xlsx') return `read as a workbook${report.sheet ? ` (sheet "${report.sheet}")` : ''}, ${header}`;
  return `read as ${report.encoding} text with ${DELIMITER_NAMES[report.delimiter] ?? report.delimiter}, ${header}`;
}

/**
 * A header refusal told how the file was read, so a person sees why "name;city" was one column (and which upload
 * option to set); other errors as they are.
 */
export function withReadingContext(error: unknown, report: FileReadingReport): unknown {
  if (!(error instanceof HeaderRejection)) return error;
  return new FileRejection(`${error.message} (${describeReading(report)}; set encoding, delimiter or headerLine on the upload if that is wrong)`);
}
