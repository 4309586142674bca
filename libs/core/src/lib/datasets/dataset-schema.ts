import { COMPARISON_KINDS, DATE_ORDERS, DEDUPE_MODES, FIELD_TYPES, LETTER_CASES, LINE_BREAKS, MERGE_POLICIES } from '@sluice/contracts';
import type { ComparisonKind, FieldType } from '@sluice/contracts';
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

/** Most blocking rules a probabilistic dedupe may have: each one is a self-join of the job's records. */
export const MAX_BLOCKING_RULES = 20;

const fieldListSchema = z.array(z.string()).min(1, 'needs at least one field');

const probabilisticSchema = z
  .object({
    blocking: z.array(fieldListSchema).min(1, 'needs at least one blocking rule').max(MAX_BLOCKING_RULES, `may have at most ${MAX_BLOCKING_RULES} blocking rules`),
    comparisons: z.array(z.object({ field: z.string(), kind: z.enum(COMPARISON_KINDS), termFrequency: z.boolean().optional() }).strict()).min(1, 'needs at least one comparison'),
    threshold: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1 (a match probability)').optional(),
  })
  .strict();

/** Where a list names the same field twice: the index of each repeat, with its name. */
const repeats = (names: string[]) => names.flatMap((name, index) => (names.indexOf(name) !== index ? [{ index, name }] : []));

/** De-duplication's shape, and the rules between its members that need no field list (which members each mode uses). */
const dedupeSchema = z
  .object({
    mode: z.enum(DEDUPE_MODES).optional(),
    keys: z.array(fieldListSchema),
    policy: z.enum(MERGE_POLICIES),
    fuzzy: z.object({ field: z.string(), blockBy: z.string().optional(), threshold: z.number().min(50).max(100), confirmBy: fieldListSchema.optional() }).optional(),
    strongIdentifiers: fieldListSchema.optional(),
    probabilistic: probabilisticSchema.optional(),
  })
  .superRefine((dedupe, context) => {
    const issue = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path, message });
    if ((dedupe.mode ?? 'rules') === 'rules') {
      if (dedupe.keys.length === 0) issue(['keys'], 'needs at least one key');
      // Rejected rather than ignored: settings that would silently do nothing are most likely a forgotten `mode`.
      if (dedupe.probabilistic) issue(['probabilistic'], 'is only used when mode is "probabilistic"');
    } else {
      if (!dedupe.probabilistic) issue(['probabilistic'], 'is required when mode is "probabilistic"');
      if (dedupe.fuzzy) issue(['fuzzy'], 'is only used in rules mode; probabilistic mode compares names through its comparisons (kind "name")');
    }
    const fuzzy = dedupe.fuzzy;
    fuzzy?.confirmBy?.forEach((name, index) => {
      if (name === fuzzy.field) issue(['fuzzy', 'confirmBy', index], `cannot confirm a fuzzy match on "${name}" with "${name}" itself`);
      if (name === fuzzy.blockBy) issue(['fuzzy', 'confirmBy', index], `cannot be the blockBy field ("${name}"): every compared pair shares it`);
    });
    for (const { index, name } of repeats(fuzzy?.confirmBy ?? [])) issue(['fuzzy', 'confirmBy', index], `names "${name}" twice`);
    for (const { index, name } of repeats(dedupe.strongIdentifiers ?? [])) issue(['strongIdentifiers', index], `names "${name}" twice`);
    const comparisons = dedupe.probabilistic?.comparisons ?? [];
    for (const { index, name } of repeats(comparisons.map((c) => c.field))) issue(['probabilistic', 'comparisons', index, 'field'], `compares "${name}" a second time`);
    dedupe.probabilistic?.blocking.forEach((rule, r) => {
      for (const { index, name } of repeats(rule)) issue(['probabilistic', 'blocking', r, index], `names "${name}" twice`);
    });
  });

/** Field types each comparison kind can read: dates and numbers must parse, so only their own types or free text. */
const COMPARABLE_TYPES: Partial<Record<ComparisonKind, FieldType[]>> = {
  date: ['date', 'datetime', 'string'],
  number: ['int', 'decimal', 'string'],
};

/** A dataset definition as users write it: structure, then the cross-field rules. */
export const datasetDefinitionSchema = z
  .object({
    name: z.string().regex(NAME, 'must be lower_snake_case, starting with a letter'),
    label: z.string().trim().min(1, 'must not be empty'),
    fields: z.array(fieldSchema).min(1, 'needs at least one field'),
    matchThreshold: z.number().min(50).max(100).optional(),
    defaultDateOrder: z.enum(DATE_ORDERS).optional(),
    keepUnmapped: z.boolean().optional(),
    dedupe: dedupeSchema.optional(),
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
      dataset.dedupe.fuzzy.confirmBy?.forEach((name, index) => known(['dedupe', 'fuzzy', 'confirmBy', index], name));
    }
    dataset.dedupe?.strongIdentifiers?.forEach((name, index) => known(['dedupe', 'strongIdentifiers', index], name));
    const probabilistic = dataset.dedupe?.probabilistic;
    probabilistic?.blocking.forEach((rule, r) => rule.forEach((name, f) => known(['dedupe', 'probabilistic', 'blocking', r, f], name)));
    probabilistic?.comparisons.forEach(({ field, kind }, index) => {
      const path = ['dedupe', 'probabilistic', 'comparisons', index, 'field'];
      known(path, field);
      const type = dataset.fields.find((f) => f.name === field)?.type;
      const readable = COMPARABLE_TYPES[kind];
      if (type && readable && !readable.includes(type)) context.addIssue({ code: 'custom', path, message: `a ${kind} comparison cannot read "${field}", a ${type} field` });
    });
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
