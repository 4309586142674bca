export type { CsvJobActivities } from './activities';
export { workflowsPath } from './workflows-path';
