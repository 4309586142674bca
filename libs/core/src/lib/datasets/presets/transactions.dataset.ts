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
};
