import type { AuditFilters } from '../../core/audit-api.service';

/** What the audit filters hold: free text, and days (YYYY-MM-DD) as date inputs give them. */
export interface AuditFilterForm {
  action: string;
  actor: string;
  from: string;
  to: string;
}

/** The API's filters: days become instants in the reader's time zone, `to` including the whole day. */
export function auditFilters(form: AuditFilterForm): AuditFilters {
  const filters: AuditFilters = {};
  if (form.action.trim()) filters.action = form.action.trim();
  if (form.actor.trim()) filters.actor = form.actor.trim();
  if (form.from) filters.from = new Date(`${form.from}T00:00:00`).toISOString();
  if (form.to) filters.to = new Date(`${form.to}T23:59:59.999`).toISOString();
  return filters;
}
