import type { DatasetDefinition } from '../dataset-definition';

// Seed 000: the four weekly exports of the email-campaign dashboard.

export const emailSendsDataset: DatasetDefinition = {
  name: 'email_sends',
  label: 'Email sends',
  fields: [
    { name: 'recipient_email', type: 'email', required: true, synonyms: ['email', 'recipient', 'to', 'email address', 'recipient email address'] },
    { name: 'domain', type: 'domain', required: false, synonyms: ['recipient domain', 'email domain', 'company domain'], deriveDomainFrom: ['recipient_email'] },
    { name: 'date_sent', type: 'date', required: true, synonyms: ['sent date', 'send date', 'date', 'sent on', 'sent at'] },
    { name: 'campaign', type: 'string', required: false, synonyms: ['campaign name', 'campaign id'] },
    { name: 'subject', type: 'string', required: false, synonyms: ['subject line', 'email subject'] },
    { name: 'sender', type: 'email', required: false, synonyms: ['from', 'sender email', 'from email'] },
    { name: 'list_name', type: 'string', required: false, synonyms: ['list', 'segment', 'audience'] },
  ],
};

export const emailOpensDataset: DatasetDefinition = {
  name: 'email_opens',
  label: 'Email opens',
  fields: [
    { name: 'recipient_email', type: 'email', required: true, synonyms: ['email', 'recipient', 'email address'] },
    { name: 'date_sent', type: 'date', required: true, synonyms: ['sent date', 'send date', 'date'] },
    { name: 'open_count', type: 'int', required: true, synonyms: ['opens', 'open count', 'times opened', 'total opens'] },
    { name: 'clicks', type: 'int', required: false, synonyms: ['click count', 'clicks count', 'total clicks'] },
    { name: 'first_opened_at', type: 'datetime', required: false, synonyms: ['opened at', 'first open', 'open time'] },
    { name: 'device', type: 'string', required: false, synonyms: ['device type', 'client', 'email client'] },
    { name: 'location', type: 'string', required: false, synonyms: ['country', 'city', 'geo'] },
  ],
};

export const contactsDataset: DatasetDefinition = {
  name: 'contacts',
  label: 'Contacts',
  fields: [
    { name: 'email', type: 'email', required: true, synonyms: ['email address', 'e-mail', 'contact email'] },
    { name: 'first_name', type: 'string', required: false, case: 'title', synonyms: ['first name', 'fname', 'given name'] },
    { name: 'last_name', type: 'string', required: false, case: 'title', synonyms: ['last name', 'lname', 'surname'] },
    { name: 'job_title', type: 'string', required: false, synonyms: ['title', 'position', 'role'] },
    { name: 'company_name', type: 'string', required: false, synonyms: ['company', 'organization', 'account'] },
    { name: 'domain', type: 'domain', required: false, synonyms: ['company domain', 'website'], deriveDomainFrom: ['email'] },
    { name: 'phone', type: 'string', required: false, synonyms: ['phone number', 'telephone', 'mobile'] },
  ],
  dedupe: { keys: [['email']], policy: 'most_recent' },
};

export const accountsDataset: DatasetDefinition = {
  name: 'accounts',
  label: 'Accounts',
  fields: [
    { name: 'domain', type: 'domain', required: true, synonyms: ['account domain', 'company domain', 'website', 'url'] },
    { name: 'account_name', type: 'string', required: false, synonyms: ['account', 'company', 'company name', 'name'] },
    { name: 'industry', type: 'string', required: false, synonyms: ['sector', 'vertical'] },
    { name: 'employee_count', type: 'int', required: false, synonyms: ['employees', 'company size', 'headcount'] },
    { name: 'region', type: 'string', required: false, synonyms: ['territory', 'geo', 'country'] },
    { name: 'owner', type: 'string', required: false, synonyms: ['account owner', 'sales rep', 'rep'] },
    { name: 'annual_revenue', type: 'decimal', required: false, synonyms: ['revenue', 'arr', 'turnover'] },
  ],
  dedupe: { keys: [['domain']], policy: 'most_recent' },
};
