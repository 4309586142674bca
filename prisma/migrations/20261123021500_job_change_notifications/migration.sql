-- Every change to a job, and each delivery batch's progress, is announced on the "job_changed"
-- channel with the job's id, so the API can push live updates (server-sent events) without polling.
CREATE OR REPLACE FUNCTION sluice_notify_job_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('job_changed', NEW."id"::text);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION sluice_notify_job_delivery_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('job_changed', NEW."jobId"::text);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Job_changed" AFTER INSERT OR UPDATE ON "Job"
  FOR EACH ROW EXECUTE FUNCTION sluice_notify_job_changed();

CREATE TRIGGER "DeliveryBatch_changed" AFTER INSERT OR UPDATE ON "DeliveryBatch"
  FOR EACH ROW EXECUTE FUNCTION sluice_notify_job_delivery_changed();

-- Delivery settings and outcomes (not the rate limiter's bookkeeping, which changes many times a second).
CREATE TRIGGER "JobDelivery_changed" AFTER UPDATE ON "JobDelivery"
  FOR EACH ROW WHEN (OLD."rateLimit" IS DISTINCT FROM NEW."rateLimit" OR OLD."state" IS DISTINCT FROM NEW."state"
    OR OLD."total" IS DISTINCT FROM NEW."total" OR OLD."error" IS DISTINCT FROM NEW."error")
  EXECUTE FUNCTION sluice_notify_job_delivery_changed();

CREATE TRIGGER "FailedDelivery_changed" AFTER INSERT OR UPDATE ON "FailedDelivery"
  FOR EACH ROW EXECUTE FUNCTION sluice_notify_job_delivery_changed();
