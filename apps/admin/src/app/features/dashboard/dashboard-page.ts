import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { BarChartModule, Color, LineChartModule, ScaleType } from '@swimlane/ngx-charts';
import type { ComparisonGranularity, ComparisonView, SeriesView } from '@sluice/contracts';
import { COMPARISON_GRANULARITIES } from '@sluice/contracts';
import { catchError, combineLatest, map, of, switchMap } from 'rxjs';

import { describeHttpError } from '../../core/jobs-api.service';
import { MetricQuery, MetricsApiService } from '../../core/metrics-api.service';
import { choicesOf } from '../../shared/choices';
import { Loaded, loadedSignal } from '../../shared/loaded';
import { formatChange, formatMetric } from './metric-format';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const GRANULARITIES = choicesOf<ComparisonGranularity>({ week: 'week on week', month: 'month on month' });
const isComparisonGranularity = (value: string | undefined): value is ComparisonGranularity => (COMPARISON_GRANULARITIES as readonly (string | undefined)[]).includes(value);

/** The dashboard's choices live in its address (?source=&metric=&granularity=&from=&to=&dimension=), so a view can be bookmarked and shared. */
@Component({
  selector: 'sl-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LineChartModule, BarChartModule],
  templateUrl: './dashboard-page.html',
})
export class DashboardPage {
  private readonly api = inject(MetricsApiService);
  private readonly router = inject(Router);

  /** The view asked for in the address; the job page links here with ?source=. Read once, when the sources arrive. */
  /* eslint-disable @angular-eslint/no-input-rename -- the router binds query parameters to inputs by name (?source=…), and `source` and `metric` already name computed views below */
  readonly sourceParam = input<string | undefined>(undefined, { alias: 'source' });
  readonly metricParam = input<string | undefined>(undefined, { alias: 'metric' });
  readonly granularityParam = input<string | undefined>(undefined, { alias: 'granularity' });
  readonly fromParam = input<string | undefined>(undefined, { alias: 'from' });
  readonly toParam = input<string | undefined>(undefined, { alias: 'to' });
  readonly dimensionParam = input<string | undefined>(undefined, { alias: 'dimension' });
  /* eslint-enable @angular-eslint/no-input-rename */

  readonly sources = loadedSignal(this.api.sources());
  readonly sourceName = signal('');
  readonly metricName = signal('');
  readonly granularities = GRANULARITIES;
  readonly granularity = signal<ComparisonGranularity>('week');
  readonly from = signal('');
  readonly to = signal('');
  readonly dimension = signal('');

  readonly source = computed(() => this.sources().value?.find((s) => s.name === this.sourceName()) ?? null);
  readonly metric = computed(() => this.source()?.metrics.find((m) => m.name === this.metricName()) ?? null);
  readonly percent = computed(() => this.metric()?.percent ?? false);

  readonly query = computed((): MetricQuery | null => {
    const source = this.source();
    const metric = this.metric();
    if (!source || !metric) return null;
    return {
      source: source.name,
      metric: metric.name,
      granularity: this.granularity(),
      from: this.from() || undefined,
      to: this.to() || undefined,
      dimension: this.dimension() || undefined,
    };
  });

  readonly data = toSignal(
    toObservable(this.query).pipe(
      switchMap((query) => {
        if (!query) return of({ value: null, error: null } as Loaded<{ comparison: ComparisonView; series: SeriesView }>);
        return combineLatest([this.api.compare(query), this.api.series(query)]).pipe(
          map(([comparison, series]) => ({ value: { comparison, series }, error: null })),
          catchError((error: unknown) => of({ value: null, error: describeHttpError(error) })),
        );
      }),
    ),
    { initialValue: { value: null, error: null } as Loaded<{ comparison: ComparisonView; series: SeriesView }> },
  );

  /** The trend line: one series, periods without data left out rather than drawn as zero. */
  readonly trend = computed(() => {
    const series = this.data().value?.series;
    if (!series) return [];
    return [{ name: this.metric()?.label ?? series.metric, series: series.points.filter((p) => p.value !== null).map((p) => ({ name: p.label, value: p.value as number })) }];
  });

  /** Each period next to the one before it. */
  readonly periodBars = computed(() =>
    (this.data().value?.comparison.periods ?? []).map((p) => ({
      name: p.label,
      series: [
        { name: 'Previous period', value: p.previous ?? 0 },
        { name: 'This period', value: p.value ?? 0 },
      ],
    })),
  );

  readonly csvUrl = computed(() => {
    const query = this.query();
    return query ? this.api.csvUrl(query) : null;
  });

  /** Previous periods grey, current ones blue, as the caption says. */
  readonly periodColors: Color = { name: 'periods', selectable: false, group: ScaleType.Ordinal, domain: ['#9aa5b4', '#2f6fde'] };
  readonly trendColors: Color = { name: 'trend', selectable: false, group: ScaleType.Ordinal, domain: ['#2f6fde'] };
  readonly formatMetric = formatMetric;
  readonly formatChange = formatChange;
  readonly formatAxis = (value: number) => formatMetric(value, this.percent());

  constructor() {
    // Starts on the view in the address, as far as it names what exists; else the first source with data and its first metric.
    effect(() => {
      const sources = this.sources().value;
      if (!sources?.length || this.sourceName()) return;
      untracked(() => {
        const wanted = sources.find((s) => s.name === this.sourceParam()) ?? sources.find((s) => s.lastDay) ?? sources[0];
        this.chooseSource(wanted.name);
        const metric = this.metricParam();
        if (metric && wanted.metrics.some((m) => m.name === metric)) this.metricName.set(metric);
        const granularity = this.granularityParam();
        if (isComparisonGranularity(granularity)) this.granularity.set(granularity);
        if (DAY.test(this.fromParam() ?? '')) this.from.set(this.fromParam() as string);
        if (DAY.test(this.toParam() ?? '')) this.to.set(this.toParam() as string);
        const dimension = this.dimensionParam();
        if (dimension && wanted.dimensions.includes(dimension)) this.dimension.set(dimension);
      });
    });
    // Keeps the address in step with the choices, without adding a history entry per change.
    effect(() => {
      const query = this.query();
      if (!query) return;
      const queryParams = {
        source: query.source,
        metric: query.metric,
        granularity: query.granularity,
        from: query.from ?? null,
        to: query.to ?? null,
        dimension: query.dimension ?? null,
      };
      untracked(() => void this.router.navigate([], { queryParams, replaceUrl: true }));
    });
  }

  chooseSource(name: string): void {
    this.sourceName.set(name);
    const source = this.sources().value?.find((s) => s.name === name);
    this.metricName.set(source?.metrics[0]?.name ?? '');
    this.dimension.set('');
  }

  trendOf(changePct: number | null): 'up' | 'down' | 'flat' {
    if (changePct === null || changePct === 0) return 'flat';
    return changePct > 0 ? 'up' : 'down';
  }
}
