import { jobSpecSchema, mergeStatsSchema, peopleDataset } from '@sluice/core';

import { parseStored, parseStoredOrNull } from './stored-json';

describe('parseStored', () => {
  it('reads a stored spec into the contract and refuses one that does not fit, naming the column and the path', () => {
    const spec = { kind: 'dataset', dataset: { version: 3, definition: peopleDataset }, delivery: null };
    expect(parseStored(jobSpecSchema, spec, 'Job.spec')).toEqual(spec);
    expect(() => parseStored(jobSpecSchema, { ...spec, dataset: { version: 'three', definition: peopleDataset } }, 'Job.spec')).toThrow(/Stored Job.spec .*dataset\.version/);
    expect(() => parseStored(jobSpecSchema, { kind: 'pipeline', datasets: {}, delivery: null }, 'Job.spec')).toThrow(/Job.spec/);
  });

  it('keeps null as null for a nullable column', () => {
    expect(parseStoredOrNull(mergeStatsSchema, null, 'Job.mergeStats')).toBeNull();
    expect(() => parseStoredOrNull(mergeStatsSchema, { rowsIn: 1 }, 'Job.mergeStats')).toThrow(/Job.mergeStats/);
  });
});
