import type { DatasetDefinition } from '../dataset-definition';

/** Seed 002: CRM people / lead lists. */
export const peopleDataset: DatasetDefinition = {
  name: 'people',
  label: 'People',
  fields: [
    { name: 'first_name', type: 'string', required: false, case: 'title', synonyms: ['first name', 'fname', 'given name', 'first', 'firstname', 'forename'] },
    { name: 'last_name', type: 'string', required: false, case: 'title', synonyms: ['last name', 'lname', 'surname', 'family name', 'last', 'lastname'] },
    { name: 'full_name', type: 'string', required: false, case: 'title', synonyms: ['full name', 'name', 'contact name', 'person name', 'fullname', 'display name'] },
    { name: 'email', type: 'email', required: false, synonyms: ['email address', 'e-mail', 'mail', 'work email', 'business email', 'contact email', 'primary email', 'email id'] },
    {
      name: 'job_title',
      type: 'string',
      required: false,
      synonyms: ['title', 'job title', 'position', 'role', 'designation', 'job role', 'occupation', 'employment title', 'current title'],
    },
    {
      name: 'linkedin_profile',
      type: 'url',
      required: false,
      synonyms: ['linkedin', 'linkedin profile', 'linkedin url', 'profile', 'linkedin profile url', 'profile url', 'linkedin link'],
    },
    { name: 'person_location', type: 'string', required: false, synonyms: ['location', 'city', 'address', 'person location', 'home city', 'person city'] },
    {
      name: 'company_name',
      type: 'string',
      required: false,
      synonyms: ['company', 'company name', 'organization', 'employer', 'account', 'account name', 'current company', 'employer name'],
    },
    { name: 'company_description', type: 'string', required: false, synonyms: ['company description', 'about company', 'description'] },
    {
      name: 'company_domain',
      type: 'domain',
      required: false,
      synonyms: ['website', 'company website', 'url', 'domain', 'company domain', 'website url', 'company website url', 'homepage', 'employer domain', 'employer website'],
      deriveDomainFrom: ['email'],
    },
    {
      name: 'company_linkedin_url',
      type: 'url',
      required: false,
      synonyms: [
        'company linkedin',
        'linkedin company',
        'company linkedin url',
        'linkedin company url',
        'linkedin company profile',
        'company linkedin profile',
        'company linkedin page',
      ],
    },
    {
      name: 'company_employee_count',
      type: 'int',
      required: false,
      synonyms: ['employees', 'company size', 'employee count', 'number of employees', 'headcount', 'company headcount', 'company employees', 'staff count'],
    },
    {
      name: 'company_location',
      type: 'string',
      required: false,
      synonyms: ['company location', 'company address', 'company city', 'company headquarters', 'company hq location', 'company street address', 'headquarters', 'hq location'],
    },
    {
      name: 'company_revenue',
      type: 'decimal',
      required: false,
      synonyms: ['revenue', 'company revenue', 'annual revenue', 'turnover', 'revenue usd', 'estimated revenue', 'company annual revenue'],
    },
  ],
  // Seed 002: email, else full name + company domain.
  // Any of these says it is the same person: the email, the LinkedIn profile, or the name at the same
  // company. A person has one LinkedIn profile, so a group holding two is flagged for review.
  dedupe: {
    keys: [['email'], ['linkedin_profile'], ['full_name', 'company_domain'], ['first_name', 'last_name', 'company_domain']],
    policy: 'most_complete',
    strongIdentifiers: ['linkedin_profile'],
  },
};
