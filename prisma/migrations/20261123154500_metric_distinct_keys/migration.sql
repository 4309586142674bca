-- Distinct counts fold 64-bit keys instead of text: the first 8 bytes of each value's MD5, the same
-- key the worker computes (distinctKeyOf in libs/analytics), so recorded history keeps counting right.
ALTER TABLE "MetricDaily" ADD COLUMN "distinctKeys" BIGINT[];

UPDATE "MetricDaily"
SET "distinctKeys" = ARRAY(SELECT ('x' || left(md5(value), 16))::bit(64)::bigint FROM unnest("distinctValues") AS value);

ALTER TABLE "MetricDaily" DROP COLUMN "distinctValues";
