import { findDataset } from '../datasets/dataset-registry';
import { mapDatasetHeader } from '../validation/header-layout';
import { REAL_EXPORT_HEADERS } from './real-exports.fixture';

/** Precision and recall of the header mapping over the fixture, with every miss and wrong mapping listed. */
function score() {
  let mapped = 0;
  let correct = 0;
  let expected = 0;
  const wrong: string[] = [];
  const missed: string[] = [];
  for (const { tool, dataset, columns, samples } of REAL_EXPORT_HEADERS) {
    const definition = findDataset(dataset);
    if (!definition) throw new Error(`No preset ${dataset}`);
    const result = mapDatasetHeader(
      definition,
      columns.map(([header]) => header),
      { samples },
    ).columns;
    columns.forEach(([header, want], i) => {
      const got = result[i].field;
      const optional = want?.endsWith('?') ?? false;
      const field = optional ? want!.slice(0, -1) : want;
      if (field && !optional) expected += 1;
      if (got === null) {
        if (field && !optional) missed.push(`${tool}: "${header}" → ${field}`);
        return;
      }
      if (optional && got === field) return;
      mapped += 1;
      if (got === field) correct += 1;
      else wrong.push(`${tool}: "${header}" → ${got} (${result[i].method} ${result[i].score}), expected ${field}`);
    });
  }
  return { precision: correct / mapped, recall: correct / expected, mapped, correct, expected, wrong, missed };
}

describe('header mapping on real export header rows', () => {
  it('has at least 30 header rows, each naming a preset and only its fields', () => {
    expect(REAL_EXPORT_HEADERS.length).toBeGreaterThanOrEqual(30);
    for (const { dataset, columns } of REAL_EXPORT_HEADERS) {
      const names = findDataset(dataset)!.fields.map((f) => f.name);
      for (const [, want] of columns) if (want) expect(names).toContain(want.replace(/\?$/, ''));
    }
  });

  it('maps them with precision ≥ 0.98 and recall ≥ 0.95', () => {
    const result = score();
    console.log(JSON.stringify(result, null, 1));
    expect(result.precision).toBeGreaterThanOrEqual(0.98);
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
  });
});
