import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CorrectMergeResult, JobDetailView, MergeCorrectionView, SessionView, WorkspaceRole } from '@sluice/contracts';

import { SessionService } from '../../core/session.service';
import { MergeReviewPage } from './merge-review-page';
import { groupsPage, JANE, JOHN, PEOPLE_JOB, PEOPLE_MERGE } from './merge-review.fixtures';
import type { MergeGroupsPage } from './merges-api.service';

const LIST = '/api/jobs/j1/merges?page=1&pageSize=20&order=review';
const CORRECTIONS = '/api/jobs/j1/merges/corrections';

const SPLIT_JANE: MergeCorrectionView = {
  id: 'k1',
  correction: { kind: 'split', records: [{ file: 0, line: 2 }] },
  createdAt: '2026-12-02T11:00:00.000Z',
  createdBy: 'ada@example.com',
};

function sessionAs(role: WorkspaceRole): SessionView {
  const workspace = { id: 'w1', name: 'Default', role };
  return { user: { id: 'u1', email: 'ada@example.com', name: 'Ada', hasPassword: true }, workspace, workspaces: [workspace], expiresAt: '2026-12-10T00:00:00.000Z' };
}

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('MergeReviewPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<MergeReviewPage>;
  let page: HTMLElement;

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  async function settle(): Promise<void> {
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  /** Answers the page's three reads: the job, a page of groups and the corrections. */
  async function answer(listing: MergeGroupsPage, corrections: MergeCorrectionView[] = [], job: JobDetailView = PEOPLE_JOB): Promise<void> {
    http.expectOne('/api/jobs/j1').flush(job);
    http.expectOne(LIST).flush(listing);
    http.expectOne(CORRECTIONS).flush(corrections);
    await settle();
  }

  async function relist(url: string, listing: MergeGroupsPage): Promise<void> {
    http.expectOne(url).flush(listing);
    await settle();
  }

  async function open(listing: MergeGroupsPage, { role = 'editor' as WorkspaceRole, corrections = [] as MergeCorrectionView[] } = {}): Promise<void> {
    TestBed.configureTestingModule({ imports: [MergeReviewPage], providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionService).ensure().subscribe();
    http.expectOne('/api/session').flush(sessionAs(role));
    fixture = TestBed.createComponent(MergeReviewPage);
    fixture.componentRef.setInput('id', 'j1');
    page = fixture.nativeElement as HTMLElement;
    await settle();
    await answer(listing, corrections);
  }

  const card = (clusterId: string) => page.querySelector(`article[aria-labelledby="merge-group-${clusterId}"]`) as HTMLElement;
  const button = (scope: Element, name: string) => Array.from(scope.querySelectorAll('button')).find((b) => text(b) === name) as HTMLButtonElement;
  function tick(scope: Element, labelText: string): void {
    const label = Array.from(scope.querySelectorAll('label')).find((l) => text(l) === labelText);
    const box = label?.querySelector('input[type="checkbox"]') as HTMLInputElement;
    box.checked = !box.checked;
    box.dispatchEvent(new Event('change'));
    fixture.detectChanges();
  }

  it('shows each group’s records side by side: survivor first, file and line, evidence, conflicts and what the survivor kept', async () => {
    await open(groupsPage([JOHN, JANE]));
    expect(text(page.querySelector('.merge-review__summary'))).toBe('people · output version 1 · 6 records → 4 · 2 groups, 1 flagged');
    expect(Array.from(page.querySelectorAll('article h3')).map(text)).toEqual(['Group c2 · 2 records', 'Group c1 · 2 records']);

    const jane = card('c1');
    expect(Array.from(jane.querySelectorAll('thead th')).map(text)).toEqual(['Field', 'Survivor (output)', 'event.csv line 2', 'crm.csv line 2']);
    const rows = Array.from(jane.querySelectorAll('tbody tr'));
    expect(rows.map((row) => text(row.querySelector('th')))).toEqual(['Why in group', 'first_name', 'last_name', 'email', 'job_title conflict', 'person_location']);
    expect(Array.from(rows[0].querySelectorAll('td')).map(text)).toEqual(['—', 'First record of the group', 'Same key: email']);
    const title = rows[4];
    expect(title.classList).toContain('merge-group__row--conflict');
    const [survivor, eventTitle, crmTitle] = Array.from(title.querySelectorAll('td'));
    expect(survivor.classList).toContain('merge-group__survivor');
    expect(text(eventTitle)).toBe('VP Sales ✓(kept in the survivor)');
    expect(eventTitle.classList).toContain('merge-group__cell--contributed');
    expect(text(crmTitle)).toBe('Sales lead ≠(differs from the survivor)');
    expect(crmTitle.classList).toContain('merge-group__cell--conflict');

    const john = card('c2');
    expect(john.classList).toContain('merge-group--flagged');
    expect(Array.from(john.querySelectorAll('.merge-group__facts span')).map(text)).toEqual(['certainty 87.0 %', 'Flagged for review']);
    expect(text(john.querySelector('.merge-group__strong'))).toBe('Strong identifier customer_id disagrees: C-1 ≠ C-2. These may be different records merged by mistake.');
    expect(text(john.querySelector('.merge-group__evidence td:last-child'))).toBe('Probabilistic match: last_name + company_domain ≈ first_name, probability 87.3 %');
    expect(text(page.querySelector('section[aria-labelledby="corrections-title"] .empty'))).toBe('No corrections yet.');
  });

  it('orders the groups, shows only flagged ones, and pages through them', async () => {
    await open(groupsPage([JOHN, JANE], 1, 45));
    expect(text(page.querySelector('nav[aria-label="Group pages"] span'))).toBe('Page 1 of 3 · 45 groups');
    const order = page.querySelector('select[name="order"]') as HTMLSelectElement;
    order.value = 'size';
    order.dispatchEvent(new Event('change'));
    await settle();
    // Only the groups are read again.
    await relist('/api/jobs/j1/merges?page=1&pageSize=20&order=size', groupsPage([JANE], 1, 45));
    (Array.from(page.querySelectorAll('nav[aria-label="Group pages"] button')).find((b) => text(b) === 'Next') as HTMLButtonElement).click();
    await settle();
    await relist('/api/jobs/j1/merges?page=2&pageSize=20&order=size', groupsPage([JOHN], 1, 45, 2));
    expect(text(page.querySelector('nav[aria-label="Group pages"] span'))).toBe('Page 2 of 3 · 45 groups');

    const flagged = page.querySelector('input[name="flaggedOnly"]') as HTMLInputElement;
    flagged.checked = true;
    flagged.dispatchEvent(new Event('change'));
    await settle();
    await relist('/api/jobs/j1/merges?page=1&pageSize=20&order=size&flagged=true', groupsPage([], 1, 0));
    expect(text(page.querySelector('section[aria-labelledby="groups-title"] .empty'))).toBe('No flagged groups in output version 1.');
  });

  it('splits ticked records out, shows the rebuild, and reads the groups of the new output version', async () => {
    await open(groupsPage([JANE, JOHN]));
    const jane = card('c1');
    const split = button(jane, 'Split into a new group');
    expect(split.disabled).toBe(true);
    tick(jane, 'event.csv line 2');
    tick(jane, 'crm.csv line 2');
    expect(split.disabled).toBe(true);
    expect(text(jane.querySelector('.merge-group__actions .hint'))).toBe('Leave at least one record in the group.');
    tick(jane, 'event.csv line 2');
    expect(split.disabled).toBe(false);
    split.click();

    const post = http.expectOne(CORRECTIONS);
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ kind: 'split', records: [{ file: 0, line: 2 }] });
    post.flush({ jobId: 'j1', outputVersion: 2, correction: SPLIT_JANE } satisfies CorrectMergeResult, { status: 202, statusText: 'Accepted' });
    await settle();
    // While the workflow rebuilds, the API may refuse to list: the groups shown stay, every action waits.
    http.expectOne('/api/jobs/j1').flush(PEOPLE_JOB);
    http.expectOne(LIST).flush({ statusCode: 409, message: 'The output of job j1 is being rebuilt' }, { status: 409, statusText: 'Conflict' });
    http.expectOne(CORRECTIONS).flush([SPLIT_JANE]);
    await settle();
    expect(page.querySelector('[role="alert"]')).toBeNull();
    expect(card('c1')).not.toBeNull();
    expect(text(page.querySelector('.merge-review__status'))).toBe('Split crm.csv line 2 out to stand alone: rebuilding the output as version 2…');
    expect(button(page, 'Join groups').disabled).toBe(true);
    expect((card('c1').querySelector('input[type="checkbox"]') as HTMLInputElement).disabled).toBe(true);
    expect(text(page.querySelector('table.corrections tbody tr td:nth-child(3)'))).toBe('Split crm.csv line 2 out to stand alone');

    // The poll reads again each second until the groups come from version 2.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await settle();
    await answer(groupsPage([JOHN], 2), [SPLIT_JANE], { ...PEOPLE_JOB, outputVersion: 2, merge: { ...PEOPLE_MERGE, rowsOut: 5, groups: 1 } });
    expect(text(page.querySelector('.merge-review__status'))).toBe('Split crm.csv line 2 out to stand alone. Output version 2 is ready.');
    expect(text(page.querySelector('.merge-review__summary'))).toBe('people · output version 2 · 6 records → 5 · 1 group, 1 flagged');
    expect(card('c1')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    http.expectNone('/api/jobs/j1');
  });

  it('joins the groups ticked, one record of each', async () => {
    await open(groupsPage([JANE, JOHN]));
    const join = button(page, 'Join groups');
    tick(card('c1'), 'Select group c1 to join');
    expect(join.disabled).toBe(true);
    tick(card('c2'), 'Select group c2 to join');
    expect(text(page.querySelector('#join-hint'))).toMatch(/^2 selected/);
    join.click();
    const post = http.expectOne(CORRECTIONS);
    expect(post.request.body).toEqual({
      kind: 'join',
      records: [
        { file: 1, line: 2 },
        { file: 0, line: 3 },
      ],
    });
    post.flush({ message: 'A rebuild of this job’s output is running: try again once it is done' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(text(page.querySelector('[role="alert"]'))).toBe('A rebuild of this job’s output is running: try again once it is done');
    expect(join.disabled).toBe(false);
  });

  it('undoes a correction and waits for the output without it', async () => {
    await open(groupsPage([JOHN], 2), { corrections: [SPLIT_JANE] });
    const undo = page.querySelector('table.corrections button') as HTMLButtonElement;
    expect(undo.getAttribute('aria-label')).toBe('Undo: Split crm.csv line 2 out to stand alone');
    expect(text(page.querySelector('table.corrections tbody tr'))).toContain('ada@example.com');
    undo.click();
    const request = http.expectOne(`${CORRECTIONS}/k1`);
    expect(request.request.method).toBe('DELETE');
    request.flush({ jobId: 'j1', outputVersion: 3, correction: SPLIT_JANE } satisfies CorrectMergeResult);
    await settle();
    await answer(groupsPage([JANE, JOHN], 3), []);
    expect(text(page.querySelector('.merge-review__status'))).toBe('Undid “Split crm.csv line 2 out to stand alone”. Output version 3 is ready.');
    expect(card('c1')).not.toBeNull();
  });

  it('shows viewers the groups without checkboxes or actions', async () => {
    await open(groupsPage([JANE]), { role: 'viewer', corrections: [SPLIT_JANE] });
    expect(page.querySelectorAll('article').length).toBe(1);
    expect(page.querySelectorAll('article input, article button').length).toBe(0);
    expect(button(page, 'Join groups')).toBeUndefined();
    expect(page.querySelector('table.corrections button')).toBeNull();
    expect(text(page.querySelector('.read-only'))).toContain('correcting merges needs the editor or owner role');
  });

  it('keeps the groups shown when a later read is refused, and says why', async () => {
    await open(groupsPage([JANE]));
    const order = page.querySelector('select[name="order"]') as HTMLSelectElement;
    order.value = 'certainty';
    order.dispatchEvent(new Event('change'));
    await settle();
    http
      .expectOne('/api/jobs/j1/merges?page=1&pageSize=20&order=certainty')
      .flush({ statusCode: 409, message: 'The output of job j1 is being rebuilt: try again in a moment' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(text(page.querySelector('section[aria-labelledby="groups-title"] [role="alert"]'))).toBe('The output of job j1 is being rebuilt: try again in a moment');
    expect(card('c1')).not.toBeNull();
  });

  it('says why the groups cannot be listed', async () => {
    TestBed.configureTestingModule({ imports: [MergeReviewPage], providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MergeReviewPage);
    fixture.componentRef.setInput('id', 'j1');
    page = fixture.nativeElement as HTMLElement;
    await settle();
    http.expectOne('/api/jobs/j1').flush({ ...PEOPLE_JOB, status: 'processing', merge: null });
    http.expectOne(LIST).flush({ statusCode: 409, message: 'Job j1 has no merge result yet: it is still processing' }, { status: 409, statusText: 'Conflict' });
    http.expectOne(CORRECTIONS).flush([]);
    await settle();
    expect(text(page.querySelector('section[aria-labelledby="groups-title"] [role="alert"]'))).toBe('Job j1 has no merge result yet: it is still processing');
  });
});
