-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "mergeStats" JSONB;
