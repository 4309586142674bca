import { ConsoleLogger } from '@nestjs/common';

import { FIRST_RUN_LOG_CONTEXT } from '../../../api/src/infra/auth/first-owner';

/** The in-process API's logger: errors and warnings as before, and the first-run line kept for its sign-in link. */
export class HarnessLogger extends ConsoleLogger {
  firstRunLink: string | null = null;

  constructor() {
    super();
    this.setLogLevels(['error', 'warn']);
  }

  override log(message: unknown, ...rest: unknown[]): void {
    if (rest.at(-1) === FIRST_RUN_LOG_CONTEXT && typeof message === 'string') this.firstRunLink = /(\S+\/sign-in#link=\S+)/.exec(message)?.[1] ?? null;
  }
}
