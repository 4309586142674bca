-- Changes to a job, its delivery batches, its delivery settings and its failed deliveries are announced
-- on the "job_changed" channel with the job's id, so the API can push live updates (server-sent
-- events) without polling. The trigger's argument names the column holding the job id.
CREATE OR REPLACE FUNCTION sluice_notify_job_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('job_changed', to_jsonb(NEW) ->> TG_ARGV[0]);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Job_changed" AFTER INSERT OR UPDATE ON "Job"
  FOR EACH ROW EXECUTE FUNCTION sluice_notify_job_changed('id');

CREATE TRIGGER "DeliveryBatch_changed" AFTER INSERT OR UPDATE ON "DeliveryBatch"
  FOR EACH ROW EXECUTE FUNCTION sluice_notify_job_changed('jobId');

-- Not the rate limiter's bookkeeping on the same row, which changes many times a second.
CREATE TRIGGER "JobDelivery_changed" AFTER UPDATE ON "JobDelivery"
  FOR EACH ROW WHEN (OLD."rateLimit" IS DISTINCT FROM NEW."rateLimit" OR OLD."state" IS DISTINCT FROM NEW."state"
    OR OLD."total" IS DISTINCT FROM NEW."total" OR OLD."error" IS DISTINCT FROM NEW."error")
  EXECUTE FUNCTION sluice_notify_job_changed('jobId');

CREATE TRIGGER "FailedDelivery_changed" AFTER INSERT OR UPDATE ON "FailedDelivery"
  FOR EACH ROW EXECUTE FUNCTION sluice_notify_job_changed('jobId');
