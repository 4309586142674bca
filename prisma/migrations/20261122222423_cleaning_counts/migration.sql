-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "cleaned" JSONB;

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "cleaned" JSONB;
