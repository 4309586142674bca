// Dialects: delimiters, quotes, escapes and line endings as real exporters write them.
const { H, R, P, table, rowText } = require('./build');

const lexware = [
  ['Belegdatum', 'Belegnummer', 'Buchungstext', 'Soll', 'Haben', 'Betrag', 'Steuersatz'],
  ['01.03.2024', 'RE-2024-0311', 'Büromaterial Schreibwaren Koch', '4930', '1200', '119,00', '19,0'],
  ['01.03.2024', 'RE-2024-0312', 'Bewirtung Kunde Nordwerk', '4650', '1000', '86,40', '19,0'],
  ['04.03.2024', 'ER-7781', 'Miete März 2024', '4210', '1200', '2.450,00', '0,0'],
  ['05.03.2024', 'RE-2024-0313', 'Fachliteratur', '4940', '1200', '35,31', '7,0'],
  ['06.03.2024', 'AR-10045', 'Erlöse Beratung; Projekt "Alpha"', '1400', '8400', '5.950,00', '19,0'],
  ['07.03.2024', 'ER-7790', 'Telefon / Internet', '4920', '1200', '59,90', '19,0'],
  ['08.03.2024', 'AR-10046', 'Erlöse Wartung', '1400', '8400', '1.190,00', '19,0'],
];

const frenchBank = [
  ['Date opération', 'Libellé', 'Débit', 'Crédit', 'Solde'],
  ['01/03/2024', 'PRLV SEPA EDF', '-84,20', '', '1 520,33'],
  ['02/03/2024', 'VIR SALAIRE MARS; ACME SAS', '', '2 450,00', '3 970,33'],
  ['04/03/2024', 'CB CARREFOUR 03/03', '-62,47', '', '3 907,86'],
  ['05/03/2024', 'CHQ N° 1234567', '-150,00', '', '3 757,86'],
  ['06/03/2024', 'CB SNCF "OUIGO"', '-39,00', '', '3 718,86'],
  ['08/03/2024', 'VIR INST M. DUPONT', '', '75,00', '3 793,86'],
];

const sends = [
  ['Email', 'Sent Date', 'Campaign', 'Subject', 'From', 'List'],
  ['ava.nguyen@brightline.io', '2024-03-01', 'spring-launch', 'Spring is here: 20% off', 'news@sluice.dev', 'Customers'],
  ['ben.carter@northfield.com', '2024-03-01', 'spring-launch', 'Spring is here: 20% off', 'news@sluice.dev', 'Customers'],
  ['chen.wei@peachtree.ai', '2024-03-01', 'spring-launch', 'Spring is here: 20% off', 'news@sluice.dev', 'Trials'],
  ['dana.kim@quillfeather.co', '2024-03-02', 'webinar-invite', 'Join us: "Data jobs that never lose a row"', 'events@sluice.dev', 'Leads'],
  ['eli.moreau@lumiere-conseil.fr', '2024-03-02', 'webinar-invite', 'Join us: "Data jobs that never lose a row"', 'events@sluice.dev', 'Leads'],
  ['fatima.zahra@atlas-freight.ma', '2024-03-03', 'onboarding-1', "Welcome, let's get your first file in", 'hello@sluice.dev', 'Trials'],
  ['gus.larsen@kallhamn.se', '2024-03-03', 'onboarding-1', "Welcome, let's get your first file in", 'hello@sluice.dev', 'Trials'],
  ['hana.sato@sakura-shoji.co.jp', '2024-03-04', 'spring-launch', 'Spring is here: 20% off', 'news@sluice.dev', 'Customers'],
];

const readings = [
  ['device_id', 'recorded_at', 'temperature_c', 'humidity_pct', 'battery_v'],
  ['esp32-kitchen', '2024-03-01 00:00:00', '21.37', '44.1', '3.31'],
  ['esp32-kitchen', '2024-03-01 00:05:00', '21.31', '44.3', '3.31'],
  ['esp32-garage', '2024-03-01 00:00:00', '7.82', '71.0', '3.02'],
  ['esp32-garage', '2024-03-01 00:05:00', '7.79', '71.4', '3.02'],
  ['esp32-attic', '2024-03-01 00:00:00', '4.15', '63.8', '2.95'],
  ['esp32-attic', '2024-03-01 00:05:00', '4.11', '64.0', '2.94'],
  ['esp32-kitchen', '2024-03-01 00:10:00', '21.29', '44.6', '3.30'],
  ['esp32-garage', '2024-03-01 00:10:00', '7.75', '71.9', '3.02'],
];

