-- Merge corrections (issue 15): a reviewer's splits and joins, kept under the rerun chain's first job so
-- every rebuild and rerun applies them again; and the job's output version with the rebuild that makes the next one.

ALTER TABLE "Job" ADD COLUMN "outputVersion" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Job" ADD COLUMN "rebuildingVersion" INTEGER;
ALTER TABLE "Job" ADD COLUMN "rebuildStartedAt" TIMESTAMP(3);
ALTER TABLE "Job" ADD COLUMN "rebuildError" TEXT;

CREATE TABLE "MergeCorrection" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "rootJobId" UUID NOT NULL,
    "correction" JSONB NOT NULL,
    "createdBy" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MergeCorrection_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "MergeCorrection_workspaceId_rootJobId_createdAt_idx" ON "MergeCorrection"("workspaceId", "rootJobId", "createdAt");
CREATE INDEX "MergeCorrection_rootJobId_idx" ON "MergeCorrection"("rootJobId");

ALTER TABLE "MergeCorrection" ADD CONSTRAINT "MergeCorrection_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "MergeCorrection" ADD CONSTRAINT "MergeCorrection_rootJobId_fkey" FOREIGN KEY ("rootJobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MergeCorrection" ADD CONSTRAINT "MergeCorrection_createdBy_fkey" FOREIGN KEY ("createdBy") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
