-- Fences for writing activities: one row per job and unit of work, holding the attempt whose writes count.
CREATE TABLE "ActivityFence" (
    "jobId" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "token" BIGINT NOT NULL,

    CONSTRAINT "ActivityFence_pkey" PRIMARY KEY ("jobId","scope")
);

ALTER TABLE "ActivityFence" ADD CONSTRAINT "ActivityFence_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;
