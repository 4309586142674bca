import type { CsvDialect, ReadingSource } from '@sluice/contracts';

import { sniffDialect } from './sniff-dialect';

/** A realistic sample and what the sniffer must find in it. */
interface SniffSample {
  name: string;
  text: string;
  fileName?: string;
  complete?: boolean;
  expected: Partial<CsvDialect> & { delimiter: CsvDialect['delimiter']; headerLine: number; source?: ReadingSource; preamble?: number[] };
}

const firstNames = [
  'Anna',
  'Bruno',
  'Chloé',
  'Dmitri',
  'Eva',
  'Farid',
  'Greta',
  'Hiro',
  'Inès',
  'Jonas',
  'Kemal',
  'Lena',
  'Marta',
  'Nils',
  'Olga',
  'Pierre',
  'Quinn',
  'Rosa',
  'Sven',
  'Tomás',
];
const cities = ['Berlin', 'Lyon', 'São Paulo', 'Kraków', 'Zürich', 'Malmö', 'Porto', 'Gent', 'Bilbao', 'Turin'];
const companies = ['Acme GmbH', 'Globex, Inc.', 'Initech', 'Umbrella Corp', 'Stark Industries', 'Wayne Enterprises', 'Hooli', 'Vandelay Industries', 'Soylent', 'Tyrell Corp'];

function rows(count: number, row: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => row(i)).join('\n');
}
const pad = (n: number) => String(n).padStart(2, '0');
const day = (i: number) => `2026-${pad((i % 12) + 1)}-${pad((i % 27) + 1)}`;
const euroDay = (i: number) => `${pad((i % 27) + 1)}.${pad((i % 12) + 1)}.2026`;
const euro = (i: number) => `${(i * 37) % 900},${pad((i * 13) % 100)}`;
const email = (i: number) =>
  `${firstNames[i % 20]
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '')}.${i}@example.com`;

