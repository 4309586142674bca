import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type FieldType, SENSORS_LISTED } from '@sluice/contracts';
import { emailEngagementPipeline, findDataset, pipelineColumns, pipelineDatasets, sensorReadingsDataset, STAGED_LINE_COLUMN } from '@sluice/core';

import { readMergeGroups } from './dedupe/merge-groups-reader';
import { withDuckDb } from './duckdb-session';
import { buildJobResults, type DatasetRows, type JobResultsInput } from './job-results';

const typesOf = (name: string): Record<string, FieldType> => Object.fromEntries((findDataset(name)?.fields ?? []).map((f) => [f.name, f.type]));
const SENSOR_FIELDS = ['sensor_id', 'timestamp', 'value'];
const SENSOR_TYPES = typesOf('sensor_readings');

describe('buildJobResults', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sluice-results-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const csv = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  };
  const sensors = (files: string[], fields = SENSOR_FIELDS): JobResultsInput => ({
    scratch: dir,
    source: { kind: 'dataset', rows: { files, fields, types: SENSOR_TYPES } },
    types: SENSOR_TYPES,
    metrics: sensorReadingsDataset.metrics ?? null,
    records: true,
  });
  const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n');

  it('measures and delivers formula-like values as they are; only clean.csv neutralises them', async () => {
    const file = csv('staged.csv', ['sensor_id,timestamp,value', '=1+2,2026-01-05T10:00:00.000Z,1', '@x,2026-01-05T11:00:00.000Z,2', '-3,2026-01-05T12:00:00.000Z,-3']);
    const results = await buildJobResults(sensors([file]));
    expect(lines(results.cleanFile)).toEqual(['sensor_id,timestamp,value', "'=1+2,2026-01-05T10:00:00.000Z,1", "'@x,2026-01-05T11:00:00.000Z,2", '-3,2026-01-05T12:00:00.000Z,-3']);
    expect(lines(results.records?.file as string).map((line) => JSON.parse(line).sensor_id)).toEqual(['=1+2', '@x', '-3']);
    const dimensions = results.daily?.rows.filter((r) => r.metric === 'readings' && r.dimension === 'sensor_id').map((r) => r.dimensionValue);
    expect(dimensions?.sort()).toEqual(['-3', '=1+2', '@x']);
    expect(results.aggregations?.per_sensor_count).toEqual({ '-3': 1, '=1+2': 1, '@x': 1 });
  });

  it("keeps a pipeline's values unescaped through its merged datasets into the join, the records and the metrics", async () => {
    const datasets: Record<string, DatasetRows> = Object.fromEntries(
      pipelineDatasets(emailEngagementPipeline).map((name) => [name, { files: [], fields: (findDataset(name)?.fields ?? []).map((f) => f.name), types: typesOf(name) }]),
    );
    datasets['email_sends'].files = [
      csv('sends.csv', ['recipient_email,domain,date_sent,campaign,subject,sender,list_name', 'ann@acme.com,acme.com,2026-01-05,=HYPERLINK("x"),@sub,,']),
    ];
    datasets['contacts'].files = [csv('contacts.csv', ['email,first_name,last_name,job_title,company_name,domain,phone', 'ann@acme.com,+Ann,Lee,,,acme.com,'])];
    const types = pipelineColumns(emailEngagementPipeline, findDataset);
    const { base, joins, metrics } = emailEngagementPipeline;
    const results = await buildJobResults({ scratch: dir, source: { kind: 'pipeline', base, joins, datasets }, types, metrics: metrics ?? null, records: true });
    expect(lines(results.cleanFile)[1]).toBe(`ann@acme.com,acme.com,2026-01-05,"'=HYPERLINK(""x"")",'@sub,,,,,,'+Ann,Lee,,,,,,`);
    expect(JSON.parse(lines(results.records?.file as string)[0])).toMatchObject({ campaign: '=HYPERLINK("x")', subject: '@sub', first_name: '+Ann' });
    expect(results.daily?.rows.find((r) => r.metric === 'sends' && r.dimension === 'campaign')?.dimensionValue).toBe('=HYPERLINK("x")');
    expect(results.merge).toMatchObject({ rowsIn: 2, rowsOut: 1, matched: { contacts: 1 } });
    expect(results.aggregations).toBeNull();
  });

  it('cuts the records into delivery batches whose byte ranges hold exactly their lines', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `s-${i % 7},2026-01-0${1 + (i % 9)}T00:00:00.000Z,${i % 3 ? i : `${i}.5`}`);
    const results = await buildJobResults({
      ...sensors([
        csv('a.csv', ['sensor_id,timestamp,value', ...rows.slice(0, 1200)]),
        csv('b.csv', ['sensor_id,timestamp,value', 'ü-é,2026-01-01T00:00:00.000Z,1', ...rows.slice(1200)]),
      ]),
    });
    const records = results.records;
    const bytes = readFileSync(records?.file as string);
    expect(records?.total).toBe(2501);
    expect(records?.batches.map(({ index, firstRecord, count }) => ({ index, firstRecord, count }))).toEqual([
      { index: 0, firstRecord: 0, count: 1000 },
      { index: 1, firstRecord: 1000, count: 1000 },
      { index: 2, firstRecord: 2000, count: 501 },
    ]);
    const all = bytes.toString('utf8').split('\n').slice(0, -1);
    for (const batch of records?.batches ?? []) {
      const slice = bytes.subarray(batch.start, batch.end + 1).toString('utf8');
      expect(slice.endsWith('\n')).toBe(true);
      expect(slice.slice(0, -1).split('\n')).toEqual(all.slice(batch.firstRecord, batch.firstRecord + batch.count));
    }
    expect(records?.batches.at(-1)?.end).toBe(bytes.length - 1);
  });

  it("sums up seed 004's readings across files as the job page shows them, reading columns by name", async () => {
    const first = csv("it's-a.csv", [
      'sensor_id,timestamp,value,Room',
      'a,2024-01-01T00:00:00.000Z,1.5,lab',
      'b,2024-01-01T00:00:00.000Z,-2,',
      '"a,b",2024-01-02T00:00:00.000Z,10,x',
    ]);
    const second = csv('b.csv', ['sensor_id,timestamp,value', 'a,2024-01-03T00:00:00.000Z,4']);
    const { aggregations, merge } = await buildJobResults(sensors([first, second], [...SENSOR_FIELDS, 'Room']));
    expect(aggregations).toEqual({ row_count: 4, min_value: -2, max_value: 10, per_sensor_count: { a: 2, 'a,b': 1, b: 1 } });
    expect(merge).toEqual({ rowsIn: 4, rowsOut: 4, duplicatesRemoved: 0, fieldsMerged: 0, conflicts: 0, groups: 0, flaggedGroups: 0 });
  });

  it('lists the sensors with the most readings when there are more than a job page (and a Temporal payload) can hold', async () => {
    const rows = Array.from({ length: SENSORS_LISTED + 500 }, (_, i) => `s-${i},2024-01-01T00:00:00.000Z,1`);
    rows.push('s-7,2024-01-02T00:00:00.000Z,2', 's-7,2024-01-03T00:00:00.000Z,3');
    const { aggregations } = await buildJobResults(sensors([csv('many.csv', ['sensor_id,timestamp,value', ...rows])]));
    expect(aggregations?.row_count).toBe(SENSORS_LISTED + 502);
    expect(aggregations?.sensors_total).toBe(SENSORS_LISTED + 500);
    expect(Object.keys(aggregations?.per_sensor_count ?? {})).toHaveLength(SENSORS_LISTED);
    expect(aggregations?.per_sensor_count['s-7']).toBe(3);
  });

  it("keeps a de-duplicating job's provenance, applies its corrections and adds the provenance columns on request", async () => {
    const people = findDataset('people');
    const fields = (people?.fields ?? []).map((f) => f.name);
    const staged = (name: string, rows: string[]) => csv(name, [`${STAGED_LINE_COLUMN},email,full_name,company_domain`, ...rows]);
    const a = staged('a.csv', ['2,ann@acme.com,Ann Lee,acme.com', '4,bob@acme.com,Bob Ray,acme.com']);
    const b = staged('b.csv', ['3,ANN@acme.com,,', '5,,Bob Ray,acme.com', '6,cy@acme.com,Cy Dee,acme.com']);
    const results = await buildJobResults({
      scratch: dir,
      // The job's second file staged no rows: the third is file 2.
      source: { kind: 'dataset', rows: { files: [a, b], fileNumbers: [0, 2], fields, dedupe: people?.dedupe, types: typesOf('people') } },
      types: typesOf('people'),
      metrics: null,
      records: true,
      corrections: [{ kind: 'split', records: [{ file: 2, line: 5 }] }],
      provenance: true,
      provenanceColumns: true,
    });
    expect(results.merge).toMatchObject({ rowsIn: 5, rowsOut: 4, groups: 1, flaggedGroups: 0 });
    const clean = lines(results.cleanFile);
    expect(clean[0].split(',').slice(-2)).toEqual(['_cluster_id', '_source_lines']);
    expect(clean.slice(1).map((line) => line.split(',').slice(-2).join(' '))).toEqual(['c-0-2 0:2;2:3', 'c-0-4 0:4', 'c-2-5 2:5', 'c-2-6 2:6']);
    expect(lines(results.records?.file as string).map((line) => JSON.parse(line)._cluster_id)).toEqual(['c-0-2', 'c-0-4', 'c-2-5', 'c-2-6']);
    const groups = await withDuckDb((db) =>
      readMergeGroups(db, results.provenanceFile as string, { page: 1, pageSize: 10, order: 'review', fileNames: ['a.csv', 'empty.csv', 'b.csv'] }),
    );
    expect(groups.items.map((g) => g.members.map((m) => `${m.fileName}:${m.line}`))).toEqual([['a.csv:2', 'b.csv:3']]);
  });

  it('leaves out records, metrics and aggregations a job does not ask for', async () => {
    const file = csv('people.csv', ['email,full_name', 'a@x.com,A']);
    const results = await buildJobResults({
      scratch: dir,
      source: { kind: 'dataset', rows: { files: [file], fields: ['email', 'full_name'], types: {} } },
      types: {},
      metrics: null,
      records: false,
    });
    expect(results).toMatchObject({ records: null, daily: null, aggregations: null, provenanceFile: null, merge: { rowsIn: 1, rowsOut: 1 } });
    expect(lines(results.cleanFile)).toEqual(['email,full_name', 'a@x.com,A']);
  });
});
