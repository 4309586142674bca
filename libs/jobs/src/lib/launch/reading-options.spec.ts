import { readingOptionsOf } from './launch-request';

describe('reading options of a launch request', () => {
  it('gives nothing when nothing is set, and leaves empty fields to detection (but for quote and escape)', () => {
    expect(readingOptionsOf(undefined)).toBeUndefined();
    expect(readingOptionsOf({})).toBeUndefined();
    expect(readingOptionsOf({ encoding: ' ', delimiter: '', headerLine: '', sheet: '', columnFields: '' })).toBeUndefined();
    expect(readingOptionsOf({ quote: '', escape: '' })).toEqual({ quote: '', escape: '' });
  });

  it('reads form text into checked options: canonical encodings, "tab", line numbers, columnFields JSON', () => {
    expect(
      readingOptionsOf({ encoding: 'latin1', delimiter: 'tab', quote: "'", escape: '\\', headerLine: '3', sheet: ' Data ', columnFields: '{"Probe":"sensor_id","Notes":null}' }),
    ).toEqual({
      encoding: 'windows-1252',
      delimiter: '\t',
      quote: "'",
      escape: '\\',
      headerLine: 3,
      sheet: 'Data',
      columnFields: { Probe: 'sensor_id', Notes: null },
    });
    expect(readingOptionsOf({ delimiter: ';', headerLine: 2, columnFields: { A: 'b' } })).toEqual({ delimiter: ';', headerLine: 2, columnFields: { A: 'b' } });
  });

  it('refuses a bad option naming it', () => {
    expect(() => readingOptionsOf({ encoding: 'klingon-8' })).toThrow(/^Invalid reading option "encoding": is not an encoding Sluice can decode/);
    expect(() => readingOptionsOf({ delimiter: '#' })).toThrow(/^Invalid reading option "delimiter": must be one of/);
    expect(() => readingOptionsOf({ quote: '`' })).toThrow(/^Invalid reading option "quote"/);
    expect(() => readingOptionsOf({ headerLine: '1.5' })).toThrow('Invalid reading option "headerLine": must be a line number (1 for the first line), not "1.5"');
    expect(() => readingOptionsOf({ headerLine: '0' })).toThrow(/^Invalid reading option "headerLine"/);
    expect(() => readingOptionsOf({ columnFields: '["a"]' })).toThrow(/^Invalid reading option "columnFields": must be a JSON object/);
    expect(() => readingOptionsOf({ columnFields: '{"A":1}' })).toThrow(/^Invalid reading option "columnFields" \(for "A"\)/);
  });
});
