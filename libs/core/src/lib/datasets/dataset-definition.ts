// The definition types are contracts shared with the API, the workflow input and the admin.
export type { DatasetDefinition, DedupeConfig, FieldDefinition, FieldType, MergePolicy } from '@sluice/contracts';
