// Excel workbooks (written with exceljs, as Excel stores them) and gzipped CSVs.
// A workbook cell is read as text: numbers as JavaScript writes them, a date at midnight as YYYY-MM-DD, any other
// date-time as its ISO instant (Excel's value taken as UTC), a formula as its cached result, a hyperlink as its text,
// an empty cell as ''; a row is as wide as the header (trailing empty cells included).
const encodingCases = require('./cases-encoding');
const dialectCases = require('./cases-dialect');
const recoveryCases = require('./cases-recovery');

const d = (iso) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

const contacts = {
  header: ['Record ID', 'First Name', 'Last Name', 'Email', 'Create Date', 'Last Activity Date', 'Annual Revenue', 'Number of Employees'],
  rows: [
    [101, 'Ava', 'Nguyen', 'ava.nguyen@brightline.io', d('2024-01-15'), d('2024-03-01T14:30:00Z'), 4200000, 45],
    [102, 'Ben', 'Carter', 'ben.carter@northfield.com', d('2023-11-02'), d('2024-02-27T09:05:00Z'), 18500000.5, 320],
    [103, 'Chen', 'Wei', 'chen.wei@peachtree.ai', d('2024-02-20'), null, 2750000, 28],
    [104, 'Dana', 'Kim', 'dana.kim@quillfeather.co', d('2022-06-30'), d('2024-03-04T17:45:10Z'), null, 12],
    [105, 'Eli', 'Moreau', 'eli.moreau@lumiere-conseil.fr', d('2024-03-01'), d('2024-03-01T08:00:00Z'), 950000.75, 45],
    [106, 'Jörg', 'Müller', 'j.mueller@nordwerk.de', d('2021-09-13'), d('2024-02-29T12:00:00Z'), 123456789, 1200],
  ],
  formats: { 5: 'yyyy-mm-dd', 6: 'dd/mm/yyyy hh:mm', 7: '#,##0.00 [$€-407]' },
};

const sendsQ1 = {
  header: ['Email', 'Campaign', 'Sent', 'Opens', 'Clicks'],
  rows: [
    ['ava.nguyen@brightline.io', 'January Newsletter', d('2024-01-10'), 3, 1],
    ['ben.carter@northfield.com', 'January Newsletter', d('2024-01-10'), 0, 0],
    ['chen.wei@peachtree.ai', 'February Webinar', d('2024-02-07'), 2, 2],
    ['dana.kim@quillfeather.co', 'February Webinar', d('2024-02-07'), 1, 0],
    ['eli.moreau@lumiere-conseil.fr', 'March Newsletter', d('2024-03-05'), 4, 1],
  ],
  formats: { 3: 'm/d/yyyy' },
};
const sendsQ2 = {
  header: ['Email', 'Campaign', 'Sent', 'Opens', 'Clicks', 'Unsubscribed'],
  rows: [
    ['fatima.zahra@atlas-freight.ma', 'April Newsletter', d('2024-04-09'), 1, 0, 'no'],
    ['gus.larsen@kallhamn.se', 'April Newsletter', d('2024-04-09'), 0, 0, 'yes'],
    ['hana.sato@sakura-shoji.co.jp', 'May Launch', d('2024-05-14'), 6, 3, 'no'],
    ['ivan.petrov@volga-tel.ru', 'May Launch', d('2024-05-14'), 2, 1, 'no'],
    ['jade.okafor@lagos-pay.ng', 'June Survey', d('2024-06-04'), 1, 1, 'no'],
    ['ava.nguyen@brightline.io', 'June Survey', d('2024-06-04'), 2, 0, 'no'],
  ],
  formats: { 3: 'm/d/yyyy' },
};

const sales = {
  header: ['Order', 'Customer', 'Product', 'Quantity', 'Unit Price', 'Line Total', 'Ordered'],
  rows: [
    ['SO-1001', 'Brightline Media', 'Pro plan (annual)', 2, 490, { formula: 'D4*E4', result: 980 }, d('2024-03-01')],
    ['SO-1002', 'Northfield Dairy', 'Team plan (annual)', 1, 1990, { formula: 'D5*E5', result: 1990 }, d('2024-03-02')],
    ['SO-1003', 'Peachtree Analytics', 'Add-on: extra storage', 5, 49.9, { formula: 'D6*E6', result: 249.5 }, d('2024-03-04')],
    ['SO-1004', 'Quillfeather LLC', 'Starter plan (monthly)', 3, 19, { formula: 'D7*E7', result: 57 }, d('2024-03-05')],
    ['SO-1005', 'Reid & Sons', 'Enterprise plan', 1, 24000, { formula: 'D8*E8', result: 24000 }, d('2024-03-07')],
  ],
  formats: { 5: '"$"#,##0.00', 6: '"$"#,##0.00', 7: 'mmm d, yyyy' },
};

