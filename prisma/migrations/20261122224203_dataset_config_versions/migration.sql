-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "datasetVersion" INTEGER;

-- CreateTable
CREATE TABLE "DatasetConfig" (
    "name" TEXT NOT NULL,
    "currentVersion" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DatasetConfig_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "DatasetConfigVersion" (
    "id" BIGSERIAL NOT NULL,
    "datasetName" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "origin" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DatasetConfigVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DatasetConfigVersion_datasetName_version_key" ON "DatasetConfigVersion"("datasetName", "version");

-- AddForeignKey
ALTER TABLE "DatasetConfigVersion" ADD CONSTRAINT "DatasetConfigVersion_datasetName_fkey" FOREIGN KEY ("datasetName") REFERENCES "DatasetConfig"("name") ON DELETE CASCADE ON UPDATE CASCADE;