const orders = [
  ['order_id', 'customer_email', 'customer_name', 'note', 'total', 'created_at'],
  ['1001', 'ava.nguyen@brightline.io', 'Ava Nguyen', 'Leave at the "blue" door', '59.90', '2024-03-01 09:12:00'],
  ['1002', 'ben.carter@northfield.com', "Ben O'Carter", 'Gift wrap, please', '120.00', '2024-03-01 10:40:31'],
  ['1003', 'chen.wei@peachtree.ai', 'Chen Wei', 'Path: C:\\Users\\chen\\invoice.pdf', '15.00', '2024-03-02 14:03:09'],
  ['1004', 'dana.kim@quillfeather.co', 'Dana Kim', '', '230.45', '2024-03-03 08:55:00'],
  ['1005', 'eli.moreau@lumiere-conseil.fr', 'Eli Moreau', 'Said: "ship, then bill"', '88.10', '2024-03-04 16:20:44'],
  ['1006', 'fatima.zahra@atlas-freight.ma', 'Fatima Zahra', '2nd floor, code 4411', '42.00', '2024-03-05 11:11:11'],
];

const pipeBank = [
  ['ACCOUNT_NO', 'POST_DATE', 'TXN_CODE', 'DESCRIPTION', 'AMOUNT', 'BALANCE'],
  ['004512887', '20240301', 'DEP', 'PAYROLL ACME CORP', '2450.00', '5120.33'],
  ['004512887', '20240302', 'POS', 'WHOLE FOODS #1023, AUSTIN TX', '-84.20', '5036.13'],
  ['004512887', '20240304', 'ATM', 'ATM WITHDRAWAL 5TH ST', '-100.00', '4936.13'],
  ['004512887', '20240305', 'ACH', 'CITY OF AUSTIN UTIL', '-132.77', '4803.36'],
  ['004512887', '20240306', 'POS', 'H-E-B #512, AUSTIN TX', '-46.18', '4757.18'],
  ['004512887', '20240308', 'CHK', 'CHECK 1045', '-250.00', '4507.18'],
];

const pipeQuoted = [
  ['Account Name', 'Industry', 'Billing City', 'Annual Revenue', 'Description'],
  ['Brightline Media', 'Media', 'Austin', '4200000', 'Podcasts | video | "live" events'],
  ['Northfield Dairy', 'Agriculture', 'Madison', '18500000', 'Milk, cheese and butter'],
  ['Peachtree Analytics', 'Software', 'Atlanta', '2750000', ''],
  ['Quillfeather LLC', 'Publishing', 'Boston', '950000', 'Indie press; poetry | essays'],
  ['Reid & Sons', 'Construction', 'Denver', '31000000', 'Commercial builds'],
];

const companiesSingle = [
  ['name', 'domain', 'industry', 'employees', 'city'],
  ['Acme, Inc.', 'acme.com', 'Manufacturing', '1200', 'Springfield'],
  ['Globex Corporation', 'globex.com', 'Energy', '5400', 'Cypress Creek'],
  ['Initech', 'initech.com', 'Software', '310', 'Austin, TX'],
  ['Umbrella Corp.', 'umbrella.example', 'Pharmaceuticals', '23000', 'Raccoon City'],
  ["Bob's Burgers", 'bobsburgers.com', 'Restaurants', '6', "Seymour's Bay"],
  ['Hooli', 'hooli.xyz', 'Internet', '44000', 'Palo Alto, CA'],
];

const usage = [
  ['user', 'model', 'tokens', 'cost', 'timestamp'],
  ['alice@acme.com', 'gpt-4o', '12000', '0.42', '2024-03-01T10:00:00Z'],
  ['bob@globex.com', 'gpt-4o-mini', '83000', '0.05', '2024-03-01T10:05:12Z'],
  ['carol@initech.com', 'claude-3-5-sonnet', '4100', '0.06', '2024-03-01T11:20:00Z'],
  ['alice@acme.com', 'gpt-4o', '9000', '0.31', '2024-03-01T12:00:40Z'],
  ['dave@hooli.xyz', 'gpt-4o', '15500', '0.54', '2024-03-02T08:45:00Z'],
  ['erin@umbrella.example', 'text-embedding-3-small', '250000', '0.005', '2024-03-02T09:00:00Z'],
  ['bob@globex.com', 'gpt-4o-mini', '61000', '0.04', '2024-03-02T09:30:00Z'],
];

