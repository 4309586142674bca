-- CreateTable
CREATE TABLE "StorageSweep" (
    "id" BIGSERIAL NOT NULL,
    "workflowRunId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "filesDeleted" INTEGER NOT NULL,
    "bytesDeleted" BIGINT NOT NULL,
    "uploadsAborted" INTEGER NOT NULL,
    "uploadBytesAborted" BIGINT NOT NULL,
    "jobsExpired" INTEGER NOT NULL,

    CONSTRAINT "StorageSweep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StorageSweep_workflowRunId_key" ON "StorageSweep"("workflowRunId");

-- CreateIndex
CREATE INDEX "StorageSweep_finishedAt_idx" ON "StorageSweep"("finishedAt");
