import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DatasetDefinition } from '@sluice/contracts';
import { FIELD_TYPES } from '@sluice/contracts';

import { parseKeys, withDedupe } from './dataset-draft';
import { DatasetEditorPage } from './dataset-editor-page';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const PEOPLE: DatasetDefinition = {
  name: 'people',
  label: 'People',
  fields: [
    { name: 'email', type: 'email', required: false, synonyms: ['e-mail'] },
    { name: 'full_name', type: 'string', required: true, case: 'title' },
  ],
  dedupe: { keys: [['email'], ['full_name', 'company_domain']], policy: 'most_complete' },
};
const VERSIONS = [
  { version: 2, origin: 'update', createdAt: '2026-11-20T10:00:00.000Z', current: true },
  { version: 1, origin: 'preset', createdAt: '2026-11-19T10:00:00.000Z', current: false },
];

describe('DatasetEditorPage', () => {
  let http: HttpTestingController;

  async function open() {
    TestBed.configureTestingModule({ imports: [DatasetEditorPage], providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(DatasetEditorPage);
    fixture.componentRef.setInput('name', 'people');
    fixture.detectChanges();
    await tick();
    http.expectOne('/api/datasets/people').flush({ version: 2, definition: PEOPLE });
    http.expectOne('/api/datasets/people/versions').flush(VERSIONS);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  afterEach(() => TestBed.resetTestingModule());

  it('edits fields, synonyms and de-duplication keys, and saves them as a new version', async () => {
    const fixture = await open();
    const page = fixture.nativeElement as HTMLElement;
    expect((page.querySelector('input[name="dedupeKeys"]') as HTMLInputElement).value).toBe('email; full_name + company_domain');
    const synonyms = page.querySelector('input[aria-label="Synonyms of email"]') as HTMLInputElement;
    synonyms.value = 'e-mail, mail address';
    synonyms.dispatchEvent(new Event('change'));
    fixture.componentInstance.addField();
    fixture.componentInstance.updateField(2, 'name', 'company_domain');
    fixture.componentInstance.updateField(2, 'type', 'domain');
    fixture.componentInstance.save();
    const put = http.expectOne('/api/datasets/people');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body.fields).toEqual([
      { name: 'email', type: 'email', required: false, synonyms: ['e-mail', 'mail address'] },
      { name: 'full_name', type: 'string', required: true, case: 'title' },
      { name: 'company_domain', type: 'domain', required: false },
    ]);
    put.flush({ version: 3, definition: put.request.body });
    http.expectOne('/api/datasets/people').flush({ version: 3, definition: put.request.body });
    http.expectOne('/api/datasets/people/versions').flush(VERSIONS);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(page.querySelector('.saved')?.textContent).toBe('Saved as version 3');
  });

  it("offers every choice contracts know in its dropdowns, in the editor's words, with the definition's selected", async () => {
    const fixture = await open();
    const page = fixture.nativeElement as HTMLElement;
    const options = (select: string) =>
      Array.from(page.querySelectorAll<HTMLOptionElement>(`${select} option`)).map((o) => `${o.value}=${o.textContent?.trim()}${o.selected ? '*' : ''}`);
    expect(options('select[name="policy"]')).toEqual(['most_recent=from the latest file', 'most_complete=the most complete*', 'first=the first seen']);
    expect(options('select[name="defaultDateOrder"]')).toEqual(['MDY=M/D/Y*', 'DMY=D/M/Y']);
    expect(options('select[aria-label="Case of full_name"]')).toEqual(['=as is', 'title=Title*', 'lower=lower', 'upper=UPPER']);
    expect(options('select[aria-label="Type of email"]').map((o) => o.replace(/=.*/, ''))).toEqual([...FIELD_TYPES]);
  });

  it('lists the problems the API finds, by path, and saves nothing', async () => {
    const fixture = await open();
    fixture.componentInstance.updateField(0, 'name', 'E-Mail');
    fixture.componentInstance.save();
    http
      .expectOne('/api/datasets/people')
      .flush(
        { message: 'Invalid dataset definition', problems: [{ path: 'fields.0.name', message: 'must be lower_snake_case, starting with a letter' }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('.problems')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'fields.0.name must be lower_snake_case, starting with a letter',
    );
  });

  it('shows what changed since an old version, and restores it', async () => {
    const fixture = await open();
    fixture.componentInstance.compare(1);
    http.expectOne('/api/datasets/people/versions/1').flush({ version: 1, definition: { ...PEOPLE, label: 'Persons' } });
    http.expectOne('/api/datasets/people/versions/2').flush({ version: 2, definition: PEOPLE });
    await fixture.whenStable();
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('.diff__removed')?.textContent).toContain('"label": "Persons"');
    expect(page.querySelector('.diff__added')?.textContent).toContain('"label": "People"');
    (Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Restore v1') as HTMLButtonElement).click();
    http.expectOne('/api/datasets/people/versions/1/restore').flush({ version: 3, definition: { ...PEOPLE, label: 'Persons' } });
    fixture.detectChanges();
    // Until the restored definition is back in the form, the page must not claim it is restored.
    expect(page.querySelector('.saved')).toBeNull();
    http.expectOne('/api/datasets/people').flush({ version: 3, definition: { ...PEOPLE, label: 'Persons' } });
    http.expectOne('/api/datasets/people/versions').flush(VERSIONS);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(page.querySelector('.saved')?.textContent).toBe('Version 1 restored as version 3');
  });

  it('edits metrics as JSON, refuses text that is not JSON, and saves none when emptied', async () => {
    const fixture = await open();
    const page = fixture.nativeElement as HTMLElement;
    expect((page.querySelector('#dataset-metrics') as HTMLTextAreaElement).value).toBe('');
    const metrics = { dateField: 'signed_up', dimensions: [], metrics: [{ name: 'people', op: 'count' }] };
    fixture.componentInstance.metricsText.set(JSON.stringify(metrics));
    fixture.componentInstance.save();
    const put = http.expectOne('/api/datasets/people');
    expect(put.request.body.metrics).toEqual(metrics);
    put.flush({ version: 3, definition: put.request.body });
    http.expectOne('/api/datasets/people').flush({ version: 3, definition: put.request.body });
    http.expectOne('/api/datasets/people/versions').flush(VERSIONS);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(JSON.parse((page.querySelector('#dataset-metrics') as HTMLTextAreaElement).value)).toEqual(metrics);

    fixture.componentInstance.metricsText.set('{ "dateField": ');
    fixture.componentInstance.save();
    http.expectNone('/api/datasets/people');
    await fixture.whenStable();
    fixture.detectChanges();
    expect(page.querySelector('.problems li')?.textContent).toMatch(/^metrics is not valid JSON: /);

    fixture.componentInstance.metricsText.set('  ');
    fixture.componentInstance.save();
    expect('metrics' in http.expectOne('/api/datasets/people').request.body).toBe(false);
  });

  it('previews how a header row maps', async () => {
    const fixture = await open();
    fixture.componentInstance.previewHeaders.set('Mail, Name');
    fixture.componentInstance.runPreview();
    const preview = http.expectOne('/api/datasets/people/preview');
    expect(preview.request.body).toEqual({ headers: ['Mail', 'Name'] });
    preview.flush({
      columns: [
        { header: 'Mail', index: 0, field: 'email', score: 89, method: 'fuzzy' },
        { header: 'Name', index: 1, field: null, score: 0, method: 'unmapped' },
      ],
      missingRequired: ['full_name'],
    });
    await fixture.whenStable();
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelectorAll('.preview tbody tr').length).toBe(2);
    expect(page.textContent).toContain('Missing required: full_name');
  });
});

describe('dedupe keys as written in the editor', () => {
  it('reads alternatives and drops empty ones; empty keys remove de-duplication', () => {
    expect(parseKeys('email ; full_name+company_domain ;')).toEqual([['email'], ['full_name', 'company_domain']]);
    expect(withDedupe(PEOPLE, '  ', 'first').dedupe).toBeUndefined();
    expect(withDedupe(PEOPLE, 'email', 'first').dedupe).toEqual({ keys: [['email']], policy: 'first' });
  });
});
