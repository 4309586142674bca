/** Every way a value can be changed on its way in; each is counted per job. */
export const CLEANING_RULES = ['whitespace', 'case', 'domain', 'domain_derived', 'number_format', 'date_format', 'boolean_format'] as const;

export type CleaningRule = (typeof CLEANING_RULES)[number];

export type CleaningCounts = Partial<Record<CleaningRule, number>>;

export function addCounts(into: CleaningCounts, from: CleaningCounts): CleaningCounts {
  for (const [rule, count] of Object.entries(from) as [CleaningRule, number][]) into[rule] = (into[rule] ?? 0) + count;
  return into;
}
