import { z } from 'zod';

import type { PrismaClient } from '../../generated/prisma/client';

// Postgres returns numeric and float columns in whatever form the driver picks: coerce to numbers.
const reservationRow = z.object({ rate: z.coerce.number().nullable(), tat: z.coerce.number(), now: z.coerce.number() });

export type SendSlotReservation = z.infer<typeof reservationRow>;

/**
 * The rate gate's storage (GCRA): advances the job's theoretical arrival time by `count` sends at its
 * current limit in one atomic UPDATE, on the database's clock; an unlimited job's is just "now".
 * Null when the job has no delivery settings.
 */
export async function reserveSendSlots(prisma: PrismaClient, workspaceId: string, jobId: string, count: number): Promise<SendSlotReservation | null> {
  const [row] = await prisma.$queryRaw<unknown[]>`
    WITH clock AS (SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now)
    UPDATE "JobDelivery" AS d
    SET "nextSendAtMs" = CASE WHEN d."rateLimit" IS NULL THEN clock.now
                              ELSE GREATEST(d."nextSendAtMs", clock.now) + ${count}::int * 1000.0 / d."rateLimit" END
    FROM clock WHERE d."jobId" = ${jobId}::uuid
      AND EXISTS (SELECT 1 FROM "Job" AS j WHERE j.id = d."jobId" AND j."workspaceId" = ${workspaceId}::uuid)
    RETURNING d."rateLimit" AS rate, d."nextSendAtMs" AS tat, clock.now::float8 AS now`;
  return row === undefined ? null : reservationRow.parse(row);
}
