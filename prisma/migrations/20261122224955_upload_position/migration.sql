-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;
