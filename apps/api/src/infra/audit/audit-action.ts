import { SetMetadata } from '@nestjs/common';

export const AUDIT_ACTION_KEY = 'sluice:auditAction';

/**
 * The action a route is recorded as, instead of the derived `<controller>.<handler>`; `null` when the route
 * records its own, richer entries through AuditTrail (sign-in and sign-out, say) and must not be recorded twice.
 */
export const AuditAs = (action: string | null) => SetMetadata(AUDIT_ACTION_KEY, action);

/**
 * Readable names where the derived one is not, and `null` for the POST routes that only read (a check or a
 * preview changes nothing, so the log would only fill up with them).
 */
const RENAMED: Record<string, string | null> = {
  'jobDeliveries.setRate': 'deliveries.setRate',
  'jobDeliveries.retryFailed': 'deliveries.replayFailed',
  'pipelines.remove': 'pipelines.delete',
  'schedules.remove': 'schedules.delete',
  'datasets.detect': null,
  'datasets.preview': null,
  'pipelines.check': null,
};

/** `WebhooksController` + `rotateSecret` → "webhooks.rotateSecret"; null for a route the log leaves out. */
export function auditActionName(controllerName: string, handlerName: string): string | null {
  const feature = controllerName.replace(/Controller$/, '');
  const derived = `${feature.charAt(0).toLowerCase()}${feature.slice(1)}.${handlerName}`;
  return derived in RENAMED ? RENAMED[derived] : derived;
}
