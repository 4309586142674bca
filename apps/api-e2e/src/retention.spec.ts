import { CSV_JOB_WORKFLOW, DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { jobPrefix } from '@sluice/storage';
import { Worker } from '@temporalio/worker';

import { workerConfigFromEnv } from '../../worker/src/app/worker-config';

import { upload, waitForStatus } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';

describe('retention', () => {
  let app: SluiceApp;

  beforeAll(async () => {
    app = await startSluice();
  });

  afterAll(() => app?.close());

  it('deletes the job objects after the retention timer and keeps the metadata; the history replays', async () => {
    const retentionHours = 3 / 3600; // three seconds
    const created = await upload(app.baseUrl, [{ name: 'short-lived.csv', content: 'sensor_id,timestamp,value\ns-1,2024-01-01,1\ns-1,2024-01-02,x\n' }], {
      dataset: 'sensor_readings',
      retentionHours: String(retentionHours),
    });
    const jobId = created.body['jobId'] as string;
    const finished = await waitForStatus(app.baseUrl, jobId, ['partial']);
    expect([...new Set((await app.store.list(jobPrefix(DEFAULT_WORKSPACE_ID, jobId))).map((o) => o.key.split('/')[4]))].sort()).toEqual(['results', 'staged', 'uploads']);

    const expired = await waitForStatus(app.baseUrl, jobId, ['expired'], 30000);
    expect(await app.store.list(jobPrefix(DEFAULT_WORKSPACE_ID, jobId))).toEqual([]);
    const gone = await fetch(`${app.baseUrl}/api/jobs/${jobId}/download`);
    expect(gone.status).toBe(410);
    expect(expired).toMatchObject({ aggregations: finished.aggregations, invalidRowCount: 1, validRows: 1, files: finished.files });
    expect(new Date(expired.expiredAt ?? 0).getTime()).toBeGreaterThanOrEqual(new Date(finished.finishedAt ?? 0).getTime() + 3000);

    // Determinism: the recorded history of this run replays against the current workflow code.
    const handle = app.temporal.workflow.getHandle(expired.workflowId);
    const history = await handle.fetchHistory();
    const types = history.events?.map((e) => e.eventType) ?? [];
    expect(types.length).toBeGreaterThan(10);
    await expect(Worker.runReplayHistory({ workflowsPath: workerConfigFromEnv().workflowsPath }, history, expired.workflowId)).resolves.toBeUndefined();
    expect((await handle.describe()).type).toBe(CSV_JOB_WORKFLOW);
  });
});
