import { Module } from '@nestjs/common';

import { DatasetsModule } from '../datasets/datasets.module';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { MetricSourcesService } from './metric-sources.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [DatasetsModule, PipelinesModule],
  controllers: [MetricsController],
  providers: [MetricsService, MetricSourcesService],
})
export class MetricsModule {}
