import { splitSample } from './split-sample';

const comma = { delimiter: ',', quote: '"', escape: '"' } as const;

describe('splitSample', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks inside, counting every kind of line break', () => {
    const records = splitSample('a,"b, c","say ""hi"""\r\n"two\nlines",x\rlast,"y"', comma, false);
    expect(records.map((record) => record.cells)).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['two\nlines', 'x'],
      ['last', 'y'],
    ]);
    expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
    expect(records[0].forms).toEqual(['plain', 'quoted', 'quoted']);
  });

  it('reads backslash-escaped quotes only with the backslash escape', () => {
    const line = '"He said \\"hi\\"",2';
    expect(splitSample(line, { ...comma, escape: '\\' }, false)[0].cells).toEqual(['He said "hi"', '2']);
    const doubled = splitSample(line, comma, false)[0];
    expect(doubled.forms[0]).toBe('malformed');
    expect(doubled.cells).toEqual(['"He said \\"hi\\""', '2']);
  });

  it('confines a stray opening quote to its own field and line', () => {
    const records = splitSample('id,name\n1,"Acme\n2,"Beta",x\n3,Gamma', comma, false);
    expect(records.map((record) => record.cells)).toEqual([
      ['id', 'name'],
      ['1', '"Acme'],
      ['2', 'Beta', 'x'],
      ['3', 'Gamma'],
    ]);
    expect(records[1].forms).toEqual(['plain', 'malformed']);
  });

  it('keeps a quote inside an unquoted field as text, and reads without quoting when the quote is none', () => {
    expect(splitSample('5" screen,"x"', comma, false)[0].cells).toEqual(['5" screen', 'x']);
    expect(splitSample('"a","b"', { delimiter: ',', quote: '', escape: '' }, false)[0].cells).toEqual(['"a"', '"b"']);
  });

  it('reads single quotes doubled as the quote character', () => {
    expect(splitSample("'O''Brien, Pat';'x'", { delimiter: ';', quote: "'", escape: '"' }, false)[0].cells).toEqual(["O'Brien, Pat", 'x']);
  });

  it('drops a last record left inside a quote when the sample was cut, keeps a trailing empty field', () => {
    expect(splitSample('a,b\n1,"cut', comma, true).map((record) => record.cells)).toEqual([['a', 'b']]);
    expect(splitSample('a,b\n1,"cut', comma, false).map((record) => record.cells)).toEqual([
      ['a', 'b'],
      ['1', '"cut'],
    ]);
    expect(splitSample('a,b,', comma, false)[0].cells).toEqual(['a', 'b', '']);
  });
});
