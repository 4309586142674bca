/** One option of a select: a value of a contracts union and the words the admin shows for it. */
export interface Choice<T extends string> {
  value: T;
  label: string;
}

/**
 * A select's options, in the order the labels are written. The labels are a Record keyed by the union, so a
 * value added in contracts does not compile here until it has its words.
 */
export function choicesOf<T extends string>(labels: Record<T, string>): Choice<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}
