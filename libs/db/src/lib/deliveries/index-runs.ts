import { z } from 'zod';

/** DeliveryBatch.acked: acknowledged record indexes as [first, last] runs. */
export const indexRunsSchema = z.array(z.tuple([z.number().int(), z.number().int()]));

export type IndexRuns = z.infer<typeof indexRunsSchema>;
