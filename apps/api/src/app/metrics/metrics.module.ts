import { Module } from '@nestjs/common';

import { DatasetsModule } from '../datasets/datasets.module';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { MetricPartsRepository } from './metric-parts.repository';
import { MetricSourcesService } from './metric-sources.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [DatasetsModule, PipelinesModule],
  controllers: [MetricsController],
  providers: [MetricsService, MetricSourcesService, MetricPartsRepository],
})
export class MetricsModule {}
