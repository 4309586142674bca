import { CsvJobInput, workflowIdForJob } from '@sluice/contracts';

import { datasetSearchAttribute, statusSearchAttribute } from './search-attributes';

/** How every csvJob run starts, from the API or a schedule: a stable id and search attributes to find it by. */
export function csvJobStartOptions(input: CsvJobInput, taskQueue: string) {
  return {
    taskQueue,
    workflowId: workflowIdForJob(input.jobId),
    args: [input] as [CsvJobInput],
    typedSearchAttributes: [
      { key: datasetSearchAttribute, value: input.dataset },
      { key: statusSearchAttribute, value: 'waiting' },
    ],
  };
}
