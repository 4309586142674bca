/** A metric value as the dashboard shows it: percentages for rates, grouped digits otherwise. */
export function formatMetric(value: number | null, percent: boolean): string {
  if (value === null) return '—';
  if (percent) return `${(value * 100).toFixed(1)} %`;
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** A change in percent with its sign; "—" when there is nothing to compare with. */
export function formatChange(changePct: number | null): string {
  if (changePct === null) return '—';
  return `${changePct > 0 ? '+' : ''}${changePct.toFixed(1)} %`;
}