const notes = [
  ['Contact', 'Email', 'Notes'],
  ['Ava Nguyen', 'ava.nguyen@brightline.io', 'Met at SaaStr.\r\nWants a demo in April.'],
  ['Ben Carter', 'ben.carter@northfield.com', 'No notes'],
  ['Chen Wei', 'chen.wei@peachtree.ai', 'Line one\r\nLine two\r\nLine three'],
  ['Dana Kim', 'dana.kim@quillfeather.co', 'Asked for "enterprise" pricing'],
  ['Eli Moreau', 'eli.moreau@lumiere-conseil.fr', ''],
];

const notesCr = notes.map((row) => row.map((cell) => cell.replace(/\r\n/g, '\r')));

const mixed = [
  ['sensor', 'time', 'reading'],
  ['boiler-1', '2024-03-01T00:00:00Z', '61.2'],
  ['boiler-1', '2024-03-01T00:01:00Z', '61.4'],
  ['boiler-2', '2024-03-01T00:00:00Z', '58.9'],
  ['boiler-2', '2024-03-01T00:01:00Z', '59.0'],
  ['boiler-1', '2024-03-01T00:02:00Z', '61.5'],
  ['boiler-2', '2024-03-01T00:02:00Z', '59.3'],
  ['boiler-1', '2024-03-01T00:03:00Z', '61.7'],
  ['boiler-2', '2024-03-01T00:03:00Z', '59.1'],
];

/** Joins rows with the line endings given one by one (a file appended to by different tools). */
function mixedEndings(rows, endings, d = {}) {
  const dialect = { delimiter: ',', quote: '"', escape: '"', ...d };
  return rows.map((cells, index) => rowText(cells, dialect) + (index < rows.length - 1 ? endings[index % endings.length] : ''));
}

const mixedParts = (rows, endings) => {
  // One raw part holding every line, so the endings between them are exactly the mixed ones; the expectation
  // lists each row's own line.
  const texts = mixedEndings(rows, endings);
  return rows.map((cells, index) => ({
    type: index === 0 ? 'header' : 'row',
    cells,
    raw: texts[index].replace(/(\r\n|\r|\n)$/, ''),
    ending: texts[index].match(/(\r\n|\r|\n)$/)?.[1],
  }));
};

const notesMultiline = [
  ['Ticket', 'Customer', 'Subject', 'Body', 'Status'],
  ['ZD-4411', 'ava.nguyen@brightline.io', 'Import failed', 'Hi,\nthe import stopped at row 12.\nThanks, Ava', 'open'],
  ['ZD-4412', 'ben.carter@northfield.com', 'Invoice copy', 'Please resend March invoice.', 'solved'],
  ['ZD-4413', 'chen.wei@peachtree.ai', 'Feature request', 'Could you support\n- semicolons\n- tabs', 'pending'],
  ['ZD-4414', 'dana.kim@quillfeather.co', 'Login', '', 'solved'],
];

