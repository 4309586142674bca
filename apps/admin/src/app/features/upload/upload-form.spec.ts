import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';

import { checkFile, MAX_FILE_BYTES, UploadForm } from './upload-form';

function csv(name: string, size = 10): File {
  const file = new File(['x'.repeat(Math.min(size, 10))], name, { type: 'text/csv' });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

describe('checkFile', () => {
  it('accepts .csv files within the limit and explains what it refuses', () => {
    expect(checkFile(csv('a.CSV'))).toBeNull();
    expect(checkFile(csv('a.xlsx'))).toBeNull();
    expect(checkFile(csv('a.csv.gz'))).toBeNull();
    expect(checkFile(csv('a.xls'))).toBe('"a.xls" is not a file Sluice reads: expected .csv, .tsv, .txt, .xlsx, .csv.gz, .tsv.gz, .txt.gz or .zip');
    expect(checkFile(csv('big.csv', MAX_FILE_BYTES + 1))).toBe('"big.csv" is larger than 2 GB');
  });
});

describe('UploadForm', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [UploadForm],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  it('posts the files and dataset, then opens the new job', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(UploadForm);
    fixture.detectChanges();
    http.expectOne('/api/datasets').flush([{ version: 1, definition: { name: 'sensor_readings', label: 'Sensor readings' } }]);
    http.expectOne('/api/pipelines').flush([]);
    const form = fixture.componentInstance;
    form.files.set([csv('a.csv'), csv('b.csv')]);
    form.submit();
    const request = http.expectOne('/api/uploads');
    const body = request.request.body as FormData;
    expect(body.get('dataset')).toBe('sensor_readings');
    expect((body.getAll('files') as File[]).map((f) => f.name)).toEqual(['a.csv', 'b.csv']);
    request.flush({ jobId: 'job-1', status: 'waiting' });
    expect(navigate).toHaveBeenCalledWith(['/jobs', 'job-1']);
  });

  it('checks the mapping of the first file, takes corrections, remembers one as a synonym and launches with them', async () => {
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(UploadForm);
    fixture.detectChanges();
    http.expectOne('/api/datasets').flush([{ version: 1, definition: { name: 'sensor_readings', label: 'Sensor readings' } }]);
    http.expectOne('/api/pipelines').flush([]);
    const form = fixture.componentInstance;
    const file = new File(['Probe;Recorded At;Reading\np-1;2026-01-05T10:00:00Z;1.5\n'], 'probes.csv', { type: 'text/csv' });
    form.pickFiles([file] as unknown as FileList);
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    const button = Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Check mapping') as HTMLButtonElement;
    button.click();

    http.expectOne('/api/datasets/sensor_readings').flush({
      version: 3,
      definition: { name: 'sensor_readings', label: 'Sensor readings', fields: [{ name: 'sensor_id' }, { name: 'timestamp' }, { name: 'value' }] },
    });
    const reading = {
      format: 'csv',
      encoding: 'utf-8',
      encodingSource: 'default',
      delimiter: ';',
      quote: '"',
      escape: '"',
      dialectSource: 'detected',
      headerLine: 1,
      preamble: [],
      blankLines: 0,
      trailing: [],
      renamedHeaders: [],
      undecodableRows: 0,
      malformedRows: 0,
    };
    const preview = (fieldOfProbe: string | null) => ({
      reading,
      header: ['Probe', 'Recorded At', 'Reading'],
      columns: [
        {
          header: 'Probe',
          index: 0,
          field: fieldOfProbe,
          score: fieldOfProbe ? 100 : 0,
          method: fieldOfProbe ? 'override' : 'unmapped',
          candidates: fieldOfProbe ? undefined : [{ field: 'sensor_id', score: 61 }],
        },
        { header: 'Recorded At', index: 1, field: 'timestamp', score: 100, method: 'synonym' },
        { header: 'Reading', index: 2, field: 'value', score: 100, method: 'synonym' },
      ],
      missingRequired: fieldOfProbe ? [] : ['sensor_id'],
      rows: [['p-1', '2026-01-05T10:00:00Z', '1.5']],
      rejected: [],
    });
    const first = http.expectOne('/api/datasets/sensor_readings/preview');
    const sent = first.request.body as FormData;
    expect((sent.get('file') as File).name).toBe('probes.csv');
    expect(sent.get('columnFields')).toBeNull();
    first.flush(preview(null));
    fixture.detectChanges();
    expect(page.querySelector('.missing-required')?.textContent?.trim()).toBe('Missing required fields: sensor_id');
    expect(page.querySelector('.mapping tbody tr .candidates')?.textContent).toBe('sensor_id (61)');
    expect(Array.from(page.querySelectorAll('.preview-rows tbody td')).map((c) => c.textContent)).toEqual(['1', 'p-1', '2026-01-05T10:00:00Z', '1.5']);

    // A correction re-previews with it.
    const select = page.querySelector('select[aria-label="Field of column Probe"]') as HTMLSelectElement;
    select.value = 'sensor_id';
    select.dispatchEvent(new Event('change'));
    const second = http.expectOne('/api/datasets/sensor_readings/preview');
    expect((second.request.body as FormData).get('columnFields')).toBe('{"Probe":"sensor_id"}');
    second.flush(preview('sensor_id'));
    fixture.detectChanges();
    expect(page.querySelector('.missing-required')?.textContent?.trim()).toBe('Every required field has a column.');

    // An override of the delimiter re-previews with it too.
    const delimiter = page.querySelector('select[name="delimiter"]') as HTMLSelectElement;
    delimiter.value = ';';
    delimiter.dispatchEvent(new Event('change'));
    const third = http.expectOne('/api/datasets/sensor_readings/preview');
    expect((third.request.body as FormData).get('delimiter')).toBe(';');
    third.flush(preview('sensor_id'));
    fixture.detectChanges();

    const remember = page.querySelector('.mapping tbody tr input[type="checkbox"]') as HTMLInputElement;
    remember.click();
    fixture.detectChanges();
    expect(page.querySelector('.remembered')?.textContent).toContain('1 header will be saved as synonym');

    form.submit();
    const synonyms = http.expectOne('/api/datasets/sensor_readings/synonyms');
    expect(synonyms.request.body).toEqual({ synonyms: [{ field: 'sensor_id', header: 'Probe' }] });
    http.expectNone('/api/uploads');
    synonyms.flush({ version: 4, definition: {} });
    const upload = http.expectOne('/api/uploads').request.body as FormData;
    expect([upload.get('dataset'), upload.get('delimiter'), upload.get('columnFields')]).toEqual(['sensor_readings', ';', '{"Probe":"sensor_id"}']);
  });

  it('sends webhook settings in webhook mode, and tests the URL first when asked', async () => {
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(UploadForm);
    fixture.detectChanges();
    http.expectOne('/api/datasets').flush([]);
    http.expectOne('/api/pipelines').flush([]);
    const form = fixture.componentInstance;
    form.mode.set('webhook');
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    expect((page.querySelector('select[name="rateLimit"]') as HTMLSelectElement).value).toBe('10');
    expect(Array.from(page.querySelectorAll('select[name="rateLimit"] option')).map((o) => o.textContent)).toEqual(['1', '5', '10', '30', '60', 'unlimited']);

    form.files.set([csv('a.csv')]);
    form.submit();
    expect(form.error()).toBe('Enter the webhook URL that should receive the records');
    http.expectNone('/api/uploads');

    form.webhookUrl.set(' https://hooks.example.com/in ');
    form.testWebhook();
    const test = http.expectOne('/api/webhooks/test');
    expect(test.request.body).toEqual({ url: 'https://hooks.example.com/in' });
    test.flush({ url: 'https://hooks.example.com/in', endpointId: 'e', messageId: 'm', ok: false, statusCode: 503, latencyMs: 12, error: 'HTTP 503' });
    fixture.detectChanges();
    expect(page.querySelector('.webhook-test')?.textContent?.trim()).toBe('Test delivery failed: 503 in 12 ms — HTTP 503');

    form.rateLimit.set('unlimited');
    form.submit();
    const body = http.expectOne('/api/uploads').request.body as FormData;
    expect([body.get('mode'), body.get('webhookUrl'), body.get('rateLimit')]).toEqual(['webhook', 'https://hooks.example.com/in', 'unlimited']);
  });

  it('shows the server message when the upload is refused', async () => {
    const fixture = TestBed.createComponent(UploadForm);
    fixture.detectChanges();
    http.expectOne('/api/datasets').flush([]);
    http.expectOne('/api/pipelines').flush([]);
    fixture.componentInstance.files.set([csv('a.csv')]);
    fixture.componentInstance.submit();
    http.expectOne('/api/uploads').flush({ message: '"a.csv" is larger than the 20 MB limit' }, { status: 413, statusText: 'x' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent?.trim()).toBe('"a.csv" is larger than the 20 MB limit');
  });

  it('refuses to submit without files', () => {
    const fixture = TestBed.createComponent(UploadForm);
    fixture.detectChanges();
    http.expectOne('/api/datasets').flush([]);
    http.expectOne('/api/pipelines').flush([]);
    fixture.componentInstance.submit();
    http.expectNone('/api/uploads');
    expect(fixture.componentInstance.error()).toBe('Choose one or more CSV files');
  });

  it("uploads a pipeline's files together, its datasets detected by the API", () => {
    const fixture = TestBed.createComponent(UploadForm);
    fixture.detectChanges();
    http.expectOne('/api/datasets').flush([]);
    http.expectOne('/api/pipelines').flush([{ definition: { name: 'email_engagement', label: 'Email engagement' }, origin: 'preset', updatedAt: '2026-11-01T00:00:00.000Z' }]);
    fixture.detectChanges();
    const options = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('select[name="dataset"] optgroup')).map((g) => g.getAttribute('label'));
    expect(options).toEqual(['Datasets', 'Pipelines (files of several datasets, joined)']);
    const form = fixture.componentInstance;
    form.source.set('pipeline:email_engagement');
    form.files.set([csv('sends.csv'), csv('opens.csv')]);
    form.submit();
    const body = http.expectOne('/api/uploads').request.body as FormData;
    expect(body.get('pipeline')).toBe('email_engagement');
    expect(body.get('dataset')).toBeNull();
  });

  it("detects the dataset from the first file's header row when asked", async () => {
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(UploadForm);
    fixture.detectChanges();
    http.expectOne('/api/datasets').flush([]);
    http.expectOne('/api/pipelines').flush([]);
    const form = fixture.componentInstance;
    form.source.set('detect');
    form.files.set([new File(['Recipient,Sent Date,Opens\nann@acme.com,2026-01-05,2\n'], 'opens.csv', { type: 'text/csv' })]);
    form.submit();
    // The browser reads the file asynchronously before asking; under load that takes a while.
    let [detect] = http.match('/api/datasets/detect');
    for (let waited = 0; !detect && waited < 5000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      [detect] = http.match('/api/datasets/detect');
    }
    expect(detect.request.body).toEqual({ sample: 'Recipient,Sent Date,Opens\nann@acme.com,2026-01-05,2\n' });
    detect.flush({ dataset: 'email_opens', coverage: 0.43 });
    expect((http.expectOne('/api/uploads').request.body as FormData).get('dataset')).toBe('email_opens');
    expect(form.detected()).toBe('email_opens');
  });

  it('takes dropped files, with the same checks', () => {
    const fixture = TestBed.createComponent(UploadForm);
    fixture.detectChanges();
    http.expectOne('/api/datasets').flush([]);
    http.expectOne('/api/pipelines').flush([]);
    const form = fixture.componentInstance;
    const drop = (files: File[]) => ({ preventDefault: () => undefined, dataTransfer: { files: files as unknown as FileList } }) as unknown as DragEvent;
    form.drop(drop([csv('a.csv')]));
    expect(form.files().map((f) => f.name)).toEqual(['a.csv']);
    form.drop(drop([new File(['x'], 'notes.pdf')]));
    expect(form.files()).toEqual([]);
    expect(form.error()).toBe('"notes.pdf" is not a file Sluice reads: expected .csv, .tsv, .txt, .xlsx, .csv.gz, .tsv.gz, .txt.gz or .zip');
  });
});
