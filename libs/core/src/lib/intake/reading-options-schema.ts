import type { FileReadingOptions, FileReadingReport } from '@sluice/contracts';
import { CSV_DELIMITERS, CSV_ESCAPES, CSV_QUOTES, READING_SOURCES, SOURCE_FORMATS } from '@sluice/contracts';
import { z } from 'zod';

/** The WHATWG name of an encoding label (`latin1` → windows-1252), or null when Node cannot decode it. */
export function canonicalEncoding(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

const encodingSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((label) => canonicalEncoding(label) !== null, {
    message: 'is not an encoding Sluice can decode (try utf-8, utf-16le, windows-1252, iso-8859-15, shift_jis, gb18030, euc-kr)',
  })
  .transform((label) => canonicalEncoding(label) as string);

const delimiterSchema = z.enum(CSV_DELIMITERS, { message: 'must be one of "," ";" "\\t" "|"' });
const quoteSchema = z.enum(CSV_QUOTES, { message: `must be '"', "'" or '' (no quoting)` });
const escapeSchema = z.enum(CSV_ESCAPES, { message: `must be '"' (doubled quotes), '\\\\' (backslash) or '' (none)` });

/** A dataset's default reading settings. */
export const datasetReadingSchema = z
  .object({
    encoding: encodingSchema.optional(),
    delimiter: delimiterSchema.optional(),
    quote: quoteSchema.optional(),
    escape: escapeSchema.optional(),
    sheet: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

/** What an upload may say about how its files are read. */
export const fileReadingOptionsSchema: z.ZodType<FileReadingOptions> = datasetReadingSchema
  .extend({
    headerLine: z.number().int().min(1).max(1000).optional(),
    columnFields: z.record(z.string().max(2000), z.string().max(200).nullable()).optional(),
  })
  .strict();

const reportedLineSchema = z.object({ line: z.number(), text: z.string() });

export const fileReadingReportSchema: z.ZodType<FileReadingReport> = z.object({
  format: z.enum(SOURCE_FORMATS),
  encoding: z.string(),
  encodingSource: z.enum(READING_SOURCES),
  encodingConfidence: z.number().optional(),
  delimiter: z.enum(CSV_DELIMITERS),
  quote: z.enum(CSV_QUOTES),
  escape: z.enum(CSV_ESCAPES),
  dialectSource: z.enum(READING_SOURCES),
  headerLine: z.number(),
  sheet: z.string().optional(),
  preamble: z.array(reportedLineSchema),
  blankLines: z.number(),
  trailing: z.array(z.object({ kind: z.enum(['table', 'totals']), line: z.number(), lines: z.number(), text: z.string() })),
  renamedHeaders: z.array(z.object({ index: z.number(), from: z.string(), to: z.string() })),
  undecodableRows: z.number(),
  malformedRows: z.number(),
});
