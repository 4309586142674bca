import type { JobDetailView, JobStatus } from '@sluice/contracts';

export interface UploadFile {
  name: string;
  content: string | Buffer;
}

export async function upload(baseUrl: string, files: UploadFile[], fields: Record<string, string> = { dataset: 'sensor_readings' }) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('files', new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)]), file.name);
  const response = await fetch(`${baseUrl}/api/uploads`, { method: 'POST', body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function getJob(baseUrl: string, jobId: string): Promise<JobDetailView> {
  const response = await fetch(`${baseUrl}/api/jobs/${jobId}`);
  if (!response.ok) throw new Error(`GET job ${jobId}: ${response.status} ${await response.text()}`);
  return (await response.json()) as JobDetailView;
}

/** Polls the job through the API until it reaches one of the statuses. */
export async function waitForStatus(baseUrl: string, jobId: string, statuses: JobStatus[], timeoutMs = 60000): Promise<JobDetailView> {
  const deadline = Date.now() + timeoutMs;
  let job = await getJob(baseUrl, jobId);
  while (!statuses.includes(job.status)) {
    if (Date.now() > deadline) throw new Error(`Job ${jobId} stayed "${job.status}", expected ${statuses.join(' or ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    job = await getJob(baseUrl, jobId);
  }
  return job;
}