const usage = {
  header: ['User', 'Company', 'Model', 'Tokens', 'Cost (USD)', 'Timestamp', 'Profile'],
  rows: [
    ['alice', 'Acme', 'gpt-4o', 12000, 0.42, d('2024-03-01T10:00:00Z'), { text: 'https://www.linkedin.com/in/alice-acme', hyperlink: 'https://www.linkedin.com/in/alice-acme' }],
    [
      'bob',
      'Globex',
      'gpt-4o-mini',
      83000,
      0.05,
      d('2024-03-01T10:05:12Z'),
      { text: 'https://www.linkedin.com/in/bob-globex', hyperlink: 'https://www.linkedin.com/in/bob-globex' },
    ],
    ['carol', 'Initech', 'claude-3-5-sonnet', 4100, 0.06, d('2024-03-01T11:20:00Z'), null],
    ['alice', 'Acme', 'gpt-4o', 9000, 0.31, d('2024-03-01T12:00:40Z'), { text: 'linkedin.com/in/alice-acme', hyperlink: 'https://www.linkedin.com/in/alice-acme' }],
    ['dave', 'Hooli', 'gpt-4o', 15500, 0.54, d('2024-03-02T08:45:00Z'), null],
    ['erin', 'Umbrella', 'text-embedding-3-small', 250000, 0.005, d('2024-03-02T09:00:00Z'), null],
  ],
  formats: { 5: '0.000', 6: 'yyyy-mm-dd hh:mm:ss' },
};

const readings = {
  header: ['Sensor', 'Reading Time', 'Temperature', 'Humidity', 'Comment'],
  rows: [
    ['greenhouse-a', d('2024-03-01T00:00:00Z'), 18.2, 71, null],
    ['greenhouse-a', d('2024-03-01T00:15:00Z'), 18.0, 72, null],
    ['greenhouse-a', d('2024-03-01T00:30:00Z'), null, null, 'sensor offline'],
    ['greenhouse-a', d('2024-03-01T00:45:00Z'), 17.9, 72, null],
    ['greenhouse-b', d('2024-03-01T00:00:00Z'), 19.4, 65, null],
    ['greenhouse-b', d('2024-03-01T00:15:00Z'), 19.35, 66, 'door opened'],
    ['greenhouse-b', d('2024-03-01T00:30:00Z'), 19.1, 66, null],
  ],
  formats: { 2: 'dd.mm.yyyy hh:mm' },
};

const zips = {
  header: ['Account', 'Zip', 'Phone', 'Customer No', 'Since'],
  rows: [
    ['Brightline Media', '02134', '+1 512 555 0101', 1001, d('2019-04-01')],
    ['Northfield Dairy', '53703', '(608) 555-0199', 1002, d('2015-10-15')],
    ['Peachtree Analytics', '30303', '404.555.0133', 1003, d('2021-01-04')],
    ['Quillfeather LLC', '02108', '617-555-0144', 1004, d('2020-07-20')],
    ['Reid & Sons', '80202', '', 1005, d('2010-02-01')],
  ],
  formats: { 5: 'dd/mm/yyyy' },
};

const dupes = {
  header: ['Name', 'Email', 'Email', 'Company', 'Name'],
  expectHeader: ['Name', 'Email', 'Email_2', 'Company', 'Name_2'],
  rows: [
    ['Ava Nguyen', 'ava.nguyen@brightline.io', 'ava@gmail.example', 'Brightline Media', 'Brightline'],
    ['Ben Carter', 'ben.carter@northfield.com', null, 'Northfield Dairy', 'Northfield'],
    ['Chen Wei', 'chen.wei@peachtree.ai', 'chen.w@outlook.example', 'Peachtree Analytics', 'Peachtree'],
    ['Dana Kim', 'dana.kim@quillfeather.co', null, 'Quillfeather LLC', 'Quillfeather'],
    ['Eli Moreau', 'eli.moreau@lumiere-conseil.fr', null, 'Lumière Conseil', 'Lumière'],
  ],
};

const totals = {
  header: ['Invoice', 'Customer', 'Issued', 'Amount'],
  rows: [
    ['INV-1001', 'Brightline Media', d('2024-03-01'), 1200],
    ['INV-1002', 'Northfield Dairy', d('2024-03-02'), 450.5],
    ['INV-1003', 'Peachtree Analytics', d('2024-03-04'), 3100],
    ['INV-1004', 'Quillfeather LLC', d('2024-03-05'), 99],
    ['INV-1005', 'Reid & Sons', d('2024-03-07'), 12000],
  ],
  totals: ['Total', null, null, { formula: 'SUM(D2:D6)', result: 16849.5 }],
  formats: { 3: 'dd.mm.yyyy', 4: '#,##0.00' },
};

