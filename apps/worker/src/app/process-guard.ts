import { Logger } from '@nestjs/common';

const logger = new Logger('ProcessGuard');

function describe(reason: unknown): string {
  return reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
}

/**
 * Keeps the worker up through an error that escaped every handler (a stray stream 'error', a
 * promise nobody awaited): it is logged and the worker goes on polling. Whatever activity it
 * belonged to still ends by its own failure or by Temporal's timeouts, and is retried.
 */
export function installProcessGuard(): void {
  process.on('uncaughtException', (error) => logger.error(`Uncaught exception; the worker keeps running: ${describe(error)}`));
  process.on('unhandledRejection', (reason) => logger.error(`Unhandled rejection; the worker keeps running: ${describe(reason)}`));
}
