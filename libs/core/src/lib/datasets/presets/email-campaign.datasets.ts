import type { DatasetDefinition } from '../dataset-definition';

// Seed 000: the four weekly exports of the email-campaign dashboard.

export const emailSendsDataset: DatasetDefinition = {
  name: 'email_sends',
  label: 'Email sends',
  fields: [
    {
      name: 'recipient_email',
      type: 'email',
      required: true,
      synonyms: ['email', 'recipient', 'to', 'email address', 'recipient email address', 'to email', 'to address', 'recipient email', 'subscriber email', 'subscriber', 'email to'],
    },
    { name: 'domain', type: 'domain', required: false, synonyms: ['recipient domain', 'email domain', 'company domain'], deriveDomainFrom: ['recipient_email'] },
    { name: 'date_sent', type: 'date', required: true, synonyms: ['sent date', 'send date', 'date', 'sent on', 'sent at', 'send time', 'sent time', 'delivered at', 'sent'] },
    { name: 'campaign', type: 'string', required: false, synonyms: ['campaign name', 'campaign id', 'campaign title', 'email campaign', 'email name'] },
    { name: 'subject', type: 'string', required: false, synonyms: ['subject line', 'email subject', 'subject text'] },
    {
      name: 'sender',
      type: 'email',
      required: false,
      synonyms: ['from', 'sender email', 'from email', 'from address', 'sender email address', 'sender address', 'from email address'],
    },
    { name: 'list_name', type: 'string', required: false, synonyms: ['list', 'segment', 'audience', 'mailing list', 'audience name', 'list name', 'segment name'] },
  ],
};

export const emailOpensDataset: DatasetDefinition = {
  name: 'email_opens',
  label: 'Email opens',
  fields: [
    { name: 'recipient_email', type: 'email', required: true, synonyms: ['email', 'recipient', 'email address', 'recipient email', 'subscriber email'] },
    { name: 'date_sent', type: 'date', required: true, synonyms: ['sent date', 'send date', 'date', 'send time', 'sent at', 'sent on'] },
    { name: 'open_count', type: 'int', required: true, synonyms: ['opens', 'open count', 'times opened', 'total opens', 'number of opens', 'opens count', 'open total'] },
    { name: 'clicks', type: 'int', required: false, synonyms: ['click count', 'clicks count', 'total clicks', 'number of clicks', 'times clicked'] },
    { name: 'first_opened_at', type: 'datetime', required: false, synonyms: ['opened at', 'first open', 'open time', 'first opened', 'first open time', 'first open date'] },
    { name: 'device', type: 'string', required: false, synonyms: ['device type', 'client', 'email client'] },
    { name: 'location', type: 'string', required: false, synonyms: ['country', 'city', 'geo'] },
  ],
};

export const contactsDataset: DatasetDefinition = {
  name: 'contacts',
  label: 'Contacts',
  fields: [
    { name: 'email', type: 'email', required: true, synonyms: ['email address', 'e-mail', 'contact email', 'work email', 'business email', 'primary email', 'mail'] },
    { name: 'first_name', type: 'string', required: false, case: 'title', synonyms: ['first name', 'fname', 'given name', 'first', 'firstname', 'forename'] },
    { name: 'last_name', type: 'string', required: false, case: 'title', synonyms: ['last name', 'lname', 'surname', 'last', 'lastname', 'family name'] },
    { name: 'job_title', type: 'string', required: false, synonyms: ['title', 'position', 'role', 'job title', 'designation', 'job role', 'occupation'] },
    { name: 'company_name', type: 'string', required: false, synonyms: ['company', 'organization', 'account', 'company name', 'account name', 'employer', 'business name'] },
    { name: 'domain', type: 'domain', required: false, synonyms: ['company domain', 'website'], deriveDomainFrom: ['email'] },
    {
      name: 'phone',
      type: 'string',
      required: false,
      synonyms: ['phone number', 'telephone', 'mobile', 'work phone', 'office phone', 'business phone', 'direct phone', 'phone 1'],
    },
  ],
  dedupe: { keys: [['email']], policy: 'most_recent' },
};

export const accountsDataset: DatasetDefinition = {
  name: 'accounts',
  label: 'Accounts',
  fields: [
    {
      name: 'domain',
      type: 'domain',
      required: true,
      synonyms: ['account domain', 'company domain', 'website', 'url', 'website url', 'account website', 'company website', 'homepage'],
    },
    { name: 'account_name', type: 'string', required: false, synonyms: ['account', 'company', 'company name', 'name', 'organization name', 'business name'] },
    { name: 'industry', type: 'string', required: false, synonyms: ['sector', 'vertical', 'industries', 'primary industry'] },
    { name: 'employee_count', type: 'int', required: false, synonyms: ['employees', 'company size', 'headcount', 'employee count', 'number of employees'] },
    { name: 'region', type: 'string', required: false, synonyms: ['territory', 'geo', 'country', 'sales region', 'billing country'] },
    { name: 'owner', type: 'string', required: false, synonyms: ['account owner', 'sales rep', 'rep', 'account manager', 'owner name'] },
    { name: 'annual_revenue', type: 'decimal', required: false, synonyms: ['revenue', 'arr', 'turnover', 'annual revenue', 'yearly revenue'] },
  ],
  dedupe: { keys: [['domain']], policy: 'most_recent' },
};
