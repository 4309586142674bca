import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { PipelineDefinition, StoredPipeline } from '@sluice/contracts';

import { PipelineEditorPage } from './pipeline-editor-page';
import { PipelinesPage } from './pipelines-page';

const OPENS: PipelineDefinition = {
  name: 'campaign_opens',
  label: 'Campaign opens',
  base: 'email_sends',
  joins: [
    {
      dataset: 'email_opens',
      type: 'left',
      on: [
        { left: 'recipient_email', right: 'recipient_email' },
        { left: 'date_sent', right: 'sent_on' },
      ],
      columns: [{ field: 'open_count', aggregate: 'sum' }],
    },
  ],
};
const STORED: StoredPipeline = { definition: OPENS, origin: 'custom', updatedAt: '2026-11-20T10:00:00.000Z' };

describe('pipelines in the admin', () => {
  let http: HttpTestingController;

  function setUp(): void {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  }

  async function settle<T>(fixture: ComponentFixture<T>): Promise<HTMLElement> {
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  async function openEditor(name: string): Promise<{ fixture: ComponentFixture<PipelineEditorPage>; page: HTMLElement }> {
    const fixture = TestBed.createComponent(PipelineEditorPage);
    fixture.componentRef.setInput('name', name);
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  function button(page: HTMLElement, text: string): HTMLButtonElement {
    const found = Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
    if (!found) throw new Error(`No button "${text}"`);
    return found;
  }

  beforeEach(setUp);

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('lists pipelines with their joins in words and where they come from', async () => {
    const fixture = TestBed.createComponent(PipelinesPage);
    fixture.detectChanges();
    http.expectOne('/api/pipelines').flush([STORED]);
    const page = await settle(fixture);
    expect(page.querySelector('tbody a')?.getAttribute('href')).toBe('/pipelines/campaign_opens');
    expect(page.querySelector('.join-line')?.textContent).toBe('left join email_opens on recipient_email and date_sent = sent_on, adding open_count (sum)');
    expect(page.querySelector('tbody tr td:last-child')?.textContent).toBe('custom');
  });

  it('edits a pipeline as JSON: refuses text that is not JSON, checks with the API and saves what was written', async () => {
    const { fixture, page } = await openEditor('campaign_opens');
    http.expectOne('/api/pipelines/campaign_opens').flush(STORED);
    await settle(fixture);
    const textarea = page.querySelector('textarea') as HTMLTextAreaElement;
    expect(JSON.parse(textarea.value)).toEqual(OPENS);
    expect(page.querySelector('#pipeline-json-state')?.textContent).toContain('then left join email_opens');

    fixture.componentInstance.text.set('{ "base": ');
    await settle(fixture);
    expect(page.querySelector('.json-error')?.textContent).toMatch(/^Not valid JSON: /);
    button(page, 'Save').click();
    http.expectNone('/api/pipelines/campaign_opens');

    const changed = { ...OPENS, label: 'Opens per campaign' };
    fixture.componentInstance.text.set(JSON.stringify(changed));
    button(page, 'Check').click();
    http.expectOne({ method: 'POST', url: '/api/pipelines/check' }).flush(changed);
    await settle(fixture);
    expect(page.querySelector('.saved')?.textContent).toBe('The definition fits the current datasets');

    button(page, 'Save').click();
    const put = http.expectOne({ method: 'PUT', url: '/api/pipelines/campaign_opens' });
    expect(put.request.body).toEqual(changed);
    put.flush({ ...STORED, definition: changed });
    await settle(fixture);
    expect(page.querySelector('.saved')?.textContent).toBe('Saved campaign_opens; the next job uses it');
  });

  it("lists the API's problems by path and saves nothing", async () => {
    const { fixture, page } = await openEditor('campaign_opens');
    http.expectOne('/api/pipelines/campaign_opens').flush(STORED);
    await settle(fixture);
    button(page, 'Save').click();
    http
      .expectOne('/api/pipelines/campaign_opens')
      .flush(
        { message: 'Invalid pipeline definition', problems: [{ path: 'joins.0.on.1.right', message: 'email_opens has no field "sent_on"' }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(fixture);
    expect(page.querySelector('.problems li')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('joins.0.on.1.right email_opens has no field "sent_on"');
    expect(page.querySelector('.saved')).toBeNull();
  });

  it('starts a new pipeline from a template of real datasets and opens it once saved', async () => {
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    const { fixture, page } = await openEditor('new');
    http.expectOne('/api/datasets').flush([
      { version: 1, definition: { name: 'people' } },
      { version: 1, definition: { name: 'company' } },
    ]);
    await settle(fixture);
    expect(JSON.parse((page.querySelector('textarea') as HTMLTextAreaElement).value)).toMatchObject({ name: 'my_pipeline', base: 'people', joins: [{ dataset: 'company' }] });
    expect(page.textContent).not.toContain('Delete');

    fixture.componentInstance.text.set(JSON.stringify({ ...OPENS, name: 'people_companies' }));
    button(page, 'Save').click();
    http.expectOne({ method: 'PUT', url: '/api/pipelines/people_companies' }).flush({ ...STORED, definition: { ...OPENS, name: 'people_companies' } });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/pipelines', 'people_companies']);
  });

  it("deletes a user's pipeline after a second click, and offers no delete for a preset", async () => {
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    const { fixture, page } = await openEditor('campaign_opens');
    http.expectOne('/api/pipelines/campaign_opens').flush(STORED);
    await settle(fixture);
    button(page, 'Delete').click();
    await settle(fixture);
    http.expectNone('/api/pipelines/campaign_opens');
    button(page, 'Confirm delete').click();
    http.expectOne({ method: 'DELETE', url: '/api/pipelines/campaign_opens' }).flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/pipelines']);

    fixture.componentRef.setInput('name', 'email_engagement');
    await settle(fixture);
    http.expectOne('/api/pipelines/email_engagement').flush({ ...STORED, origin: 'preset' });
    await settle(fixture);
    expect(Array.from(page.querySelectorAll('button')).map((b) => b.textContent?.trim())).toEqual(['Check', 'Save']);
  });
});
