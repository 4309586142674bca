import { DATE_ORDERS, FIELD_TYPES, LETTER_CASES, LINE_BREAKS, MERGE_POLICIES } from '@sluice/contracts';
import { z } from 'zod';

import { datasetReadingSchema } from '../intake/reading-options-schema';
import { metricsConfigSchema, metricsProblems } from '../metrics/metrics-schema';
import type { DatasetDefinition } from './dataset-definition';

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

const fieldSchema = z.object({
  name: z.string().regex(NAME, 'must be lower_snake_case, starting with a letter'),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  synonyms: z.array(z.string().trim().min(1, 'must not be empty')).optional(),
  case: z.enum(LETTER_CASES).optional(),
  deriveDomainFrom: z.array(z.string()).optional(),
  lineBreaks: z.enum(LINE_BREAKS).optional(),
});

/** A dataset definition as users write it: structure, then the cross-field rules. */
export const datasetDefinitionSchema = z
  .object({
    name: z.string().regex(NAME, 'must be lower_snake_case, starting with a letter'),
    label: z.string().trim().min(1, 'must not be empty'),
    fields: z.array(fieldSchema).min(1, 'needs at least one field'),
    matchThreshold: z.number().min(50).max(100).optional(),
    defaultDateOrder: z.enum(DATE_ORDERS).optional(),
    keepUnmapped: z.boolean().optional(),
    dedupe: z
      .object({
        keys: z.array(z.array(z.string()).min(1)).min(1, 'needs at least one key'),
        policy: z.enum(MERGE_POLICIES),
        fuzzy: z.object({ field: z.string(), blockBy: z.string().optional(), threshold: z.number().min(50).max(100) }).optional(),
      })
      .optional(),
    metrics: metricsConfigSchema.optional(),
    reading: datasetReadingSchema.optional(),
  })
  .strict()
  .superRefine((dataset, context) => {
    const names = dataset.fields.map((f) => f.name);
    names.forEach((name, index) => {
      if (names.indexOf(name) !== index) context.addIssue({ code: 'custom', path: ['fields', index, 'name'], message: `duplicates field "${name}"` });
    });
    const known = (path: (string | number)[], name: string) => {
      if (!names.includes(name)) context.addIssue({ code: 'custom', path, message: `names no field of this dataset ("${name}")` });
    };
    dataset.fields.forEach((field, index) => {
      field.deriveDomainFrom?.forEach((source, s) => known(['fields', index, 'deriveDomainFrom', s], source));
      if (field.deriveDomainFrom && field.type !== 'domain') {
        context.addIssue({ code: 'custom', path: ['fields', index, 'deriveDomainFrom'], message: 'only a domain field can be derived' });
      }
    });
    dataset.dedupe?.keys.forEach((key, k) => key.forEach((name, f) => known(['dedupe', 'keys', k, f], name)));
    if (dataset.dedupe?.fuzzy) {
      known(['dedupe', 'fuzzy', 'field'], dataset.dedupe.fuzzy.field);
      if (dataset.dedupe.fuzzy.blockBy) known(['dedupe', 'fuzzy', 'blockBy'], dataset.dedupe.fuzzy.blockBy);
    }
    if (dataset.metrics) {
      const types = Object.fromEntries(dataset.fields.map((f) => [f.name, f.type]));
      for (const problem of metricsProblems(dataset.metrics, types)) context.addIssue({ code: 'custom', path: ['metrics', ...problem.path], message: problem.message });
    }
  });

export interface DefinitionProblem {
  /** Where in the definition, e.g. "fields.2.type". */
  path: string;
  message: string;
}

export type DefinitionCheck = { ok: true; definition: DatasetDefinition } | { ok: false; problems: DefinitionProblem[] };

/** Checks a dataset definition sent by a user; every problem is reported with its path. */
export function checkDatasetDefinition(input: unknown): DefinitionCheck {
  const parsed = datasetDefinitionSchema.safeParse(input);
  if (parsed.success) return { ok: true, definition: parsed.data as DatasetDefinition };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message })) };
}
