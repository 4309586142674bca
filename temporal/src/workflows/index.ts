export { csvJob } from './csv-job.workflow';
export { inboxJob } from './inbox-job.workflow';
export { storageSweep } from './storage-sweep.workflow';
export { rebuildJobOutputWorkflow } from './rebuild-job-output.workflow';
