import { TableShaper } from './table-shaper';

function shape(lines: string[]) {
  const shaper = new TableShaper((cells) => cells.join(','));
  const events = lines.flatMap((text, i) => shaper.push({ cells: text.split(','), line: i + 1 }));
  events.push(...shaper.end());
  return { shaper, header: events.find((e) => e.kind === 'header'), rows: events.filter((e) => e.kind === 'row').map((e) => e.line) };
}

describe('TableShaper', () => {
  it('skips blank, whitespace-only and delimiter-only lines, counting them', () => {
    const { shaper, header, rows } = shape(['', 'a,b', '1,2', '  ', ',,', ' , ', '3,4']);
    expect(header).toMatchObject({ line: 2, cells: ['a', 'b'] });
    expect(rows).toEqual([3, 7]);
    expect(shaper.blankLines).toBe(4);
    expect(shaper.trailing).toEqual([]);
  });

  it('reports a totals line at the end instead of reading it as a row', () => {
    const { shaper, rows } = shape(['item,amount', 'a,1', 'b,2', 'Total,3']);
    expect(rows).toEqual([2, 3]);
    expect(shaper.trailing).toEqual([{ kind: 'totals', line: 4, lines: 1, text: 'Total,3' }]);
  });

  it('reports a totals line without a label below a blank line', () => {
    const { shaper, rows } = shape(['day,sessions', '3/1/24,305', '3/2/24,298', '', ',603']);
    expect(rows).toEqual([2, 3]);
    expect(shaper.trailing).toEqual([{ kind: 'totals', line: 5, lines: 1, text: ',603' }]);
  });

  it('keeps a last row whose name starts like a totals label', () => {
    const { shaper, rows } = shape(['name,city,amount', 'Ann,Paris,1', 'Total Gym,Austin,50', 'Sum Ltd,Rome,3']);
    expect(rows).toEqual([2, 3, 4]);
    expect(shaper.trailing).toEqual([]);
  });

  it('keeps the rows after a blank line when one has "n/a" where the data has numbers', () => {
    const lines = ['name,age,city', 'Alice,30,Paris', '', 'Bob,n/a,London', ...Array.from({ length: 8 }, (_, i) => `P${i},${20 + i},Rome`)];
    const { shaper, rows } = shape(lines);
    expect(rows).toHaveLength(10);
    expect(shaper.trailing).toEqual([]);
  });

  it('releases a held differently shaped row as data when data-shaped rows follow it', () => {
    const { shaper, rows } = shape(['name,age,city', 'Alice,30,Paris', '', 'Note', 'Bob,31,London', 'Cy,32,Oslo']);
    expect(rows).toEqual([2, 4, 5, 6]);
    expect(shaper.trailing).toEqual([]);
  });

  it('keeps a "Total" row that data follows', () => {
    const { shaper, rows } = shape(['category,amount', 'Food,1', 'Total,3', 'Rent,2']);
    expect(rows).toEqual([2, 3, 4]);
    expect(shaper.trailing).toEqual([]);
  });

  it('reports a second table below a blank line', () => {
    const { shaper, rows } = shape(['name,city,amount', 'a,x,1', 'b,y,2', '', 'Summary', 'rows,2', 'sum,3']);
    expect(rows).toEqual([2, 3]);
    expect(shaper.trailing).toEqual([{ kind: 'table', line: 5, lines: 3, text: 'Summary' }]);
  });

  it('reports a repeated header below a blank line as a second table', () => {
    const { shaper, rows } = shape(['name,amount', 'a,1', '', 'name,amount', 'b,2']);
    expect(rows).toEqual([2]);
    expect(shaper.trailing).toMatchObject([{ kind: 'table', line: 4, lines: 2 }]);
  });

  it('reports a second table as wide as the data when its header reads as text over the numbers', () => {
    const { shaper, rows } = shape(['date,gross,fees,net', '2024-01-01,10,1,9', '', 'Currency,Gross,Fees,Net', 'EUR,10,1,9']);
    expect(rows).toEqual([2]);
    expect(shaper.trailing).toMatchObject([{ kind: 'table', line: 4, lines: 2 }]);
  });

  it('reads rows shaped like the data after a blank line as data', () => {
    const { shaper, rows } = shape(['name,amount', 'a,1', '', 'b,2', 'c,3']);
    expect(rows).toEqual([2, 4, 5]);
    expect(shaper.trailing).toEqual([]);
  });

  it('a ragged row without a blank line before it is data (the validator rejects it)', () => {
    const { rows } = shape(['name,amount', 'a,1', 'b', 'c,3']);
    expect(rows).toEqual([2, 3, 4]);
  });

  it('releases a long differently shaped block as rows', () => {
    const lines = ['name,amount', 'a,1', '', ...Array.from({ length: 1100 }, (_, i) => `x${i}`)];
    const { shaper, rows } = shape(lines);
    expect(rows).toHaveLength(1101);
    expect(shaper.trailing).toEqual([]);
  });
});
