-- Jobs recorded before specs were stored get theirs, so the activities that now load a job's spec by
-- id (and reruns) keep working for jobs still waiting, running or in retention at the upgrade.
-- Dataset jobs: the configuration version they ran with. Pipeline jobs: the pipeline (version 1, the
-- only one before versioning) with its datasets' current versions, as launching resolved them.
-- Expired jobs and jobs from before versioned datasets (no datasetVersion) are left without one.
UPDATE "Job" j
SET "spec" = jsonb_build_object(
  'kind', 'dataset',
  'dataset', jsonb_build_object('version', v."version", 'definition', v."definition"),
  'delivery', COALESCE((SELECT jsonb_build_object('endpointId', d."endpointId", 'url', d."url", 'rateLimit', d."rateLimit", 'retryDelaysMs', to_jsonb(d."retryDelaysMs")) FROM "JobDelivery" d WHERE d."jobId" = j."id"), 'null'::jsonb)
)
FROM "DatasetConfigVersion" v
WHERE j."spec" IS NULL AND j."status" <> 'expired' AND j."pipeline" IS NULL
  AND v."datasetName" = j."dataset" AND v."version" = j."datasetVersion";

WITH pipeline AS (
  SELECT p."pipelineName" AS name, p."definition",
         ARRAY(SELECT p."definition"->>'base' UNION SELECT s->>'dataset' FROM jsonb_array_elements(COALESCE(p."definition"->'joins', '[]'::jsonb)) s) AS members
  FROM "PipelineConfigVersion" p WHERE p."version" = 1
), datasets AS (
  SELECT pipeline.name,
         jsonb_object_agg(v."datasetName", jsonb_build_object('version', v."version", 'definition', v."definition")) AS definitions
  FROM pipeline
  JOIN "DatasetConfig" c ON c."name" = ANY (pipeline.members)
  JOIN "DatasetConfigVersion" v ON v."datasetName" = c."name" AND v."version" = c."currentVersion"
  GROUP BY pipeline.name
)
UPDATE "Job" j
SET "spec" = jsonb_build_object(
  'kind', 'pipeline',
  'pipeline', jsonb_build_object('name', pipeline.name, 'version', 1, 'definition', pipeline."definition"),
  'datasets', datasets.definitions,
  'delivery', COALESCE((SELECT jsonb_build_object('endpointId', d."endpointId", 'url', d."url", 'rateLimit', d."rateLimit", 'retryDelaysMs', to_jsonb(d."retryDelaysMs")) FROM "JobDelivery" d WHERE d."jobId" = j."id"), 'null'::jsonb)
)
FROM pipeline JOIN datasets ON datasets.name = pipeline.name
WHERE j."spec" IS NULL AND j."status" <> 'expired' AND j."pipeline" = pipeline.name;
