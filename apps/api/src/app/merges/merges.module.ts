import { Module, OnApplicationShutdown } from '@nestjs/common';
import { ProvenanceFiles } from '@sluice/jobs';

import { MergeProvenanceService } from './merge-provenance.service';
import { MERGE_USE_CASES } from './merge-use-cases';
import { MergesController } from './merges.controller';

/** A job's merge groups and the corrections that rebuild its output (issue 15). */
@Module({
  controllers: [MergesController],
  providers: [MergeProvenanceService, ...MERGE_USE_CASES],
})
export class MergesModule implements OnApplicationShutdown {
  constructor(private readonly provenance: ProvenanceFiles) {}

  /** The local copies of provenance are this process's own. */
  async onApplicationShutdown(): Promise<void> {
    await this.provenance.clear();
  }
}
