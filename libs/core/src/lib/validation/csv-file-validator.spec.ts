import { parse } from 'csv-parse/sync';

import { sensorReadingsDataset } from '../datasets/presets/sensor-readings.dataset';
import { CsvFileValidator, FileRejection, RowOutcome } from './csv-file-validator';
import { DEFAULT_FILE_LIMITS, FileLimitExceeded } from './file-limits';

/** csv-parse with the options the reader's default dialect reads like, to compare with. */
const CSV_PARSE_OPTIONS = { bom: true, info: true, relax_column_count: true, skip_empty_lines: true } as const;

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Runs a whole file through the same parser options and validator the worker streams with. */
function validateCsv(text: string | Buffer): RowOutcome[] {
  const validator = new CsvFileValidator(sensorReadingsDataset);
  const outcomes: RowOutcome[] = [];
  for (const { record, info } of parse(text, CSV_PARSE_OPTIONS) as unknown as ParsedRecord[]) {
    outcomes.push(...validator.accept(record, info.lines));
  }
  outcomes.push(...validator.finish());
  return outcomes;
}

const errors = (outcomes: RowOutcome[]) => outcomes.flatMap((o) => (o.result.ok ? [] : [{ line: o.line, error: o.result.error }]));

describe('CsvFileValidator with the sensor_readings dataset', () => {
  it('accepts good rows and normalises their values', () => {
    const outcomes = validateCsv('sensor_id,timestamp,value\ns-1,2024-01-01T00:00:00Z,1.5\ns-2,2024-01-02,-4\n');
    expect(outcomes).toEqual([
      { line: 2, cells: ['s-1', '2024-01-01T00:00:00Z', '1.5'], result: { ok: true, record: { sensor_id: 's-1', timestamp: '2024-01-01T00:00:00.000Z', value: 1.5 } } },
      { line: 3, cells: ['s-2', '2024-01-02', '-4'], result: { ok: true, record: { sensor_id: 's-2', timestamp: '2024-01-02T00:00:00.000Z', value: -4 } } },
    ]);
  });

  it('reports each bad value with its line and every problem in the row', () => {
    const csv = ['sensor_id,timestamp,value', 's-1,2024-01-01,abc', ',not-a-date,1', 's-3,2024-01-03,2', 's-4,2024-01-04', 's-5,2024-01-05,5,extra'].join('\n');
    expect(errors(validateCsv(csv))).toEqual([
      { line: 2, error: 'value "abc" is not a number' },
      { line: 3, error: 'sensor_id is required; timestamp "not-a-date" is not an ISO-8601 date-time' },
      { line: 5, error: 'Expected 3 fields, found 2' },
      { line: 6, error: 'Expected 3 fields, found 4' },
    ]);
  });

  it('rejects a header that lacks a required column, naming the headers it saw', () => {
    expect(() => validateCsv('sensor_id,colour,value\ns-1,red,1\n')).toThrow(new FileRejection('Missing required column(s): timestamp. Headers seen: sensor_id, colour, value'));
  });

  it('ignores extra columns and matches headers regardless of case, spacing and order', () => {
    const validator = new CsvFileValidator(sensorReadingsDataset);
    validator.accept([' Value ', 'note', 'TIMESTAMP', 'SensorID'], 1);
    validator.accept(['3', 'hello', '2024-05-05', 'x'], 2);
    const [outcome] = validator.finish();
    expect(outcome.result).toEqual({
      ok: true,
      record: { sensor_id: 'x', timestamp: '2024-05-05T00:00:00.000Z', value: 3 },
    });
    expect(validator.columns.map(({ header, field, method }) => [header, field, method])).toEqual([
      [' Value ', 'value', 'exact'],
      ['note', null, 'unmapped'],
      ['TIMESTAMP', 'timestamp', 'exact'],
      ['SensorID', 'sensor_id', 'exact'],
    ]);
  });

  it('maps synonyms and misspellings of the fields', () => {
    const validator = new CsvFileValidator(sensorReadingsDataset);
    validator.accept(['Device ID', 'Recorded At', 'Meassurement'], 1);
    expect(validator.columns.map(({ field, method }) => [field, method])).toEqual([
      ['sensor_id', 'synonym'],
      ['timestamp', 'synonym'],
      ['value', 'fuzzy'],
    ]);
    validator.accept(['d-1', '2024-01-01', '2.5'], 2);
    expect(validator.finish()[0].result).toEqual({
      ok: true,
      record: { sensor_id: 'd-1', timestamp: '2024-01-01T00:00:00.000Z', value: 2.5 },
    });
  });

  it('reads slashed dates in the order the file itself shows, and counts what cleaning changed', () => {
    const validator = new CsvFileValidator(sensorReadingsDataset);
    const rows = [
      ['sensor_id', 'timestamp', 'value'],
      [' s-1 ', '01/02/2024', '1,250.5'],
      ['s-2', '25/02/2024', '3'],
    ];
    const outcomes = rows.flatMap((cells, index) => validator.accept(cells, index + 1));
    expect(outcomes).toEqual([]);
    expect(validator.finish().map((o) => o.result)).toEqual([
      { ok: true, record: { sensor_id: 's-1', timestamp: '2024-02-01T00:00:00.000Z', value: 1250.5 } },
      { ok: true, record: { sensor_id: 's-2', timestamp: '2024-02-25T00:00:00.000Z', value: 3 } },
    ]);
    expect(validator.cleaned).toEqual({ whitespace: 1, date_format: 2, number_format: 1 });
  });

  it('keeps unmapped columns under their original header when the dataset says so', () => {
    const validator = new CsvFileValidator({ ...sensorReadingsDataset, keepUnmapped: true });
    validator.accept(['sensor_id', ' Site ', 'timestamp', 'value', ''], 1);
    validator.accept(['s-1', ' roof ', '2024-01-01', '1', 'x'], 2);
    expect(validator.outputColumns).toEqual(['sensor_id', 'timestamp', 'value', 'Site']);
    expect(validator.finish()[0].result).toEqual({
      ok: true,
      record: { sensor_id: 's-1', timestamp: '2024-01-01T00:00:00.000Z', value: 1, Site: 'roof' },
    });
  });

  it('reads a file with a repeated header name: the later column is renamed, maps to nothing and is kept under its new name', () => {
    expect(validateCsv('sensor_id,timestamp,value,Value\ns-1,2024-01-01,1,2\n').map((o) => o.result)).toEqual([
      { ok: true, record: { sensor_id: 's-1', timestamp: '2024-01-01T00:00:00.000Z', value: 1 } },
    ]);
    const validator = new CsvFileValidator({ ...sensorReadingsDataset, keepUnmapped: true });
    validator.accept(['sensor_id', 'timestamp', 'value', 'Value'], 1);
    expect(validator.columns.map((c) => [c.header, c.field])).toEqual([
      ['sensor_id', 'sensor_id'],
      ['timestamp', 'timestamp'],
      ['value', 'value'],
      ['Value_2', null],
    ]);
    expect(validator.outputColumns).toEqual(['sensor_id', 'timestamp', 'value', 'Value_2']);
  });

  it('rejects an empty file', () => {
    expect(() => validateCsv('')).toThrow('File is empty: expected a header row');
    expect(() => validateCsv('\n\n')).toThrow('File is empty: expected a header row');
  });

  it('rejects a file with only a header', () => {
    expect(() => validateCsv('sensor_id,timestamp,value\n')).toThrow('File has a header but no data rows');
  });

  it('strips a UTF-8 byte order mark from the first header', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('sensor_id,timestamp,value\ns,2024-01-01,1\n')]);
    expect(errors(validateCsv(withBom))).toEqual([]);
  });

  it('reads CRLF line endings and keeps line numbers right after blank lines', () => {
    const outcomes = validateCsv('sensor_id,timestamp,value\r\ns-1,2024-01-01,1\r\n\r\ns-2,2024-01-02,x\r\n');
    expect(outcomes.map((o) => o.line)).toEqual([2, 4]);
    expect(errors(outcomes)).toEqual([{ line: 4, error: 'value "x" is not a number' }]);
  });

  it('keeps commas inside quoted fields', () => {
    const [outcome] = validateCsv('sensor_id,timestamp,value\n"hall, east",2024-01-01,"7"\n');
    expect(outcome.result).toEqual({
      ok: true,
      record: { sensor_id: 'hall, east', timestamp: '2024-01-01T00:00:00.000Z', value: 7 },
    });
  });

  it('shortens long values in messages', () => {
    const [error] = errors(validateCsv(`sensor_id,timestamp,value\ns,2024-01-01,${'9'.repeat(30)}z${'9'.repeat(30)}\n`));
    expect(error.error).toBe(`value "${'9'.repeat(30)}z${'9'.repeat(9)}…" is not a number`);
  });
});

