import { Logger } from '@nestjs/common';

import { newRef } from './http/error-answer';

/**
 * The last line of defence: an error no request handler caught (a stream error with no listener, a
 * promise nobody awaited) is logged with a correlation id and the API keeps serving every other
 * request, instead of the whole process exiting with them.
 */
export function guardProcess(logger = new Logger('ProcessGuard')): void {
  const log = (what: string) => (error: unknown) => {
    const cause = error instanceof Error ? (error.stack ?? error.message) : String(error);
    logger.error(`ref ${newRef()}: ${what}, still serving: ${cause}`);
  };
  process.on('uncaughtException', log('uncaught exception'));
  process.on('unhandledRejection', log('unhandled promise rejection'));
}
