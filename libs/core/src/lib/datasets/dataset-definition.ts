export type FieldType = 'string' | 'decimal' | 'datetime';

export interface FieldDefinition {
  name: string;
  type: FieldType;
  required: boolean;
}

export interface DatasetDefinition {
  name: string;
  label: string;
  fields: FieldDefinition[];
}
