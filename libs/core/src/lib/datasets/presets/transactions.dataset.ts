import type { DatasetDefinition } from '../dataset-definition';

/** Seed 003: billing transactions of AI model usage. */
export const transactionsDataset: DatasetDefinition = {
  name: 'transactions',
  label: 'Transactions',
  fields: [
    { name: 'user', type: 'string', required: true, synonyms: ['user id', 'username', 'customer', 'account'] },
    { name: 'region', type: 'string', required: false, synonyms: ['geo', 'area', 'country'] },
    { name: 'company', type: 'string', required: false, synonyms: ['company name', 'organization', 'org'] },
    { name: 'model_name', type: 'string', required: false, synonyms: ['model', 'llm', 'model id'] },
    { name: 'token_count', type: 'int', required: false, synonyms: ['tokens', 'total tokens', 'token usage'] },
    { name: 'cost', type: 'decimal', required: true, synonyms: ['amount', 'price', 'charge', 'cost usd', 'spend'] },
    { name: 'timestamp', type: 'datetime', required: true, synonyms: ['time', 'date', 'created at', 'datetime', 'ts'] },
  ],
  // Seed 003's daily metrics: spend, tokens and active users, by region, company and model.
  metrics: {
    dateField: 'timestamp',
    dimensions: ['region', 'company', 'model_name'],
    metrics: [
      { name: 'transactions', label: 'Transactions', op: 'count' },
      { name: 'revenue', label: 'Revenue', op: 'sum', field: 'cost' },
      { name: 'tokens', label: 'Tokens', op: 'sum', field: 'token_count' },
      { name: 'active_users', label: 'Active users', op: 'count_distinct', field: 'user' },
      { name: 'avg_cost', label: 'Average cost', op: 'avg', field: 'cost' },
      { name: 'revenue_per_user', label: 'Revenue per user', ratio: { numerator: 'revenue', denominator: 'active_users' } },
    ],
  },
};
