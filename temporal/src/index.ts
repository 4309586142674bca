export type { CsvJobActivities, ResultsInput } from './activities';
export { workflowsPath } from './workflows-path';
