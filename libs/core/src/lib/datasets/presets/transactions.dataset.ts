import type { DatasetDefinition } from '../dataset-definition';

/** Seed 003: billing transactions of AI model usage. */
export const transactionsDataset: DatasetDefinition = {
  name: 'transactions',
  label: 'Transactions',
  fields: [
    { name: 'user', type: 'string', required: true, synonyms: ['user id', 'username', 'customer', 'account', 'customer id', 'account id', 'client', 'client id', 'member id'] },
    { name: 'region', type: 'string', required: false, synonyms: ['geo', 'area', 'country', 'billing country', 'country code', 'billing region', 'location'] },
    { name: 'company', type: 'string', required: false, synonyms: ['company name', 'organization', 'org', 'organization name', 'billing company', 'customer company'] },
    { name: 'model_name', type: 'string', required: false, synonyms: ['model', 'llm', 'model id', 'model version', 'engine'] },
    { name: 'token_count', type: 'int', required: false, synonyms: ['tokens', 'total tokens', 'token usage', 'tokens used', 'number of tokens'] },
    {
      name: 'cost',
      type: 'decimal',
      required: true,
      synonyms: ['amount', 'price', 'charge', 'cost usd', 'spend', 'total', 'total cost', 'total amount', 'amount usd', 'charge amount'],
    },
    {
      name: 'timestamp',
      type: 'datetime',
      required: true,
      synonyms: ['time', 'date', 'created at', 'datetime', 'ts', 'created', 'created on', 'transaction date', 'event time', 'date time'],
    },
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
