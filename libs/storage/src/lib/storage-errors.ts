/** Storage answered that the object does not exist, as opposed to storage failing to answer at all. */
export function isMissingObject(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound';
}
