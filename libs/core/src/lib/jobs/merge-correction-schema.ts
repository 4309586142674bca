import type { MergeCorrection, RecordRef } from '@sluice/contracts';
import { z } from 'zod';

/** One input record of a job: its file's index in upload order and its line there (the header is line 1). */
export const recordRefSchema: z.ZodType<RecordRef> = z.object({ file: z.number().int().min(0), line: z.number().int().min(1) });

/** A merge correction as stored (MergeCorrection.correction) and as a request gives it; the use case checks what it names. */
export const mergeCorrectionSchema: z.ZodType<MergeCorrection> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('split'), records: z.array(recordRefSchema) }),
  z.object({ kind: z.literal('join'), records: z.array(recordRefSchema) }),
]);
