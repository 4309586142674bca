export { csvJob } from './csv-job.workflow';
