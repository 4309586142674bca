-- The job's frozen specification (JobSpec): dataset versions, pipeline version, delivery settings.
ALTER TABLE "Job" ADD COLUMN "spec" JSONB;