const SNIFF_SAMPLES: SniffSample[] = [
  {
    name: 'European semicolon export with decimal commas',
    text: `Name;Stadt;Betrag;Preis\n${rows(25, (i) => `${firstNames[i % 20]};${cities[i % 10]};${euro(i)};${euro(i + 3)}`)}\n`,
    expected: { delimiter: ';', quote: '"', headerLine: 1, source: 'detected' },
  },
  {
    name: 'semicolon with decimal commas only in some columns and dates',
    text: `Datum;Kunde;Menge;Umsatz EUR\n${rows(30, (i) => `${euroDay(i)};${companies[i % 10].replace(',', '')};${i + 1};${euro(i)}`)}`,
    expected: { delimiter: ';', headerLine: 1 },
  },
  {
    name: 'classic 1,5;2,75 numbers only',
    text: `a;b\n${rows(20, (i) => `${i},5;${i + 2},75`)}`,
    expected: { delimiter: ';', headerLine: 1 },
  },
  {
    name: 'tab-separated export',
    text: `id\tfirst_name\tcity\tsignup\n${rows(20, (i) => `${i + 1}\t${firstNames[i % 20]}\t${cities[i % 10]}\t${day(i)}`)}\n`,
    expected: { delimiter: '\t', headerLine: 1, source: 'detected' },
  },
  {
    name: 'tab-separated with commas inside text',
    text: `company\tcity\tnote\n${rows(15, (i) => `${companies[i % 10]}\t${cities[i % 10]}\tcalled, left message, will retry`)}`,
    expected: { delimiter: '\t', headerLine: 1 },
  },
  {
    name: '.tsv file name',
    text: `sku\tqty\n${rows(10, (i) => `SKU-${i}\t${i}`)}`,
    fileName: 'stock.tsv',
    expected: { delimiter: '\t', headerLine: 1, source: 'extension' },
  },
  {
    name: 'pipe-separated',
    text: `order_id|customer|amount|status\n${rows(20, (i) => `${1000 + i}|${companies[i % 10]}|${(i * 12.5).toFixed(2)}|${i % 3 ? 'paid' : 'open'}`)}`,
    expected: { delimiter: '|', headerLine: 1 },
  },
  {
    name: 'comma with quoted commas',
    text: `company,city,revenue\n${rows(20, (i) => `"${companies[i % 10]}","${cities[i % 10]}, EU",${i * 1000}`)}`,
    expected: { delimiter: ',', quote: '"', escape: '"', headerLine: 1 },
  },
  {
    name: 'comma, only some fields quoted, embedded delimiters and doubled quotes',
    text: `name,title,notes\n${rows(20, (i) => (i % 3 === 0 ? `${firstNames[i % 20]},CEO,"Says ""hello"", often; late"` : `${firstNames[i % 20]},"VP, Sales",none`))}`,
    expected: { delimiter: ',', quote: '"', escape: '"', headerLine: 1 },
  },
  {
    name: 'semicolon with quoted semicolons inside',
    text: `"Name";"Adresse";"Betrag"\n${rows(20, (i) => `"${firstNames[i % 20]}";"Hauptstr. ${i}; 2. OG";"${euro(i)}"`)}`,
    expected: { delimiter: ';', quote: '"', headerLine: 1 },
  },
  {
    name: 'quoted multi-line address fields',
    text: `name,address,zip\n${rows(15, (i) => `${firstNames[i % 20]},"${i} Main St\nApt ${i}\n${cities[i % 10]}",${10000 + i}`)}`,
    expected: { delimiter: ',', quote: '"', headerLine: 1 },
  },
  {
    name: 'Excel sep=; first line',
    text: `sep=;\nName;Betrag\n${rows(10, (i) => `${firstNames[i]};${euro(i)}`)}`,
    expected: { delimiter: ';', headerLine: 2, source: 'sep-line', preamble: [1] },
  },
  {
    name: 'quoted "sep=," line, upper case',
    text: `"SEP=,"\r\nemail,name\r\n${rows(10, (i) => `${email(i)},${firstNames[i]}`).replace(/\n/g, '\r\n')}`,
    expected: { delimiter: ',', headerLine: 2, source: 'sep-line', preamble: [1] },
  },
  {
    name: 'sep=| with a pipe table',
    text: `sep=|\na|b|c\n${rows(5, (i) => `${i}|x${i}|y`)}`,
    expected: { delimiter: '|', headerLine: 2, source: 'sep-line' },
  },
  {
    name: 'single quotes with embedded delimiters',
    text: `'name','city','note'\n${rows(15, (i) => `'${firstNames[i % 20]}','${cities[i % 10]}','likes a, b and c'`)}`,
    expected: { delimiter: ',', quote: "'", headerLine: 1 },
  },
  {
    name: 'single quotes without embedded delimiters',
    text: `'id';'product';'price'\n${rows(15, (i) => `'${i}';'Widget ${i}';'${i}.99'`)}`,
    expected: { delimiter: ';', quote: "'", headerLine: 1 },
  },
  {
    name: 'apostrophes in text do not make single quotes',
    text: `name,company,comment\n${rows(15, (i) => `O'Neil ${i},Macy's,'twas fine they're happy`)}`,
    expected: { delimiter: ',', quote: '"', headerLine: 1 },
  },
  {
    name: "Excel's leading apostrophe on codes",
    text: `code,name\n${rows(15, (i) => `'00${i},${firstNames[i]}`)}`,
    expected: { delimiter: ',', quote: '"', headerLine: 1 },
  },
  {
    name: 'backslash-escaped quotes (MySQL / PHP export)',
    text: `id,title,body\n${rows(15, (i) => `${i},"Post ${i}","He said \\"hi, there\\" and left"`)}`,
    expected: { delimiter: ',', quote: '"', escape: '\\', headerLine: 1 },
  },
  {
    name: 'Windows paths ending in a backslash stay doubled-escape',
    text: `id,path\n${rows(10, (i) => `${i},"C:\\data\\run${i}\\"`)}`,
    expected: { delimiter: ',', quote: '"', escape: '"', headerLine: 1 },
  },
  {
    name: 'title lines and a blank line above the header',
    text: `Sales report\nGenerated 2026-11-02 by admin\n\nregion,rep,amount,closed\n${rows(20, (i) => `EMEA,${firstNames[i % 20]},${i * 310},${day(i)}`)}`,
    expected: { delimiter: ',', headerLine: 4, preamble: [1, 2] },
  },
  {
    name: 'Report generated line',
    text: `Report generated 2026-11-02\nid;name;total\n${rows(12, (i) => `${i};${firstNames[i]};${euro(i)}`)}`,
    expected: { delimiter: ';', headerLine: 2, preamble: [1] },
  },
  {
    name: 'Exported by Salesforce, quoted everything',
    text: `"Exported by Salesforce"\n"Report: Open Opportunities"\n""\n"Opportunity Name","Account Name","Amount","Close Date","Stage"\n${rows(20, (i) => `"Deal ${i}","${companies[i % 10]}","${i * 1500}","${(i % 12) + 1}/${(i % 27) + 1}/2026","Prospecting"`)}`,
    expected: { delimiter: ',', quote: '"', headerLine: 4, preamble: [1, 2] },
  },
  {
    name: 'Exported from HubSpot, key: value lines',
    text: `Exported from HubSpot\nPortal: 123456\nDate: 2026-11-02\n\nEmail,First Name,Last Name,Lifecycle Stage\n${rows(25, (i) => `${email(i)},${firstNames[i % 20]},Smith,lead`)}`,
    expected: { delimiter: ',', headerLine: 5, preamble: [1, 2, 3] },
  },
  {
    name: 'padded title lines (Excel save-as)',
    text: `Quarterly figures,,,,\nUnit: EUR,,,,\n,,,,\nregion,q1,q2,q3,q4\n${rows(10, (i) => `R${i},${i},${i + 1},${i + 2},${i + 3}`)}`,
    expected: { delimiter: ',', headerLine: 4, preamble: [1, 2] },
  },
  {
    name: 'key,value metadata lines above a wide table',
    text: `Account,Acme\nPeriod,2026-10\nid,date,description,debit,credit,balance\n${rows(20, (i) => `${i},${day(i)},Payment ${i},${i * 3},0,${i * 100}`)}`,
    expected: { delimiter: ',', headerLine: 3, preamble: [1, 2] },
  },
  {
    name: 'tab file with a title',
    text: `Inventory export\n\nsku\tname\tqty\n${rows(10, (i) => `S${i}\tItem ${i}\t${i * 4}`)}`,
    expected: { delimiter: '\t', headerLine: 3, preamble: [1] },
  },
  {
    name: 'one-column email list',
    text: `email\n${rows(20, (i) => email(i))}`,
    expected: { delimiter: ',', headerLine: 1, source: 'default' },
  },
  {
    name: 'one-column list of names with one comma',
    text: `name\nAnna\nBruno\nSmith, John\nEva\nFarid`,
    expected: { delimiter: ',', headerLine: 1 },
  },
  {
    name: 'first data rows with empty cells',
    text: `id,name,phone,email,city\n1,Anna,,,\n2,,,,Lyon\n3,,+33 1 23 45 67 89,,\n${rows(15, (i) => `${i + 4},${firstNames[i]},+49 30 ${1000 + i},${email(i)},${cities[i % 10]}`)}`,
    expected: { delimiter: ',', headerLine: 1 },
  },
  {
    name: 'semicolon file whose first rows are mostly empty',
    text: `Kunde;Telefon;E-Mail;Ort\n;;;\nMüller;;;\n${rows(10, (i) => `${firstNames[i]};+49 30 ${1000 + i};${email(i)};${cities[i]}`)}`,
    expected: { delimiter: ';', headerLine: 1 },
  },
  {
    name: 'header with many columns',
    text: `${Array.from({ length: 60 }, (_, c) => `field_${c}`).join(',')}\n${rows(30, (i) => Array.from({ length: 60 }, (_, c) => (c % 7 === 0 ? '' : `${i * c}`)).join(','))}`,
    expected: { delimiter: ',', headerLine: 1 },
  },
  {
    name: 'stray quote in one row',
    text: `id,name,comment\n${rows(20, (i) => (i === 4 ? `${i},"Broken,stray quote here` : i === 9 ? `${i},Panel,27" monitor` : `${i},${firstNames[i]},"ok, fine"`))}`,
    expected: { delimiter: ',', quote: '"', headerLine: 1 },
  },
  {
    name: 'stray quote in a semicolon file',
    text: `Name;Ort;Betrag\n${rows(20, (i) => (i === 2 ? `"${firstNames[i]};${cities[i]};${euro(i)}` : `${firstNames[i]};${cities[i % 10]};${euro(i)}`))}`,
    expected: { delimiter: ';', headerLine: 1 },
  },
  {
    name: 'sample cut mid-line',
    text: `id,email,amount\n${rows(40, (i) => `${i},${email(i)},${i}.50`)}\n41,trunc`,
    complete: false,
    expected: { delimiter: ',', headerLine: 1 },
  },
  {
    name: 'sample cut inside a quoted multi-line field',
    text: `id;note\n${rows(20, (i) => `${i};"line one\nline two"`)}\n21;"cut in the mid`,
    complete: false,
    expected: { delimiter: ';', quote: '"', headerLine: 1 },
  },
  {
    name: 'CRLF line endings, comma',
    text: `First Name,Last Name,Email,Company\r\n${rows(20, (i) => `${firstNames[i]},Doe,${email(i)},"${companies[i % 10]}"`).replace(/\n/g, '\r\n')}\r\n`,
    expected: { delimiter: ',', headerLine: 1 },
  },
  {
    name: 'old Mac CR line endings, semicolon',
    text: `a;b;c\r${rows(10, (i) => `${i};x${i};${euro(i)}`).replace(/\n/g, '\r')}`,
    expected: { delimiter: ';', headerLine: 1 },
  },
  {
    name: 'comma file with spaces after the delimiter',
    text: `name, age, city\n${rows(12, (i) => `${firstNames[i]}, ${20 + i}, ${cities[i % 10]}`)}`,
    expected: { delimiter: ',', headerLine: 1 },
  },
  {
    name: 'URLs with semicolons and commas in a comma file',
    text: `name,website,linkedin\n${rows(12, (i) => `${companies[i % 10].replace(',', '')},https://example.com/a;b?x=${i},https://linkedin.com/in/p${i}`)}`,
    expected: { delimiter: ',', headerLine: 1 },
  },
  {
    name: 'pipe file whose text holds commas',
    text: `id|address|amount\n${rows(15, (i) => `${i}|${i} Rue de Paris, ${cities[i % 10]}|${i},00`)}`,
    expected: { delimiter: '|', headerLine: 1 },
  },
  {
    name: 'trailing delimiter on data lines only',
    text: `a,b,c\n${rows(15, (i) => `${i},x${i},y${i},`)}`,
    expected: { delimiter: ',', headerLine: 1 },
  },
  {
    name: 'header only',
    text: 'id;name;email\n',
    expected: { delimiter: ';', headerLine: 1 },
  },
  {
    name: 'empty sample',
    text: '',
    expected: { delimiter: ',', headerLine: 1, source: 'default' },
  },
  {
    name: 'Stripe-like export, ISO timestamps and quoted JSON-ish metadata',
    text: `id,Created (UTC),Amount,Currency,Description,Metadata\n${rows(20, (i) => `ch_${i}abc,2026-10-${pad((i % 28) + 1)} 14:${pad(i)}:00,${i}.00,eur,"Invoice ${i}","{""order"": ${i}}"`)}`,
    expected: { delimiter: ',', quote: '"', escape: '"', headerLine: 1 },
  },
  {
    name: 'bank statement with preamble, semicolons and quoted amounts',
    text: `"Kontoauszug";\n"IBAN";"DE89 3704 0044 0532 0130 00"\n"Zeitraum";"01.10.2026 - 31.10.2026"\n\n"Buchungstag";"Valuta";"Empfänger";"Verwendungszweck";"Betrag"\n${rows(20, (i) => `"${euroDay(i)}";"${euroDay(i + 1)}";"${companies[i % 10]}";"Rechnung ${i}";"-${euro(i)}"`)}`,
    expected: { delimiter: ';', quote: '"', headerLine: 5, preamble: [1, 2, 3] },
  },
  {
    name: 'title with a comma, then a blank line, above a two-column table',
    text: `Sales, Q3 2026\n\nregion,amount\n${rows(10, (i) => `R${i},${i * 10}`)}`,
    expected: { delimiter: ',', headerLine: 3, preamble: [1] },
  },
  {
    name: 'header written with a trailing delimiter',
    text: `a,b,c,\n${rows(12, (i) => `${i},x${i},${day(i)}`)}`,
    expected: { delimiter: ',', headerLine: 1 },
  },
  {
    name: 'ragged tab file whose tools drop trailing empty fields',
    text: `id\tname\tphone\temail\n${rows(12, (i) => (i % 2 ? `${i}\t${firstNames[i]}` : `${i}\t${firstNames[i]}\t+1 555 ${1000 + i}\t${email(i)}`))}`,
    expected: { delimiter: '\t', headerLine: 1 },
  },
  {
    name: 'semicolon file with "Paris, France" style text in every row',
    text: `name;location;score\n${rows(15, (i) => `${firstNames[i]};${cities[i % 10]}, EU;${i}`)}`,
    expected: { delimiter: ';', headerLine: 1 },
  },
  {
    name: 'comma file with semicolon-separated tags',
    text: `id,title,tags\n${rows(15, (i) => `${i},Item ${i},red;green;blue`)}`,
    expected: { delimiter: ',', headerLine: 1 },
  },
  {
    name: 'LinkedIn-style export: notes lines, blank line, then the header',
    text: `Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n${rows(20, (i) => `${firstNames[i]},Doe,https://www.linkedin.com/in/p${i},${i % 3 ? '' : email(i)},"${companies[i % 10]}",Engineer,${pad((i % 27) + 1)} Oct 2026`)}`,
    expected: { delimiter: ',', headerLine: 4, preamble: [1, 2] },
  },
  {
    name: 'Google Ads report: title and date range lines',
    text: `Campaign performance report\n"October 1, 2026 - October 31, 2026"\nCampaign,Clicks,Impr.,CTR,Avg. CPC,Cost\n${rows(15, (i) => `Campaign ${i},${i * 7},${i * 300},${(i / 10).toFixed(2)}%,$0.${pad(i)},"$${i},${pad(i)}0.00"`)}`,
    expected: { delimiter: ',', headerLine: 3, preamble: [1, 2] },
  },
  {
    name: 'pipe file with a title line',
    text: `EXTRACT 2026-11-02\nID|NAME|AMT\n${rows(10, (i) => `${i}|N${i}|${i}.00`)}`,
    expected: { delimiter: '|', headerLine: 2, preamble: [1] },
  },
];

