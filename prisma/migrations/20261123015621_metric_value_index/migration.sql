-- CreateIndex
CREATE INDEX "MetricDaily_source_metric_dimension_dimensionValue_day_idx" ON "MetricDaily"("source", "metric", "dimension", "dimensionValue", "day");
