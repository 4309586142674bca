import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ScheduleView } from '@sluice/contracts';

import { SchedulesPage } from './schedules-page';

const WEEKLY: ScheduleView = {
  id: 'email-weekly',
  source: 'email_engagement',
  prefix: 'inbox/email_engagement/',
  cron: '0 6 * * 1',
  timeZone: 'Europe/Berlin',
  paused: false,
  missingInTemporal: false,
  filesWaiting: 2,
  nextRuns: ['2026-11-30T05:00:00.000Z'],
  recentRuns: [],
  recentJobs: [{ id: 'a1b2c3d4-0000-4000-8000-000000000000', status: 'processed', createdAt: '2026-11-23T05:00:00.000Z' }],
  createdAt: '2026-11-01T00:00:00.000Z',
};

describe('SchedulesPage', () => {
  let http: HttpTestingController;

  async function open(schedules: ScheduleView[]): Promise<{ fixture: ComponentFixture<SchedulesPage>; page: HTMLElement }> {
    TestBed.configureTestingModule({ imports: [SchedulesPage], providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(SchedulesPage);
    fixture.detectChanges();
    http.expectOne('/api/datasets').flush([{ version: 1, definition: { name: 'people', label: 'People' } }]);
    http.expectOne('/api/pipelines').flush([{ definition: { name: 'email_engagement', label: 'Email engagement' }, origin: 'preset', updatedAt: '2026-11-01T00:00:00.000Z' }]);
    http.expectOne('/api/schedules').flush(schedules);
    await settle(fixture);
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  async function settle(fixture: ComponentFixture<SchedulesPage>): Promise<void> {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  function button(page: HTMLElement, label: string): HTMLButtonElement {
    const found = page.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
    if (!found) throw new Error(`No button "${label}"`);
    return found;
  }

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('lists each schedule with its inbox, timing, state, waiting files and recent jobs', async () => {
    const { page } = await open([WEEKLY, { ...WEEKLY, id: 'people-inbox', source: 'people', prefix: 'inbox/people/', paused: true, recentJobs: [], nextRuns: [] }]);
    const rows = Array.from(page.querySelectorAll('table.schedules tbody tr'));
    expect(rows.map((row) => row.querySelector('.schedule-state')?.textContent?.trim())).toEqual(['active', 'paused']);
    expect(rows[0].textContent).toContain('inbox/email_engagement/');
    expect(rows[0].textContent).toContain('0 6 * * 1 Europe/Berlin');
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('/jobs/a1b2c3d4-0000-4000-8000-000000000000');
    expect(rows[0].querySelector('.chip--processed')).not.toBeNull();
    expect(button(page, 'Pause email-weekly')).toBeTruthy();
    expect(button(page, 'Resume people-inbox')).toBeTruthy();
    expect(Array.from(page.querySelectorAll('optgroup')).map((g) => g.querySelectorAll('option').length)).toEqual([1, 1]);
  });

  it('says so when there are no schedules', async () => {
    const { page } = await open([]);
    expect(page.querySelector('.empty')?.textContent).toContain('No schedules yet');
  });

  it('creates a schedule from the form, announces its inbox and reads the list again', async () => {
    const { fixture, page } = await open([]);
    fixture.componentInstance.source.set('email_engagement');
    fixture.componentInstance.timeZone.set('Europe/Berlin');
    fixture.componentInstance.id.set(' email-weekly ');
    page.querySelector<HTMLButtonElement>('form button[type="submit"]')?.click();
    const post = http.expectOne('/api/schedules');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ source: 'email_engagement', cron: '0 6 * * 1', timeZone: 'Europe/Berlin', id: 'email-weekly' });
    post.flush(WEEKLY);
    await settle(fixture);
    // Not announced while the list still lacks the new schedule.
    expect(page.querySelector('.saved')).toBeNull();
    http.expectOne({ method: 'GET', url: '/api/schedules' }).flush([WEEKLY]);
    await settle(fixture);
    expect(page.querySelector('.saved')?.textContent).toBe('Schedule email-weekly created: drop CSV files under inbox/email_engagement/');
    expect(page.querySelectorAll('table.schedules tbody tr').length).toBe(1);
  });

  it("asks for a source before sending anything, and shows the API's refusal", async () => {
    const { fixture, page } = await open([]);
    fixture.componentInstance.create();
    await settle(fixture);
    expect(page.querySelector('[role="alert"]')?.textContent).toBe('Choose the dataset or pipeline whose files the inbox collects');

    fixture.componentInstance.source.set('people');
    fixture.componentInstance.cron.set('every monday');
    fixture.componentInstance.create();
    http.expectOne('/api/schedules').flush({ message: 'Invalid cron expression "every monday"' }, { status: 400, statusText: 'Bad Request' });
    await settle(fixture);
    expect(page.querySelector('[role="alert"]')?.textContent).toBe('Invalid cron expression "every monday"');
  });

  it('pauses, runs now, and deletes only after a second click', async () => {
    const { fixture, page } = await open([WEEKLY]);
    button(page, 'Pause email-weekly').click();
    const patch = http.expectOne('/api/schedules/email-weekly');
    expect([patch.request.method, patch.request.body]).toEqual(['PATCH', { paused: true }]);
    patch.flush({ ...WEEKLY, paused: true });
    http.expectOne('/api/schedules').flush([{ ...WEEKLY, paused: true }]);
    await settle(fixture);
    expect(page.querySelector('.saved')?.textContent).toBe('Schedule email-weekly paused');
    expect(page.querySelector('.schedule-state')?.textContent?.trim()).toBe('paused');

    button(page, 'Run now: email-weekly').click();
    http.expectOne('/api/schedules/email-weekly/trigger').flush({ triggered: true }, { status: 202, statusText: 'Accepted' });
    http.expectOne('/api/schedules').flush([{ ...WEEKLY, paused: true }]);
    await settle(fixture);
    expect(page.querySelector('.saved')?.textContent).toContain('Schedule email-weekly started');

    button(page, 'Delete email-weekly').click();
    await settle(fixture);
    http.expectNone('/api/schedules/email-weekly');
    button(page, 'Confirm delete of email-weekly').click();
    const deletion = http.expectOne('/api/schedules/email-weekly');
    expect(deletion.request.method).toBe('DELETE');
    deletion.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(page.querySelector('.saved')).toBeNull();
    http.expectOne('/api/schedules').flush([]);
    await settle(fixture);
    expect(page.querySelector('.empty')?.textContent).toContain('No schedules yet');
    expect(page.querySelector('.saved')?.textContent).toBe('Schedule email-weekly deleted; files still waiting stay in inbox/email_engagement/');
  });

  it("changes a schedule's timing in its row, keeping the form open when the API refuses it", async () => {
    const { fixture, page } = await open([WEEKLY]);
    button(page, 'Change timing of email-weekly').click();
    await settle(fixture);
    const cron = page.querySelector<HTMLInputElement>('input[aria-label="Cron of email-weekly"]') as HTMLInputElement;
    expect(cron.value).toBe('0 6 * * 1');
    cron.value = 'every day';
    cron.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('.timing-form button[type="submit"]')?.click();
    http.expectOne('/api/schedules/email-weekly').flush({ message: 'Invalid cron expression "every day"' }, { status: 400, statusText: 'Bad Request' });
    await settle(fixture);
    expect(page.querySelector('[role="alert"]')?.textContent).toBe('Invalid cron expression "every day"');
    expect(page.querySelector('.timing-form')).not.toBeNull();

    fixture.componentInstance.editTiming({ cron: '30 7 * * 1-5', timeZone: 'Europe/Berlin' });
    fixture.componentInstance.saveTiming();
    const patch = http.expectOne('/api/schedules/email-weekly');
    expect([patch.request.method, patch.request.body]).toEqual(['PATCH', { cron: '30 7 * * 1-5', timeZone: 'Europe/Berlin' }]);
    patch.flush({ ...WEEKLY, cron: '30 7 * * 1-5' });
    http.expectOne('/api/schedules').flush([{ ...WEEKLY, cron: '30 7 * * 1-5' }]);
    await settle(fixture);
    expect(page.querySelector('.saved')?.textContent).toBe('Schedule email-weekly now runs at "30 7 * * 1-5" in Europe/Berlin');
    expect(page.querySelector('.timing-form')).toBeNull();
    expect(page.querySelector('table.schedules tbody tr')?.textContent).toContain('30 7 * * 1-5');
  });
});
