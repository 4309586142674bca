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
      synonyms: ['company name', 'business name', 'organization', 'organisation', 'company', 'firm', 'corp', 'account name', 'name', 'account', 'brand name', 'trading name'],
    },
    {
      name: 'company_domain',
      type: 'domain',
      required: false,
      synonyms: ['domain', 'website', 'url', 'web site', 'company domain', 'site', 'company website', 'website url', 'homepage', 'homepage url', 'web address', 'domain name', 'website address'],
      deriveDomainFrom: ['company_linkedin'],
    },
    { name: 'company_description', type: 'string', required: false, synonyms: ['description', 'about', 'company description', 'business description', 'short description', 'summary', 'overview', 'about us', 'profile description'] },
    { name: 'industry', type: 'string', required: false, synonyms: ['industry', 'sector', 'business type', 'category', 'vertical', 'industries', 'primary industry', 'industry type', 'main industry'] },
    {
      name: 'employee_count',
      type: 'int',
      required: false,
      synonyms: ['employees', 'employee count', 'staff size', 'team size', 'headcount', 'company employee count', 'company size', 'number of employees', 'total employees', 'staff count', 'workforce', 'employee size'],
    },
    { name: 'company_linkedin', type: 'url', required: false, synonyms: ['linkedin', 'linkedin url', 'company linkedin', 'linkedin page', 'linkedin company page', 'linkedin company url', 'linkedin company profile', 'linkedin profile'] },
    { name: 'company_linkedin_handle', type: 'string', required: false, synonyms: ['linkedin handle', 'linkedin username', 'handle'] },
    { name: 'year_founded', type: 'int', required: false, synonyms: ['founded', 'year founded', 'established', 'inception', 'founded year', 'founding year', 'founded date', 'founding date', 'date founded', 'founded on', 'year established', 'year of founding'] },
    { name: 'company_location', type: 'string', required: false, synonyms: ['location', 'address', 'city', 'headquarters', 'hq', 'headquarters location', 'headquarters city', 'headquarters address', 'hq location', 'hq address', 'street address', 'office location', 'full address'] },
  ],
  // Domain, else normalised name; near-identical names ("Acme Inc" / "Acme Inc.") join too.
  dedupe: { keys: [['company_domain'], ['company_name']], policy: 'most_complete', fuzzy: { field: 'company_name', threshold: 92 } },
};
