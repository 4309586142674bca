import { sensorReadingsDataset } from '../datasets/presets/sensor-readings.dataset';
import { previewFile } from './file-preview';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('previewFile', () => {
  it('reads the header, maps it and lists the first rows', async () => {
    const preview = await previewFile({ dataset: sensorReadingsDataset, bytes: bytes('Device,Recorded At,Reading,Notes\nb-1,2026-11-20T08:00:00Z,71.5,ok\n'), fileName: 'a.csv' });
    expect(preview.header).toEqual(['Device', 'Recorded At', 'Reading', 'Notes']);
    expect(preview.columns.map((c) => [c.header, c.field, c.method])).toEqual([
      ['Device', 'sensor_id', 'synonym'],
      ['Recorded At', 'timestamp', 'synonym'],
      ['Reading', 'value', 'synonym'],
      ['Notes', null, 'unmapped'],
    ]);
    expect(preview.missingRequired).toEqual([]);
    expect(preview.rows).toEqual([['b-1', '2026-11-20T08:00:00Z', '71.5', 'ok']]);
    expect(preview.reading.delimiter).toBe(',');
  });

  it('applies corrections of the mapping: the field moves to the corrected column', async () => {
    const preview = await previewFile({
      dataset: sensorReadingsDataset,
      bytes: bytes('Device,Recorded At,Reading,Probe\nb-1,2026-11-20T08:00:00Z,71.5,p\n'),
      fileName: 'a.csv',
      options: { columnFields: { Probe: 'sensor_id', Reading: null } },
    });
    expect(preview.columns.map((c) => [c.header, c.field])).toEqual([
      ['Device', null],
      ['Recorded At', 'timestamp'],
      ['Reading', null],
      ['Probe', 'sensor_id'],
    ]);
    expect(preview.columns[3].method).toBe('override');
    expect(preview.missingRequired).toEqual(['value']);
  });

  it('leaves out the last line of a cut file, and stops at twenty rows', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `s-${i},2026-11-20T08:00:00Z,${i}`);
    const cut = `sensor_id,timestamp,value\n${lines.join('\n')}\ns-30,2026-11-2`;
    const preview = await previewFile({ dataset: sensorReadingsDataset, bytes: bytes(cut), fileName: 'a.csv', truncated: true });
    expect(preview.rows).toHaveLength(20);
    const whole = await previewFile({ dataset: sensorReadingsDataset, bytes: bytes(`sensor_id,timestamp,value\ns-1,2026-11-2`), fileName: 'a.csv', truncated: true });
    expect(whole.rows).toEqual([]);
    expect(whole.rejected).toEqual([]);
  });
});
