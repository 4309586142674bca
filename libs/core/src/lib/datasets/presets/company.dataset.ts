import type { DatasetDefinition } from '../dataset-definition';

/** Seed 002: CRM company lists (field names and synonyms from its field_mappings.json). */
export const companyDataset: DatasetDefinition = {
  name: 'company',
  label: 'Companies',
  fields: [
    {
      name: 'company_name',
      type: 'string',
      required: true,
      synonyms: ['company name', 'business name', 'organization', 'organisation', 'company', 'firm', 'corp', 'account name'],
    },
    {
      name: 'company_domain',
      type: 'domain',
      required: false,
      synonyms: ['domain', 'website', 'url', 'web site', 'company domain', 'site', 'company website'],
      deriveDomainFrom: ['company_linkedin'],
    },
    { name: 'company_description', type: 'string', required: false, synonyms: ['description', 'about', 'company description', 'business description'] },
    { name: 'industry', type: 'string', required: false, synonyms: ['industry', 'sector', 'business type', 'category', 'vertical'] },
    {
      name: 'employee_count',
      type: 'int',
      required: false,
      synonyms: ['employees', 'employee count', 'staff size', 'team size', 'headcount', 'company employee count', 'company size'],
    },
    { name: 'company_linkedin', type: 'url', required: false, synonyms: ['linkedin', 'linkedin url', 'company linkedin', 'linkedin page'] },
    { name: 'company_linkedin_handle', type: 'string', required: false, synonyms: ['linkedin handle', 'linkedin username', 'handle'] },
    { name: 'year_founded', type: 'int', required: false, synonyms: ['founded', 'year founded', 'established', 'inception'] },
    { name: 'company_location', type: 'string', required: false, synonyms: ['location', 'address', 'city', 'headquarters', 'hq'] },
  ],
  // Domain, else normalised name; near-identical names ("Acme Inc" / "Acme Inc.") join too.
  dedupe: { keys: [['company_domain'], ['company_name']], policy: 'most_complete', fuzzy: { field: 'company_name', threshold: 92 } },
};
