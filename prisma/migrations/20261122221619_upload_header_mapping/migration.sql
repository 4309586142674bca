-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "headerMapping" JSONB;
