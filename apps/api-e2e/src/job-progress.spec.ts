import { randomUUID } from 'node:crypto';

import { CSV_JOB_WORKFLOW, CsvJobInput, DEFAULT_WORKSPACE_ID, TASK_QUEUE, workflowIdForJob } from '@sluice/contracts';
import { uploadKey } from '@sluice/storage';

import { getJob, upload, waitForStatus } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';

describe('job progress and storage failures', () => {
  let app: SluiceApp;

  beforeAll(async () => {
    app = await startSluice();
  });

  afterAll(() => app?.close());

  it('shows rows processed on the job while a large file is being processed', async () => {
    const rows = 400_000;
    const lines = ['sensor_id,timestamp,value'];
    for (let i = 0; i < rows; i += 1) lines.push(`s-${i % 20},2024-01-01T00:00:00Z,${i % 997}`);
    const created = await upload(app.baseUrl, [{ name: 'large.csv', content: lines.join('\n') }]);
    expect(created.status).toBe(202);
    const jobId = created.body['jobId'] as string;

    const seen: number[] = [];
    for (let job = await getJob(app.baseUrl, jobId); job.status === 'waiting' || job.status === 'processing'; job = await getJob(app.baseUrl, jobId)) {
      if (job.status === 'processing') seen.push(job.rowsProcessed);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const midway = seen.filter((count) => count > 0 && count < rows);
    expect(midway.length).toBeGreaterThan(0);
    expect([...midway].sort((a, b) => a - b)).toEqual(midway);

    const done = await waitForStatus(app.baseUrl, jobId, ['processed']);
    expect(done).toMatchObject({ rowsProcessed: rows, validRows: rows, aggregations: { row_count: rows, min_value: 0, max_value: 996 } });
  });

  it('fails a job whose stored file has gone, with a message, without retrying for minutes', async () => {
    const jobId = randomUUID();
    const uploadId = randomUUID();
    const key = uploadKey(DEFAULT_WORKSPACE_ID, jobId, uploadId, 'gone.csv');
    await app.db.recordDatasetJob({
      id: jobId,
      dataset: 'sensor_readings',
      workflowId: workflowIdForJob(jobId),
      retentionHours: 48,
      files: [{ uploadId, fileName: 'gone.csv', objectKey: key, sizeBytes: 0 }],
    });
    const input: CsvJobInput = { workspaceId: DEFAULT_WORKSPACE_ID, jobId, dataset: 'sensor_readings', files: [{ uploadId, key }], retentionMs: 48 * 3_600_000 };
    await app.temporal.workflow.start(CSV_JOB_WORKFLOW, { taskQueue: TASK_QUEUE, workflowId: workflowIdForJob(jobId), args: [input] });

    const job = await waitForStatus(app.baseUrl, jobId, ['processed', 'partial', 'failed'], 15000);
    expect(job).toMatchObject({ status: 'failed', error: 'The uploaded file is missing from storage (deleted or expired)' });
    expect(job.files[0].error).toBe(job.error);
  });
});
