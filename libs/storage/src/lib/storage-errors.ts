/** Storage answered that the object does not exist, as opposed to storage failing to answer at all. */
export function isMissingObject(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound';
}

// Node's socket errors, and undici's (the worker's webhook and fetch client) for the same failures.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The error's socket failed (the service is down or unreachable), whichever client raised it. */
export function hasNetworkErrorCode(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NETWORK_CODES.has(code);
}

/** An AWS SDK error that means storage is down or overloaded (a server fault, throttling, a timeout, a failed socket), not that the request was wrong. */
export function isStorageUnavailable(error: unknown): boolean {
  const e = error as { $metadata?: unknown; $fault?: unknown; name?: unknown } | null;
  if (!e || typeof e !== 'object' || !('$metadata' in e)) return false;
  return e.$fault === 'server' || e.name === 'SlowDown' || e.name === 'TimeoutError' || hasNetworkErrorCode(error);
}
