-- Pipelines are versioned like datasets: every existing pipeline keeps its definition as version 1.
CREATE TABLE "PipelineConfigVersion" (
    "id" BIGSERIAL NOT NULL,
    "pipelineName" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "origin" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PipelineConfigVersion_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "PipelineConfigVersion_pipelineName_version_key" ON "PipelineConfigVersion"("pipelineName", "version");

ALTER TABLE "PipelineConfigVersion" ADD CONSTRAINT "PipelineConfigVersion_pipelineName_fkey" FOREIGN KEY ("pipelineName") REFERENCES "PipelineConfig"("name") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "PipelineConfigVersion" ("pipelineName", "version", "definition", "origin", "createdAt")
SELECT "name", 1, "definition", CASE WHEN "origin" = 'preset' THEN 'preset' ELSE 'update' END, "updatedAt" FROM "PipelineConfig";

ALTER TABLE "PipelineConfig" ADD COLUMN "currentVersion" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "PipelineConfig" ALTER COLUMN "currentVersion" DROP DEFAULT;
ALTER TABLE "PipelineConfig" DROP COLUMN "definition";