function verdict(sample: SniffSample) {
  const sniffed = sniffDialect(sample.text, { fileName: sample.fileName, complete: sample.complete ?? true });
  return { sniffed, delimiterRight: sniffed.dialect.delimiter === sample.expected.delimiter, headerRight: sniffed.headerLine === sample.expected.headerLine };
}

describe('sniffDialect on realistic samples', () => {
  it.each(SNIFF_SAMPLES.map((sample) => [sample.name, sample] as const))('%s', (_name, sample) => {
    const { sniffed } = verdict(sample);
    const { preamble, source, headerLine, ...dialect } = sample.expected;
    expect({ ...sniffed.dialect, headerLine: sniffed.headerLine }).toEqual(expect.objectContaining({ ...dialect, headerLine }));
    if (source) expect(sniffed.source).toBe(source);
    if (preamble) expect(sniffed.preamble.map((line) => line.line)).toEqual(preamble);
  });

  it('picks the right delimiter and header line on every sample (precision)', () => {
    const verdicts = SNIFF_SAMPLES.map(verdict);
    const delimiters = verdicts.filter((v) => v.delimiterRight).length;
    const headers = verdicts.filter((v) => v.headerRight).length;
    console.log(`sniffer precision: delimiter ${delimiters}/${SNIFF_SAMPLES.length}, header line ${headers}/${SNIFF_SAMPLES.length}`);
    expect(delimiters).toBe(SNIFF_SAMPLES.length);
    expect(headers).toBe(SNIFF_SAMPLES.length);
  });
});
