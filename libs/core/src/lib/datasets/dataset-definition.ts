// The definition types are contracts shared with the API, the workflow input and the admin.
export type { DatasetDefinition, DateOrder, DedupeConfig, FieldDefinition, FieldType, LetterCase, LineBreaks, MergePolicy } from '@sluice/contracts';
