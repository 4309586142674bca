import type { PipelineDefinition } from '@sluice/contracts';

/**
 * Seed 000's final sheet: every send, with its opens summed per recipient and send date (an email
 * opened on several rows counts once per row's opens), then the contact by email and the account by domain.
 */
export const emailEngagementPipeline: PipelineDefinition = {
  name: 'email_engagement',
  label: 'Email engagement',
  base: 'email_sends',
  joins: [
    {
      dataset: 'email_opens',
      type: 'left',
      on: [
        { left: 'recipient_email', right: 'recipient_email' },
        { left: 'date_sent', right: 'date_sent' },
      ],
      columns: [
        { field: 'open_count', aggregate: 'sum' },
        { field: 'clicks', aggregate: 'sum' },
        { field: 'first_opened_at', aggregate: 'min' },
      ],
    },
    {
      dataset: 'contacts',
      type: 'left',
      on: [{ left: 'recipient_email', right: 'email' }],
      columns: [
        { field: 'first_name', aggregate: 'any' },
        { field: 'last_name', aggregate: 'any' },
        { field: 'job_title', aggregate: 'any' },
        { field: 'company_name', aggregate: 'any' },
      ],
    },
    {
      dataset: 'accounts',
      type: 'left',
      on: [{ left: 'domain', right: 'domain' }],
      columns: [
        { field: 'account_name', aggregate: 'any' },
        { field: 'industry', aggregate: 'any' },
        { field: 'region', aggregate: 'any' },
        { field: 'employee_count', aggregate: 'any' },
      ],
    },
  ],
  metrics: {
    dateField: 'date_sent',
    dimensions: ['domain', 'campaign', 'industry', 'region'],
    metrics: [
      { name: 'sends', label: 'Sends', op: 'count' },
      { name: 'opened', label: 'Opened emails', op: 'count', field: 'open_count' },
      { name: 'opens', label: 'Opens', op: 'sum', field: 'open_count' },
      { name: 'clicks', label: 'Clicks', op: 'sum', field: 'clicks' },
      { name: 'contacts', label: 'Contacts reached', op: 'count_distinct', field: 'recipient_email' },
      { name: 'accounts', label: 'Accounts reached', op: 'count_distinct', field: 'domain' },
      { name: 'open_rate', label: 'Open rate', ratio: { numerator: 'opened', denominator: 'sends' }, percent: true },
      { name: 'click_rate', label: 'Click rate', ratio: { numerator: 'clicks', denominator: 'sends' }, percent: true },
    ],
  },
};
