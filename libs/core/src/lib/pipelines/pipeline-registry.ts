import type { PipelineDefinition } from '@sluice/contracts';

import { emailEngagementPipeline } from './presets/email-engagement.pipeline';

/** The pipelines shipped with Sluice. */
export const PRESET_PIPELINES: readonly PipelineDefinition[] = [emailEngagementPipeline];

export function findPipeline(name: string): PipelineDefinition | undefined {
  return PRESET_PIPELINES.find((p) => p.name === name);
}
