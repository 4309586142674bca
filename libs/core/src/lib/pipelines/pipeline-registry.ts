import type { PipelineDefinition } from '@sluice/contracts';

import { emailEngagementPipeline } from './presets/email-engagement.pipeline';

/** The pipelines shipped with Sluice; the API installs them in Postgres, where every pipeline is read from. */
export const PRESET_PIPELINES: readonly PipelineDefinition[] = [emailEngagementPipeline];