/** Workbook cases: sheets of { name, rows: [{ row, values }] }, and which sheet/rows a reader should give. */
const sheet = (name, table, { firstRow = 1, preamble = [], trailing } = {}) => ({ name, table, firstRow, preamble, trailing });

const workbookCases = [
  {
    file: 'xlsx-hubspot-contacts-dates.xlsx',
    kind: 'xlsx',
    flavour: 'HubSpot contacts exported as .xlsx: date and date-time cells, currency-formatted numbers, empty cells',
    sheets: [sheet('Contacts', contacts)],
  },
  {
    file: 'xlsx-two-sheets-first.xlsx',
    kind: 'xlsx',
    flavour: 'A workbook with two sheets of email sends: the first sheet is read by default',
    sheets: [sheet('Q1 Sends', sendsQ1), sheet('Q2 Sends', sendsQ2)],
    read: 0,
  },
  {
    file: 'xlsx-two-sheets-select-second.xlsx',
    kind: 'xlsx',
    flavour: 'The same two-sheet workbook read with sheet=Q2 Sends declared per upload',
    sheets: [sheet('Q1 Sends', sendsQ1), sheet('Q2 Sends', sendsQ2)],
    read: 1,
    options: { sheet: 'Q2 Sends' },
  },
  {
    file: 'xlsx-title-row-blank-row.xlsx',
    kind: 'xlsx',
    flavour: 'A merged title cell in row 1, an empty row 2, the header in row 3 (a report formatted for print), formulas with cached results',
    sheets: [sheet('Sales', sales, { firstRow: 3, preamble: [[1, ['Sales report — March 2024']]] })],
  },
  {
    file: 'xlsx-two-title-rows.xlsx',
    kind: 'xlsx',
    flavour: 'Two report lines (title, "Generated …") straight above the header',
    sheets: [
      sheet('Usage', usage, {
        firstRow: 3,
        preamble: [
          [1, ['LLM usage export']],
          [2, ['Generated 2024-03-08 09:00 UTC by billing-bot']],
        ],
      }),
    ],
  },
  {
    file: 'xlsx-usage-hyperlinks.xlsx',
    kind: 'xlsx',
    flavour: 'Usage export with hyperlink cells (text differs from target in one) and date-time cells',
    sheets: [sheet('Usage', usage)],
  },
  {
    file: 'xlsx-sensor-datetimes.xlsx',
    kind: 'xlsx',
    flavour: 'Sensor readings every 15 minutes as Excel date-times, an offline reading with empty cells, trailing empty comments',
    sheets: [sheet('Readings', readings)],
  },
  {
    file: 'xlsx-text-zip-codes.xlsx',
    kind: 'xlsx',
    flavour: 'Zip codes and phone numbers stored as text (leading zeros kept), ids as numbers, dd/mm/yyyy dates',
    sheets: [sheet('Accounts', zips)],
  },
  { file: 'xlsx-duplicate-headers.xlsx', kind: 'xlsx', flavour: 'A sheet with two Email and two Name columns', sheets: [sheet('Contacts', dupes)] },
  {
    file: 'xlsx-totals-row.xlsx',
    kind: 'xlsx',
    flavour: 'An invoice list ending in a Total row with a SUM formula (an Excel table with its total row on)',
    sheets: [sheet('Invoices', totals, { trailing: 'totals' })],
  },
];

const gz = (from, file, flavour) => {
  const all = [...encodingCases, ...dialectCases, ...recoveryCases];
  const source = all.find((c) => c.file === from);
  if (!source) throw new Error(`no case ${from}`);
  return { ...source, file, kind: 'gzip', flavour: `${flavour} (gzipped ${from})` };
};

const gzipCases = [
  gz('rec-title-blank-header.csv', 'gz-utf8-contacts-title.csv.gz', 'A gzipped UTF-8 contacts file with a title line'),
  gz('enc-win1252-german-excel-umsatz.csv', 'gz-win1252-german-excel-umsatz.csv.gz', 'German Excel CSV, windows-1252 and semicolons, gzipped'),
  gz('enc-utf16le-bom-excel-unicode-text.txt', 'gz-utf16le-excel-unicode-text.tsv.gz', 'Excel Unicode text (UTF-16 LE, tabs), gzipped'),
  gz('rec-multiline-crlf-inside-cells.csv', 'gz-multiline-crlf-notes.csv.gz', 'Multi-line CRLF notes, gzipped'),
  gz('rec-unclosed-quote-middle-row.csv', 'gz-unclosed-quote-payments.csv.gz', 'Payments with one unclosed quote, gzipped'),
  gz('dia-tab-postgres-copy.tsv', 'gz-postgres-copy-readings.tsv.gz', 'psql COPY text output, gzipped'),
];

module.exports = { workbookCases, gzipCases };