module.exports = [
  {
    file: 'dia-semicolon-german-excel-decimals.csv',
    kind: 'dialect',
    flavour: 'German Excel / Lexware journal: semicolons, decimal commas and dot thousands, a quoted cell with ; and "", CRLF (UTF-8)',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: { delimiter: ';' },
    parts: table(lexware[0], lexware.slice(1)),
  },
  {
    file: 'dia-semicolon-french-bank-statement.csv',
    kind: 'dialect',
    flavour: 'French bank statement export: semicolons, decimal commas with space thousands, quoted libellés',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: { delimiter: ';' },
    parts: table(frenchBank[0], frenchBank.slice(1)),
  },
  {
    file: 'dia-semicolon-libreoffice-all-quoted.csv',
    kind: 'dialect',
    flavour: 'LibreOffice Calc "Text CSV" with semicolons and "Quote all text cells"',
    encoding: 'utf-8',
    dialect: { delimiter: ';', quoteAll: true },
    parts: table(sends[0], sends.slice(1)),
  },
  {
    file: 'dia-sep-line-semicolon-excel.csv',
    kind: 'dialect',
    flavour: 'Excel file with a `sep=;` first line (written for European Excel), semicolons, CRLF',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: { delimiter: ';' },
    parts: [P('sep=;'), ...table(lexware[0], lexware.slice(1))],
  },
  {
    file: 'dia-sep-line-comma-with-semicolons-in-text.csv',
    kind: 'dialect',
    flavour: '`sep=,` line over a comma file whose text is full of semicolons (the line decides)',
    encoding: 'utf-8',
    eol: '\r\n',
    parts: [
      P('sep=,'),
      H(['Ticket', 'Summary', 'Tags']),
      R(['T-1', 'Export; import; retry', 'csv;bug']),
      R(['T-2', 'Timeouts; slow uploads', 'perf;api']),
      R(['T-3', 'Mapping; synonyms', 'ux']),
      R(['T-4', 'Dates; time zones; DST', 'dates;bug']),
      R(['T-5', 'Billing', 'billing']),
    ],
  },
  {
    file: 'dia-sep-line-pipe.csv',
    kind: 'dialect',
    flavour: '`sep=|` line over a pipe-separated bank file',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: { delimiter: '|' },
    parts: [P('sep=|'), ...table(pipeBank[0], pipeBank.slice(1))],
  },
  {
    file: 'dia-tab-google-sheets.tsv',
    kind: 'dialect',
    flavour: 'Google Sheets "Tab-separated values (.tsv)": tabs, LF, no quoting at all',
    encoding: 'utf-8',
    dialect: { delimiter: '\t', quote: '' },
    parts: table(sends[0], sends.slice(1)),
  },
  {
    file: 'dia-tab-excel-text-quoted.txt',
    kind: 'dialect',
    flavour: 'Excel "Text (Tab delimited)": tabs, CRLF, cells with quotes or line breaks quoted, LF inside cells',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: { delimiter: '\t' },
    parts: table(notesMultiline[0], notesMultiline.slice(1)),
  },
  {
    file: 'dia-tab-postgres-copy.tsv',
    kind: 'dialect',
    flavour: 'psql `\\copy ... TO STDOUT` text format: tabs, LF, no quotes, sensor readings',
    encoding: 'utf-8',
    dialect: { delimiter: '\t', quote: '' },
    parts: table(readings[0], readings.slice(1)),
  },
  {
    file: 'dia-pipe-bank-mainframe.txt',
    kind: 'dialect',
    flavour: 'Bank/mainframe extract: pipe-separated, no quotes, upper-case headers, commas inside descriptions',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: { delimiter: '|', quote: '' },
    parts: table(pipeBank[0], pipeBank.slice(1)),
  },
  {
    file: 'dia-pipe-salesforce-quoted.csv',
    kind: 'dialect',
    flavour: 'Pipe-separated CRM accounts, fields holding | or " quoted',
    encoding: 'utf-8',
    dialect: { delimiter: '|' },
    parts: table(pipeQuoted[0], pipeQuoted.slice(1)),
  },
  {
    file: 'dia-single-quoted-php-export.csv',
    kind: 'dialect',
    flavour: "PHP fputcsv with enclosure \"'\": single-quoted fields holding commas, doubled ''",
    encoding: 'utf-8',
    dialect: { quote: "'", escape: '"' },
    parts: table(companiesSingle[0], companiesSingle.slice(1)),
  },
  {
    file: 'dia-single-quoted-all-semicolon.csv',
    kind: 'dialect',
    flavour: "Every field single-quoted, semicolons (an old ERP's export)",
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: { delimiter: ';', quote: "'", escape: '"', quoteAll: true },
    parts: table(usage[0], usage.slice(1)),
  },
  {
    file: 'dia-backslash-mysql-outfile.csv',
    kind: 'dialect',
    flavour: "MySQL `SELECT … INTO OUTFILE FIELDS ENCLOSED BY '\"' ESCAPED BY '\\\\'`: every field quoted, \\\" and \\\\ escapes",
    encoding: 'utf-8',
    dialect: { escape: '\\', quoteAll: true },
    parts: table(orders[0], orders.slice(1)),
  },
  {
    file: 'dia-backslash-optionally-enclosed.csv',
    kind: 'dialect',
    flavour: "MySQL `OPTIONALLY ENCLOSED BY` / Postgres CSV with ESCAPE '\\\\': only fields that need it quoted, \\\" inside",
    encoding: 'utf-8',
    dialect: { escape: '\\' },
    parts: table(orders[0], orders.slice(1)),
  },
  {
    file: 'dia-backslash-declared-escape.csv',
    kind: 'dialect',
    flavour: 'Backslash-escaped quotes with the escape declared per upload',
    encoding: 'utf-8',
    dialect: { escape: '\\' },
    options: { escape: '\\' },
    parts: table(orders[0], orders.slice(1, 6)),
  },
  {
    file: 'dia-crlf-excel-windows.csv',
    kind: 'dialect',
    flavour: 'Excel on Windows "CSV (Comma delimited)": CRLF everywhere, ASCII',
    encoding: 'utf-8',
    eol: '\r\n',
    parts: table(usage[0], usage.slice(1)),
  },
  {
    file: 'dia-crlf-multiline-cells.csv',
    kind: 'dialect',
    flavour: 'CRLF file whose quoted notes hold CRLF line breaks (Outlook contacts-style)',
    encoding: 'utf-8',
    eol: '\r\n',
    parts: table(notes[0], notes.slice(1)),
  },
  {
    file: 'dia-cr-only-mac-excel.csv',
    kind: 'dialect',
    flavour: 'Excel 2011 for Mac "CSV (Macintosh)": CR-only line endings',
    encoding: 'utf-8',
    eol: '\r',
    parts: table(usage[0], usage.slice(1)),
  },
  {
    file: 'dia-cr-only-multiline-cells.csv',
    kind: 'dialect',
    flavour: 'CR-only file whose quoted notes hold CR line breaks',
    encoding: 'utf-8',
    eol: '\r',
    parts: table(notesCr[0], notesCr.slice(1)),
  },
  {
    file: 'dia-mixed-crlf-lf-appended.csv',
    kind: 'dialect',
    flavour: 'CRLF file (Excel) with rows appended by a Linux script (LF)',
    encoding: 'utf-8',
    eolParts: true,
    parts: mixedParts(mixed, ['\r\n', '\r\n', '\r\n', '\r\n', '\n', '\n', '\n', '\n', '\n']),
  },
  {
    file: 'dia-mixed-crlf-lf-alternating.csv',
    kind: 'dialect',
    flavour: 'Line endings alternating CRLF / LF row by row (merged logs)',
    encoding: 'utf-8',
    eolParts: true,
    parts: mixedParts(mixed, ['\r\n', '\n']),
  },
  {
    file: 'dia-mixed-cr-crlf-lf.csv',
    kind: 'dialect',
    flavour: 'All three endings in one file: CR, CRLF and LF',
    encoding: 'utf-8',
    eolParts: true,
    parts: mixedParts(mixed, ['\r', '\r\n', '\n']),
  },
  {
    file: 'dia-all-quoted-powershell7.csv',
    kind: 'dialect',
    flavour: 'PowerShell 7 `Export-Csv`: UTF-8 without BOM, every field quoted, CRLF',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: { quoteAll: true },
    parts: table(readings[0], readings.slice(1)),
  },
  {
    file: 'dia-comma-quoted-decimal-commas.csv',
    kind: 'dialect',
    flavour: 'Comma-separated file with decimal commas, each amount quoted (Excel in a locale with , decimals and , list separator)',
    encoding: 'utf-8',
    eol: '\r\n',
    parts: table(
      ['Artikel', 'Menge', 'Preis', 'Summe'],
      [
        ['Kaffee 1 kg', '2', '14,90', '29,80'],
        ['Tee grün', '5', '3,50', '17,50'],
        ['Zucker', '10', '1,19', '11,90'],
        ['Milch 1 l', '12', '1,09', '13,08'],
        ['Kekse', '3', '2,49', '7,47'],
      ],
    ),
  },
  {
    file: 'dia-declared-semicolon-commas-in-text.csv',
    kind: 'dialect',
    flavour: 'Semicolon file whose free text holds more commas than semicolons; the delimiter is declared per upload',
    encoding: 'utf-8',
    dialect: { delimiter: ';' },
    options: { delimiter: ';' },
    parts: table(
      ['Name', 'Feedback'],
      [
        ['Ava', 'Fast, simple, reliable, cheap'],
        ['Ben', 'Slow at first, then fine, thanks'],
        ['Chen', 'Good, good, good'],
        ['Dana', 'Needs tabs, pipes, and more'],
        ['Eli', 'OK'],
      ],
    ),
  },
  {
    file: 'dia-declared-no-quotes-inches.csv',
    kind: 'dialect',
    flavour: 'Product list where " means inches and starts some cells; read with quote declared as none',
    encoding: 'utf-8',
    dialect: { quote: '' },
    options: { quote: '' },
    quote: '',
    parts: table(
      ['SKU', 'Description', 'Size', 'Price'],
      [
        ['MON-27', '27" 4K monitor', '27"', '329.00'],
        ['TV-55', '"Smart" TV 55"', '55"', '499.00'],
        ['TAB-10', '10.1" tablet', '10.1"', '189.00'],
        ['PIPE-2', 'Steel pipe 2" x 10\'', '2"', '24.50'],
        ['LAP-14', '14" laptop sleeve', '14"', '19.99'],
      ],
    ),
  },
];
