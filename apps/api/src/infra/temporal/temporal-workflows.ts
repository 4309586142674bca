import { CSV_JOB_WORKFLOW, type CsvJobInput } from '@sluice/contracts';
import type { LegacyJobInput, WorkflowStartInputs, WorkflowStarter } from '@sluice/jobs';
import { csvJobStartOptions } from '@sluice/temporal';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';

/** The use cases' workflow ports over the API's Temporal client. */
export class TemporalWorkflows implements WorkflowStarter, WorkflowStartInputs {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  async startCsvJob(input: CsvJobInput): Promise<void> {
    await this.client.workflow.start(CSV_JOB_WORKFLOW, csvJobStartOptions(input, this.taskQueue));
  }

  async startInput(workflowId: string): Promise<LegacyJobInput | null> {
    const history = await this.client.workflow.getHandle(workflowId).fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    return payload ? defaultPayloadConverter.fromPayload<LegacyJobInput>(payload) : null;
  }
}