describe('CsvFileValidator limits', () => {
  const limits = { ...DEFAULT_FILE_LIMITS, maxRows: 2 };

  it('turns rows the reader could not read into row errors, with their text, counted like any row', () => {
    const validator = new CsvFileValidator(sensorReadingsDataset, limits);
    validator.accept(['sensor_id', 'timestamp', 'value'], 1);
    const outcomes = [
      ...validator.acceptTableEvent({ kind: 'rejected', line: 2, error: 'Malformed quote: the quote opened at line 2 is never closed', text: '"s,1' }),
      ...validator.acceptTableEvent({ kind: 'rejected', line: 3, error: 'Expected 3 fields, found 25000' }),
      ...validator.finish(),
    ];
    expect(outcomes).toEqual([
      { line: 2, cells: [], result: { ok: false, error: 'Malformed quote: the quote opened at line 2 is never closed' }, text: '"s,1' },
      { line: 3, cells: [], result: { ok: false, error: 'Expected 3 fields, found 25000' } },
    ]);
    expect(() => validator.acceptTableEvent({ kind: 'rejected', line: 4, error: 'x' })).toThrow(FileLimitExceeded);
  });

  it('refuses a file with more data rows than the limit, saying how many it allows', () => {
    const validator = new CsvFileValidator(sensorReadingsDataset, limits);
    validator.accept(['sensor_id', 'timestamp', 'value'], 1);
    validator.accept(['s', '2024-01-01', '1'], 2);
    validator.accept(['s', '2024-01-02', '2'], 3);
    expect(() => validator.accept(['s', '2024-01-03', '3'], 4)).toThrow(
      new FileLimitExceeded('maxRows', 'File has more than 2 data rows, the most one file may have: split it into smaller files'),
    );
  });

  it('matches a wide header in slices that give the event loop turns, to the same layout', async () => {
    const header = ['sensor_id', 'timestamp', 'value', ...Array.from({ length: 20_000 }, (_, i) => `extra_${i}`)];
    const sliced = new CsvFileValidator(sensorReadingsDataset);
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    await sliced.acceptHeader(header);
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(0);
    const whole = new CsvFileValidator(sensorReadingsDataset);
    whole.accept(header, 1);
    expect(sliced.columns).toEqual(whole.columns);
  });
});
