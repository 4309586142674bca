import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ComparisonView, MetricSourceView, SeriesView } from '@sluice/contracts';

import { Access } from '../../infra/auth/access.decorator';
import { CurrentWorkspace } from '../../infra/auth/current-principal.decorator';
import { CompareMetricsDto, MetricSeriesDto } from './metric-query.dto';
import { MetricSourcesService } from './metric-sources.service';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly sources: MetricSourcesService,
  ) {}

  @Get('sources')
  @Access('read')
  @ApiOperation({ summary: 'Datasets and pipelines with metrics: their metrics, dimensions, time zone and recorded days' })
  listSources(@CurrentWorkspace() workspaceId: string): Promise<MetricSourceView[]> {
    return this.sources.views(workspaceId);
  }

  @Get('compare')
  @Access('read')
  @ApiOperation({ summary: 'Week-on-week (ISO weeks) or month-on-month: each period against the previous one, a KPI, and a per-dimension breakdown' })
  @ApiResponse({ status: 400, description: 'Unknown source, metric or dimension; bad dates or granularity' })
  compare(@CurrentWorkspace() workspaceId: string, @Query() query: CompareMetricsDto): Promise<ComparisonView> {
    return this.metrics.compare(workspaceId, query);
  }

  @Get('compare.csv')
  @Access('read')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="comparison.csv"')
  @ApiOperation({ summary: 'The comparison as CSV' })
  compareCsv(@CurrentWorkspace() workspaceId: string, @Query() query: CompareMetricsDto): Promise<string> {
    return this.metrics.compareCsv(workspaceId, query);
  }

  @Get('series')
  @Access('read')
  @ApiOperation({ summary: 'A metric per day, week or month, for trend charts' })
  series(@CurrentWorkspace() workspaceId: string, @Query() query: MetricSeriesDto): Promise<SeriesView> {
    return this.metrics.series(workspaceId, query);
  }
}
