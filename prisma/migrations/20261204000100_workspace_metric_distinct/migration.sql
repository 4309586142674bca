-- Period distinct counts are per workspace: two workspaces may name a dataset alike, and their values
-- must never count together. The recount keys and locks by (workspace, source); the triggers on
-- "MetricDaily" stay as they are and call this function.
CREATE OR REPLACE FUNCTION sluice_recount_period_distinct() RETURNS trigger AS $$
BEGIN
  -- One recount of a workspace's source at a time: two jobs recording the same days concurrently
  -- would each count without the other's uncommitted keys. The lock is held until commit, and the
  -- recount below is a new statement, so it sees what the transaction before it committed.
  PERFORM pg_advisory_xact_lock(hashtext('MetricPeriodDistinct'), hashtext("workspaceId"::text || '/' || source))
    FROM (SELECT DISTINCT "workspaceId", source FROM changed WHERE cardinality("distinctKeys") > 0) AS sources
    ORDER BY "workspaceId", source;

  MERGE INTO "MetricPeriodDistinct" AS p
  USING (
    SELECT t."workspaceId", t.source, t.metric, t.dimension, t.granularity, t."dimensionValue", t.period, counted.n
    FROM (
      SELECT DISTINCT c."workspaceId", c.source, c.metric, c.dimension, c."dimensionValue", g.granularity,
             date_trunc(g.granularity, c.day::timestamp)::date AS period,
             (date_trunc(g.granularity, c.day::timestamp) + ('1 ' || g.granularity)::interval)::date AS next
      FROM changed AS c CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g (granularity)
      WHERE cardinality(c."distinctKeys") > 0
    ) AS t
    -- An aggregate per touched period, so each is counted from its own index range (see
    -- 20261123173000_metric_period_distinct for why this is not a plain join).
    CROSS JOIN LATERAL (
      SELECT count(DISTINCT k)::int AS n
      FROM "MetricDaily" AS d CROSS JOIN unnest(d."distinctKeys") AS k
      WHERE d."workspaceId" = t."workspaceId" AND d.source = t.source AND d.metric = t.metric AND d.dimension = t.dimension
        AND d."dimensionValue" = t."dimensionValue" AND d.day >= t.period AND d.day < t.next
    ) AS counted
  ) AS recount
  ON p."workspaceId" = recount."workspaceId" AND p.source = recount.source AND p.metric = recount.metric
    AND p.dimension = recount.dimension AND p.granularity = recount.granularity
    AND p."dimensionValue" = recount."dimensionValue" AND p.period = recount.period
  WHEN MATCHED AND recount.n = 0 THEN DELETE
  WHEN MATCHED THEN UPDATE SET "distinctCount" = recount.n
  WHEN NOT MATCHED AND recount.n > 0 THEN
    INSERT ("workspaceId", source, metric, dimension, granularity, "dimensionValue", period, "distinctCount")
    VALUES (recount."workspaceId", recount.source, recount.metric, recount.dimension, recount.granularity, recount."dimensionValue", recount.period, recount.n);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Job changes are announced with the job's workspace, so the API's event stream forwards each to the
-- callers of that workspace only, without a query per change: the payload is "<workspaceId>:<jobId>".
-- Tables other than "Job" look their job's workspace up by primary key.
CREATE OR REPLACE FUNCTION sluice_notify_job_changed() RETURNS trigger AS $$
DECLARE
  job_id uuid := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
  workspace_id uuid;
BEGIN
  IF TG_TABLE_NAME = 'Job' THEN
    workspace_id := NEW."workspaceId";
  ELSE
    SELECT "workspaceId" INTO workspace_id FROM "Job" WHERE id = job_id;
  END IF;
  PERFORM pg_notify('job_changed', workspace_id::text || ':' || job_id::text);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
