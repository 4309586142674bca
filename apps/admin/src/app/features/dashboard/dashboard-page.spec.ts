import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { NO_ERRORS_SCHEMA } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { BarChartModule, LineChartModule } from '@swimlane/ngx-charts';
import type { ComparisonView, MetricSourceView, SeriesView } from '@sluice/contracts';

import { DashboardPage } from './dashboard-page';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const SOURCES: MetricSourceView[] = [
  {
    name: 'transactions',
    kind: 'dataset',
    label: 'Transactions',
    timeZone: 'UTC',
    dateField: 'timestamp',
    dimensions: ['region'],
    metrics: [{ name: 'revenue', label: 'Revenue', percent: false }],
    firstDay: null,
    lastDay: null,
  },
  {
    name: 'email_engagement',
    kind: 'pipeline',
    label: 'Email engagement',
    timeZone: 'UTC',
    dateField: 'date_sent',
    dimensions: ['domain'],
    metrics: [
      { name: 'open_rate', label: 'Open rate', percent: true },
      { name: 'sends', label: 'Sends', percent: false },
    ],
    firstDay: '2026-01-26',
    lastDay: '2026-02-08',
  },
];

const COMPARISON: ComparisonView = {
  source: 'email_engagement',
  metric: 'open_rate',
  granularity: 'week',
  timeZone: 'UTC',
  from: '2026-01-26',
  to: '2026-02-08',
  periods: [
    { period: '2026-01-26', label: '2026-W05', start: '2026-01-26', end: '2026-02-01', value: 0.5, previous: null, change: null, changePct: null },
    { period: '2026-02-02', label: '2026-W06', start: '2026-02-02', end: '2026-02-08', value: 0.4, previous: 0.5, change: -0.1, changePct: -20 },
  ],
  kpi: { period: '2026-W06', current: 0.4, previous: 0.5, change: -0.1, changePct: -20 },
  dimension: null,
  dimensionValue: null,
  breakdown: [],
};

const SERIES: SeriesView = {
  ...COMPARISON,
  granularity: 'week',
  points: [
    { period: '2026-01-26', label: '2026-W05', value: 0.5 },
    { period: '2026-02-02', label: '2026-W06', value: 0.4 },
  ],
};

describe('DashboardPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [DashboardPage], providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    // Charts draw SVG that a test DOM cannot measure; their inputs are checked instead.
    TestBed.overrideComponent(DashboardPage, { remove: { imports: [LineChartModule, BarChartModule] }, add: { schemas: [NO_ERRORS_SCHEMA] } });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => TestBed.resetTestingModule());

  async function open(address: Record<string, string> = {}) {
    const fixture = TestBed.createComponent(DashboardPage);
    for (const [name, value] of Object.entries(address)) fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
    http.expectOne('/api/metrics/sources').flush(SOURCES);
    await tick();
    fixture.detectChanges();
    await tick();
    return fixture;
  }

  it('starts on a source with data and shows KPI cards, the trend and the period comparison', async () => {
    const fixture = await open();
    const compare = http.expectOne((r) => r.url === '/api/metrics/compare');
    expect(compare.request.params.toString()).toBe('source=email_engagement&metric=open_rate&granularity=week');
    compare.flush(COMPARISON);
    http.expectOne((r) => r.url === '/api/metrics/series').flush(SERIES);
    await fixture.whenStable();
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    expect(Array.from(page.querySelectorAll('.kpi__value')).map((e) => e.textContent?.trim())).toEqual(['40.0 %', '50.0 %', '-20.0 %']);
    expect(page.querySelector('.kpi--down')).not.toBeNull();
    expect(fixture.componentInstance.trend()).toEqual([
      {
        name: 'Open rate',
        series: [
          { name: '2026-W05', value: 0.5 },
          { name: '2026-W06', value: 0.4 },
        ],
      },
    ]);
    expect(fixture.componentInstance.periodBars()[1]).toEqual({
      name: '2026-W06',
      series: [
        { name: 'Previous period', value: 0.5 },
        { name: 'This period', value: 0.4 },
      ],
    });
    expect(page.querySelector('a.export')?.getAttribute('href')).toBe('/api/metrics/compare.csv?source=email_engagement&metric=open_rate&granularity=week');
    expect(page.querySelector('ngx-charts-line-chart')).not.toBeNull();
  });

  it('asks again per month and by dimension, and lists the top values', async () => {
    const fixture = await open();
    http.expectOne((r) => r.url === '/api/metrics/compare').flush(COMPARISON);
    http.expectOne((r) => r.url === '/api/metrics/series').flush(SERIES);
    fixture.componentInstance.granularity.set('month');
    fixture.componentInstance.dimension.set('domain');
    fixture.componentInstance.metricName.set('sends');
    await tick();
    const compare = http.expectOne((r) => r.url === '/api/metrics/compare');
    expect(compare.request.params.toString()).toBe('source=email_engagement&metric=sends&granularity=month&dimension=domain');
    compare.flush({ ...COMPARISON, metric: 'sends', dimension: 'domain', breakdown: [{ value: 'acme.com', current: 12, previous: 10, change: 2, changePct: 20 }] });
    const series = http.expectOne((r) => r.url === '/api/metrics/series');
    expect(series.request.params.has('dimension')).toBe(false);
    series.flush(SERIES);
    await fixture.whenStable();
    fixture.detectChanges();
    const rows = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('.top-dimensions tbody tr')).map((r) =>
      Array.from(r.querySelectorAll('td')).map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([['acme.com', '12', '10', '+20.0 %']]);
  });

  it('shows the API message when a comparison is refused', async () => {
    const fixture = await open();
    http.expectOne((r) => r.url === '/api/metrics/compare').flush({ message: 'from (2026-03-01) is after to (2026-02-01)' }, { status: 400, statusText: 'Bad Request' });
    // The failed comparison cancels the trend request that went with it.
    await fixture.whenStable();
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toBe('from (2026-03-01) is after to (2026-02-01)');
  });

  it('opens the view its address names, ignores what does not exist, and keeps the address in step', async () => {
    const fixture = await open({ source: 'email_engagement', metric: 'sends', granularity: 'month', from: '2026-01-01', to: 'soon', dimension: 'planet' });
    const compare = http.expectOne((r) => r.url === '/api/metrics/compare');
    expect(compare.request.params.toString()).toBe('source=email_engagement&metric=sends&granularity=month&from=2026-01-01');
    compare.flush(COMPARISON);
    http.expectOne((r) => r.url === '/api/metrics/series').flush(SERIES);
    await fixture.whenStable();
    const router = TestBed.inject(Router);
    expect(router.url).toBe('/?source=email_engagement&metric=sends&granularity=month&from=2026-01-01');

    fixture.componentInstance.dimension.set('domain');
    await tick();
    http.expectOne((r) => r.url === '/api/metrics/compare').flush(COMPARISON);
    http.expectOne((r) => r.url === '/api/metrics/series').flush(SERIES);
    await fixture.whenStable();
    expect(router.url).toBe('/?source=email_engagement&metric=sends&granularity=month&from=2026-01-01&dimension=domain');
  });
});
