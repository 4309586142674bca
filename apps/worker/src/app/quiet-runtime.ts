import { DefaultLogger, LogLevel, Runtime } from '@temporalio/worker';

/** The SDK logs every state change at INFO; keep warnings and errors unless WORKER_LOG_LEVEL says otherwise. */
export function installWorkerRuntime(level: LogLevel = (process.env['WORKER_LOG_LEVEL'] as LogLevel) ?? 'WARN'): void {
  try {
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch {
    // Already installed in this process (tests start several workers); the first one stands.
  }
}
