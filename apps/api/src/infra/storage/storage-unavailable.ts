import { Logger, ServiceUnavailableException } from '@nestjs/common';

export const STORAGE_UNAVAILABLE = 'Storage is unavailable right now; try again in a minute';

const logger = new Logger('Storage');

/**
 * What a client hears when storage still fails after the S3 client's retries: a 503 in words. The
 * SDK's own message (endpoint, error code, request ids) goes to the log only.
 */
export function storageUnavailable(doing: string, error: unknown): ServiceUnavailableException {
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const attempts = (error as { $metadata?: { attempts?: number } } | null)?.$metadata?.attempts;
  logger.warn(`${doing} failed${attempts ? ` after ${attempts} attempts` : ''}: ${cause}`);
  return new ServiceUnavailableException(STORAGE_UNAVAILABLE);
}
