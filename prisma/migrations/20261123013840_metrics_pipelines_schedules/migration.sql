-- AlterEnum
ALTER TYPE "JobStatus" ADD VALUE 'no_files';

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "metrics" JSONB,
ADD COLUMN     "pipeline" TEXT,
ADD COLUMN     "rerunOf" UUID,
ADD COLUMN     "rootJobId" UUID,
ADD COLUMN     "scheduleId" TEXT;

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "dataset" TEXT;

-- CreateTable
CREATE TABLE "MetricDaily" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "jobId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "metric" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "dimensionValue" TEXT NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,
    "min" DOUBLE PRECISION,
    "max" DOUBLE PRECISION,
    "distinctValues" TEXT[],

    CONSTRAINT "MetricDaily_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MetricDaily_source_metric_dimension_day_idx" ON "MetricDaily"("source", "metric", "dimension", "day");

-- CreateIndex
CREATE INDEX "MetricDaily_jobId_idx" ON "MetricDaily"("jobId");

-- CreateIndex
CREATE INDEX "Job_rootJobId_idx" ON "Job"("rootJobId");
