-- Distinct counts per whole period (day, ISO week, calendar month), so a comparison over years reads
-- one number a period instead of unnesting every day's keys (about 44,000 for three years of weeks).
-- Triggers on "MetricDaily" keep them: whichever statement adds, removes or changes daily keys
-- recounts the periods it touched, from all contributions, in the same transaction.
CREATE TABLE "MetricPeriodDistinct" (
    "source" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "granularity" TEXT NOT NULL,
    "dimensionValue" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "distinctCount" INTEGER NOT NULL,

    CONSTRAINT "MetricPeriodDistinct_pkey" PRIMARY KEY ("source","metric","dimension","granularity","dimensionValue","period")
);

CREATE OR REPLACE FUNCTION sluice_recount_period_distinct() RETURNS trigger AS $$
BEGIN
  -- One recount of a source at a time: two jobs recording the same days concurrently would each
  -- count without the other's uncommitted keys. The lock is held until commit, and the recount
  -- below is a new statement, so it sees what the transaction before it committed.
  PERFORM pg_advisory_xact_lock(hashtext('MetricPeriodDistinct'), hashtext(source))
    FROM (SELECT DISTINCT source FROM changed WHERE cardinality("distinctKeys") > 0) AS sources ORDER BY source;

  MERGE INTO "MetricPeriodDistinct" AS p
  USING (
    SELECT t.source, t.metric, t.dimension, t.granularity, t."dimensionValue", t.period, counted.n
    FROM (
      SELECT DISTINCT c.source, c.metric, c.dimension, c."dimensionValue", g.granularity,
             date_trunc(g.granularity, c.day::timestamp)::date AS period,
             (date_trunc(g.granularity, c.day::timestamp) + ('1 ' || g.granularity)::interval)::date AS next
      FROM changed AS c CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g (granularity)
      WHERE cardinality(c."distinctKeys") > 0
    ) AS t
    -- An aggregate per touched period, so each is counted from its own index range: a plain join
    -- here gets flattened, and the planner then merges on (source, metric, dimension) and filters
    -- the days afterwards, which took minutes for a few thousand rows.
    CROSS JOIN LATERAL (
      SELECT count(DISTINCT k)::int AS n
      FROM "MetricDaily" AS d CROSS JOIN unnest(d."distinctKeys") AS k
      WHERE d.source = t.source AND d.metric = t.metric AND d.dimension = t.dimension
        AND d."dimensionValue" = t."dimensionValue" AND d.day >= t.period AND d.day < t.next
    ) AS counted
  ) AS recount
  ON p.source = recount.source AND p.metric = recount.metric AND p.dimension = recount.dimension
    AND p.granularity = recount.granularity AND p."dimensionValue" = recount."dimensionValue" AND p.period = recount.period
  WHEN MATCHED AND recount.n = 0 THEN DELETE
  WHEN MATCHED THEN UPDATE SET "distinctCount" = recount.n
  WHEN NOT MATCHED AND recount.n > 0 THEN
    INSERT (source, metric, dimension, granularity, "dimensionValue", period, "distinctCount")
    VALUES (recount.source, recount.metric, recount.dimension, recount.granularity, recount."dimensionValue", recount.period, recount.n);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- A trigger with transition tables serves one event; each names its rows "changed".
CREATE TRIGGER "MetricDaily_inserted_distinct" AFTER INSERT ON "MetricDaily"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION sluice_recount_period_distinct();
CREATE TRIGGER "MetricDaily_deleted_distinct" AFTER DELETE ON "MetricDaily"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION sluice_recount_period_distinct();
CREATE TRIGGER "MetricDaily_updated_from_distinct" AFTER UPDATE ON "MetricDaily"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION sluice_recount_period_distinct();
CREATE TRIGGER "MetricDaily_updated_to_distinct" AFTER UPDATE ON "MetricDaily"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION sluice_recount_period_distinct();

-- The history recorded so far.
INSERT INTO "MetricPeriodDistinct" (source, metric, dimension, granularity, "dimensionValue", period, "distinctCount")
SELECT d.source, d.metric, d.dimension, g.granularity, d."dimensionValue", date_trunc(g.granularity, d.day::timestamp)::date, count(DISTINCT k)
FROM "MetricDaily" AS d CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g (granularity) CROSS JOIN unnest(d."distinctKeys") AS k
GROUP BY 1, 2, 3, 4, 5, 6;
