-- Workspaces, users, sessions, tokens and the audit log; every owned table gains its workspace.
-- Rows from before workspaces belong to the default workspace, which the first owner is given.

CREATE TYPE "WorkspaceRole" AS ENUM ('owner', 'editor', 'viewer');

CREATE TABLE "Workspace" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "limits" JSONB,
    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);
INSERT INTO "Workspace" ("id", "name") VALUES ('00000000-0000-4000-8000-000000000001', 'Default');

CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT,
    "oidcIssuer" TEXT,
    "oidcSubject" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_oidcIssuer_oidcSubject_key" ON "User"("oidcIssuer", "oidcSubject");

CREATE TABLE "Membership" (
    "workspaceId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "WorkspaceRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Membership_pkey" PRIMARY KEY ("workspaceId","userId")
);
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");
CREATE INDEX "Session_userId_idx" ON "Session"("userId");
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

CREATE TABLE "SignInLink" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    CONSTRAINT "SignInLink_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SignInLink_tokenHash_key" ON "SignInLink"("tokenHash");

CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scopes" TEXT[],
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");
CREATE INDEX "ApiToken_workspaceId_idx" ON "ApiToken"("workspaceId");

CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "workspaceId" UUID,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" UUID,
    "actor" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "outcome" TEXT NOT NULL,
    "detail" JSONB,
    "ip" TEXT,
    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AuditEvent_workspaceId_at_idx" ON "AuditEvent"("workspaceId", "at");
CREATE INDEX "AuditEvent_workspaceId_action_at_idx" ON "AuditEvent"("workspaceId", "action", "at");

ALTER TABLE "Membership" ADD CONSTRAINT "Membership_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SignInLink" ADD CONSTRAINT "SignInLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Owned tables: the column, filled with the default workspace for existing rows.
ALTER TABLE "Job" ADD COLUMN "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';
ALTER TABLE "Job" ALTER COLUMN "workspaceId" DROP DEFAULT;
ALTER TABLE "Job" ADD CONSTRAINT "Job_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "Job_workspaceId_createdAt_idx" ON "Job"("workspaceId", "createdAt");

ALTER TABLE "InboxSchedule" ADD COLUMN "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';
ALTER TABLE "InboxSchedule" ALTER COLUMN "workspaceId" DROP DEFAULT;
ALTER TABLE "InboxSchedule" ADD CONSTRAINT "InboxSchedule_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "InboxSchedule_workspaceId_idx" ON "InboxSchedule"("workspaceId");

ALTER TABLE "WebhookEndpoint" ADD COLUMN "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';
ALTER TABLE "WebhookEndpoint" ALTER COLUMN "workspaceId" DROP DEFAULT;
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
DROP INDEX "WebhookEndpoint_url_key";
CREATE UNIQUE INDEX "WebhookEndpoint_workspaceId_url_key" ON "WebhookEndpoint"("workspaceId", "url");

-- Dataset and pipeline configurations are named per workspace.
ALTER TABLE "DatasetConfigVersion" DROP CONSTRAINT "DatasetConfigVersion_datasetName_fkey";
DROP INDEX "DatasetConfigVersion_datasetName_version_key";
ALTER TABLE "DatasetConfig" ADD COLUMN "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';
ALTER TABLE "DatasetConfig" ALTER COLUMN "workspaceId" DROP DEFAULT;
ALTER TABLE "DatasetConfig" DROP CONSTRAINT "DatasetConfig_pkey";
ALTER TABLE "DatasetConfig" ADD CONSTRAINT "DatasetConfig_pkey" PRIMARY KEY ("workspaceId", "name");
ALTER TABLE "DatasetConfig" ADD CONSTRAINT "DatasetConfig_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "DatasetConfigVersion" ADD COLUMN "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';
ALTER TABLE "DatasetConfigVersion" ALTER COLUMN "workspaceId" DROP DEFAULT;
CREATE UNIQUE INDEX "DatasetConfigVersion_workspaceId_datasetName_version_key" ON "DatasetConfigVersion"("workspaceId", "datasetName", "version");
ALTER TABLE "DatasetConfigVersion" ADD CONSTRAINT "DatasetConfigVersion_workspaceId_datasetName_fkey" FOREIGN KEY ("workspaceId", "datasetName") REFERENCES "DatasetConfig"("workspaceId", "name") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "PipelineConfigVersion" DROP CONSTRAINT "PipelineConfigVersion_pipelineName_fkey";
DROP INDEX "PipelineConfigVersion_pipelineName_version_key";
ALTER TABLE "PipelineConfig" ADD COLUMN "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';
ALTER TABLE "PipelineConfig" ALTER COLUMN "workspaceId" DROP DEFAULT;
ALTER TABLE "PipelineConfig" DROP CONSTRAINT "PipelineConfig_pkey";
ALTER TABLE "PipelineConfig" ADD CONSTRAINT "PipelineConfig_pkey" PRIMARY KEY ("workspaceId", "name");
ALTER TABLE "PipelineConfig" ADD CONSTRAINT "PipelineConfig_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PipelineConfigVersion" ADD COLUMN "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';
ALTER TABLE "PipelineConfigVersion" ALTER COLUMN "workspaceId" DROP DEFAULT;
CREATE UNIQUE INDEX "PipelineConfigVersion_workspaceId_pipelineName_version_key" ON "PipelineConfigVersion"("workspaceId", "pipelineName", "version");
ALTER TABLE "PipelineConfigVersion" ADD CONSTRAINT "PipelineConfigVersion_workspaceId_pipelineName_fkey" FOREIGN KEY ("workspaceId", "pipelineName") REFERENCES "PipelineConfig"("workspaceId", "name") ON DELETE CASCADE ON UPDATE CASCADE;

-- Metrics: per workspace. The period-distinct triggers are rewritten for the new key in the next migration.
ALTER TABLE "MetricDaily" ADD COLUMN "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';
ALTER TABLE "MetricDaily" ALTER COLUMN "workspaceId" DROP DEFAULT;
DROP INDEX "MetricDaily_source_metric_dimension_day_idx";
DROP INDEX "MetricDaily_source_metric_dimension_dimensionValue_day_idx";
CREATE INDEX "MetricDaily_workspaceId_source_metric_dimension_day_idx" ON "MetricDaily"("workspaceId", "source", "metric", "dimension", "day");
CREATE INDEX "MetricDaily_workspaceId_source_metric_dimension_dimensionValue_day_idx" ON "MetricDaily"("workspaceId", "source", "metric", "dimension", "dimensionValue", "day");
ALTER TABLE "MetricPeriodDistinct" ADD COLUMN "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';
ALTER TABLE "MetricPeriodDistinct" ALTER COLUMN "workspaceId" DROP DEFAULT;
ALTER TABLE "MetricPeriodDistinct" DROP CONSTRAINT "MetricPeriodDistinct_pkey";
ALTER TABLE "MetricPeriodDistinct" ADD CONSTRAINT "MetricPeriodDistinct_pkey" PRIMARY KEY ("workspaceId", "source", "metric", "dimension", "granularity", "dimensionValue", "period");
