// Recovery: files that are mostly fine, with the damage real files have. Only the rows a fault touches may be lost.
const { H, R, X, P, B, T, table } = require('./build');

const leads = [
  ['First Name', 'Last Name', 'Email', 'Company', 'Title', 'City'],
  ['Ava', 'Nguyen', 'ava.nguyen@brightline.io', 'Brightline Media', 'VP Marketing', 'Austin'],
  ['Ben', 'Carter', 'ben.carter@northfield.com', 'Northfield Dairy', 'Purchasing Manager', 'Madison'],
  ['Chen', 'Wei', 'chen.wei@peachtree.ai', 'Peachtree Analytics', 'Data Lead', 'Atlanta'],
  ['Dana', 'Kim', 'dana.kim@quillfeather.co', 'Quillfeather LLC', 'Editor in Chief', 'Boston'],
  ['Eli', 'Moreau', 'eli.moreau@lumiere-conseil.fr', 'Lumière Conseil', 'Consultant', 'Lyon'],
  ['Fatima', 'Zahra', 'fatima.zahra@atlas-freight.ma', 'Atlas Freight', 'COO', 'Casablanca'],
  ['Gus', 'Larsen', 'gus.larsen@kallhamn.se', 'Kallhamn AB', 'CEO', 'Göteborg'],
  ['Hana', 'Sato', 'hana.sato@sakura-shoji.co.jp', 'Sakura Shoji', 'Sales Director', 'Tokyo'],
  ['Ivan', 'Petrov', 'ivan.petrov@volga-tel.ru', 'Volga Telecom', 'Network Engineer', 'Kazan'],
  ['Jade', 'Okafor', 'jade.okafor@lagos-pay.ng', 'LagosPay', 'Product Manager', 'Lagos'],
];
const [lh, ...lr] = leads;

const payments = [
  ['id', 'Created (UTC)', 'Amount', 'Currency', 'Status', 'Customer Email', 'Description'],
  ['ch_3OpA1', '2024-03-01 09:12', '49.00', 'usd', 'Paid', 'ava.nguyen@brightline.io', 'Pro plan'],
  ['ch_3OpA2', '2024-03-01 10:40', '49.00', 'usd', 'Paid', 'ben.carter@northfield.com', 'Pro plan'],
  ['ch_3OpA3', '2024-03-02 14:03', '199.00', 'usd', 'Paid', 'chen.wei@peachtree.ai', 'Team plan'],
  ['ch_3OpA4', '2024-03-03 08:55', '49.00', 'usd', 'Failed', 'dana.kim@quillfeather.co', 'Pro plan'],
  ['ch_3OpA5', '2024-03-04 16:20', '19.00', 'eur', 'Paid', 'eli.moreau@lumiere-conseil.fr', 'Starter plan'],
  ['ch_3OpA6', '2024-03-05 11:11', '199.00', 'usd', 'Refunded', 'fatima.zahra@atlas-freight.ma', 'Team plan'],
  ['ch_3OpA7', '2024-03-06 09:30', '49.00', 'usd', 'Paid', 'gus.larsen@kallhamn.se', 'Pro plan'],
  ['ch_3OpA8', '2024-03-07 13:45', '19.00', 'eur', 'Paid', 'hana.sato@sakura-shoji.co.jp', 'Starter plan'],
];
const [yh, ...yr] = payments;

const sensors = [
  ['Timestamp', 'Sensor', 'Temperature (°C)', 'Humidity (%)'],
  ['2024-03-01 00:00', 'greenhouse-a', '18.2', '71'],
  ['2024-03-01 00:10', 'greenhouse-a', '18.0', '72'],
  ['2024-03-01 00:20', 'greenhouse-a', '17.9', '72'],
  ['2024-03-01 00:00', 'greenhouse-b', '19.4', '65'],
  ['2024-03-01 00:10', 'greenhouse-b', '19.3', '66'],
  ['2024-03-01 00:20', 'greenhouse-b', '19.1', '66'],
  ['2024-03-01 00:30', 'greenhouse-a', '17.8', '73'],
  ['2024-03-01 00:30', 'greenhouse-b', '19.0', '67'],
];
const [sh, ...sr] = sensors;

const sends = [
  ['Email', 'Campaign', 'Sent At', 'Opens', 'Clicks'],
  ['ava.nguyen@brightline.io', 'March Newsletter', '2024-03-05 08:00', '3', '1'],
  ['ben.carter@northfield.com', 'March Newsletter', '2024-03-05 08:00', '0', '0'],
  ['chen.wei@peachtree.ai', 'March Newsletter', '2024-03-05 08:00', '1', '0'],
  ['dana.kim@quillfeather.co', 'March Newsletter', '2024-03-05 08:01', '5', '2'],
  ['eli.moreau@lumiere-conseil.fr', 'March Newsletter', '2024-03-05 08:01', '2', '1'],
  ['fatima.zahra@atlas-freight.ma', 'March Newsletter', '2024-03-05 08:01', '0', '0'],
  ['gus.larsen@kallhamn.se', 'March Newsletter', '2024-03-05 08:02', '1', '1'],
];
const [eh, ...er] = sends;

const kunden = [
  ['Kundennr', 'Name', 'Ort', 'Umsatz'],
  ['10001', 'Nordwerk GmbH', 'München', '1.234,50'],
  ['10002', 'Bäckerei Schäfer', 'Düsseldorf', '480,00'],
  ['10003', 'Größenwahn AG', 'Bremen', '3.120,40'],
  ['10004', 'Fräulein Grün OHG', 'Hamburg', '98,70'],
  ['10005', 'Öko-Höfe Süd eG', 'Stuttgart', '770,00'],
];
const [kh, ...kr] = kunden;
const SEMI = { delimiter: ';' };

const opportunities = [
  ['Opportunity Name', 'Account Name', 'Amount', 'Close Date', 'Stage', 'Opportunity Owner'],
  ['Brightline - 200 seats', 'Brightline Media', '24,000.00', '3/15/2024', 'Proposal/Price Quote', 'Jane Doe'],
  ['Northfield - Renewal', 'Northfield Dairy', '12,500.00', '3/20/2024', 'Negotiation/Review', 'Sam Lee'],
  ['Peachtree - Expansion', 'Peachtree Analytics', '48,000.00', '3/28/2024', 'Closed Won', 'Jane Doe'],
  ['Quillfeather - Pilot', 'Quillfeather LLC', '3,000.00', '4/2/2024', 'Qualification', 'Sam Lee'],
  ['Reid & Sons - New', 'Reid & Sons', '95,000.00', '4/30/2024', 'Prospecting', 'Ola Nordmann'],
];
const [oh, ...or] = opportunities;
const ALLQ = { quoteAll: true };

module.exports = [
  // Stray quotes inside unquoted cells are text: the row is kept as written.
  {
    file: 'rec-stray-quote-nickname.csv',
    kind: 'recovery',
    flavour: 'A nickname in quotes inside an unquoted cell (Dwayne "The Rock" Johnson) in a CRM export',
    encoding: 'utf-8',
    parts: [
      H(lh),
      R(lr[0]),
      R(lr[1]),
      R(
        ['Dwayne', 'Johnson', 'dwayne@sevenbucks.example', 'Seven Bucks', 'Chief "Rock" Officer', 'Miami'],
        'Dwayne,Johnson,dwayne@sevenbucks.example,Seven Bucks,Chief "Rock" Officer,Miami',
      ),
      R(lr[2]),
      R(lr[3]),
    ],
  },
  {
    file: 'rec-stray-quote-inches.csv',
    kind: 'recovery',
    flavour: 'Shopify product export where " means inches inside unquoted cells (27" Monitor, 5\'11")',
    encoding: 'utf-8',
    parts: [
      H(['Handle', 'Title', 'Variant SKU', 'Variant Price']),
      R(['monitor-27', 'Monitor 27" 4K', 'MON-27', '329.00'], 'monitor-27,Monitor 27" 4K,MON-27,329.00'),
      R(['desk-mat', 'Desk mat', 'MAT-01', '24.00']),
      R(['tv-55', 'TV 55" OLED', 'TV-55', '1299.00'], 'tv-55,TV 55" OLED,TV-55,1299.00'),
      R(['poster', 'Poster 5\'11" tall', 'PST-511', '15.00'], 'poster,Poster 5\'11" tall,PST-511,15.00'),
      R(['cable', 'USB-C cable', 'CBL-2', '9.00']),
    ],
  },
  {
    file: 'rec-stray-quote-semicolon-german.csv',
    kind: 'recovery',
    flavour: 'German semicolon file with „quoted" names written with a plain closing quote inside unquoted cells',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: SEMI,
    parts: [
      H(kh),
      R(kr[0]),
      R(['10009', 'Café "Zur Post"', 'Lübeck', '310,00'], '10009;Café "Zur Post";Lübeck;310,00'),
      R(kr[1]),
      R(kr[2]),
      R(['10010', 'Hotel "Am See" GmbH', 'Konstanz', '2.900,00'], '10010;Hotel "Am See" GmbH;Konstanz;2.900,00'),
      R(kr[3]),
    ],
  },
  {
    file: 'rec-stray-quote-end-of-cell.csv',
    kind: 'recovery',
    flavour: 'A cell ending with a lone quote (Ivan "Vanya) in an otherwise clean file',
    encoding: 'utf-8',
    parts: [
      H(lh),
      R(lr[0]),
      R(
        ['Ivan "Vanya', 'Petrov', 'ivan.petrov@volga-tel.ru', 'Volga Telecom', 'Network Engineer', 'Kazan'],
        'Ivan "Vanya,Petrov,ivan.petrov@volga-tel.ru,Volga Telecom,Network Engineer,Kazan',
      ),
      R(lr[1]),
      R(lr[2]),
    ],
  },

  // A quote opening a field that never closes: only its row is rejected, at the line where the quote opened.
  {
    file: 'rec-unclosed-quote-middle-row.csv',
    kind: 'recovery',
    flavour: 'A quote opening a cell that never closes, mid-file, no other quotes after it',
    encoding: 'utf-8',
    parts: [H(yh), R(yr[0]), R(yr[1]), R(yr[2]), X('ch_3OpA4,2024-03-03 08:55,49.00,usd,Failed,dana.kim@quillfeather.co,"Pro plan'), R(yr[4]), R(yr[5]), R(yr[6]), R(yr[7])],
  },
  {
    file: 'rec-unclosed-quote-last-row.csv',
    kind: 'recovery',
    flavour: 'The last row opens a quote that never closes (file cut off mid-export)',
    encoding: 'utf-8',
    parts: [H(yh), R(yr[0]), R(yr[1]), R(yr[2]), R(yr[3]), X('ch_3OpA5,2024-03-04 16:20,19.00,eur,Paid,eli.moreau@lumiere-conseil.fr,"Starter plan, annual')],
  },
  {
    file: 'rec-unclosed-quote-before-quoted-rows.csv',
    kind: 'recovery',
    flavour: 'HARD: an unclosed quote followed by rows that quote their own cells; only the opening row may be lost',
    encoding: 'utf-8',
    eol: '\r\n',
    parts: [
      H(lh),
      R(lr[0]),
      R(lr[1]),
      X('Chen,Wei,chen.wei@peachtree.ai,"Peachtree Analytics,Data Lead,Atlanta'),
      R(lr[3]),
      R(['Eli', 'Moreau', 'eli.moreau@lumiere-conseil.fr', 'Lumière Conseil, Lyon', 'Consultant', 'Lyon']),
      R(lr[5]),
      R(['Gus', 'Larsen', 'gus.larsen@kallhamn.se', 'Kallhamn AB', 'CEO, "acting"', 'Göteborg']),
      R(lr[7]),
    ],
  },
  {
    file: 'rec-unclosed-quote-semicolon.csv',
    kind: 'recovery',
    flavour: 'Semicolon file where one Buchungstext opens a quote that never closes',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: SEMI,
    parts: [H(kh), R(kr[0]), R(kr[1]), X('10006;"Maßarbeit KG;Düsseldorf;5.432,10'), R(kr[2]), R(kr[3]), R(kr[4])],
  },

  // Text after a closing quote is a malformed quote: the row goes to the rejected rows with its text.
  {
    file: 'rec-text-after-closing-quote.csv',
    kind: 'recovery',
    flavour: 'A cell written "Acme" Inc — text after the closing quote',
    encoding: 'utf-8',
    parts: [H(lh), R(lr[0]), R(lr[1]), X('Will,Smith,will@acme.example,"Acme" Inc,Buyer,Phoenix'), R(lr[2]), R(lr[3]), R(lr[4])],
  },
  {
    file: 'rec-text-after-closing-quote-two-rows.csv',
    kind: 'recovery',
    flavour: 'Two rows with text after a closing quote ("12" screen, "Big" Joe\'s) among clean rows',
    encoding: 'utf-8',
    eol: '\r\n',
    parts: [
      H(['sku', 'title', 'price']),
      R(['A1', 'Desk lamp', '19.00']),
      X('A2,"12" screen protector,7.50'),
      R(['A3', 'Mouse pad', '5.00']),
      R(['A4', 'Keyboard, wireless', '39.00']),
      X('A5,"Big" Joe\'s mug,12.00'),
      R(['A6', 'Webcam', '49.00']),
    ],
  },

  // Rows using another delimiter or quote: the reader passes them through as ragged rows, the validator rejects them.
  {
    file: 'rec-wrong-delimiter-row-semicolon.csv',
    kind: 'recovery',
    flavour: "One row pasted with semicolons into a comma file (a European colleague's Excel)",
    encoding: 'utf-8',
    parts: [H(lh), R(lr[0]), R(lr[1]), R(['Karl;Huber;karl.huber@alpin.at;Alpin GmbH;CFO;Wien'], 'Karl;Huber;karl.huber@alpin.at;Alpin GmbH;CFO;Wien'), R(lr[2]), R(lr[3])],
  },
  {
    file: 'rec-wrong-delimiter-row-tab.csv',
    kind: 'recovery',
    flavour: 'One row pasted from a spreadsheet with tabs into a comma file',
    encoding: 'utf-8',
    parts: [
      H(yh),
      R(yr[0]),
      R(yr[1]),
      R(
        ['ch_3OpB9\t2024-03-02 10:00\t99.00\tusd\tPaid\tkarl.huber@alpin.at\tPro plan annual'],
        'ch_3OpB9\t2024-03-02 10:00\t99.00\tusd\tPaid\tkarl.huber@alpin.at\tPro plan annual',
      ),
      R(yr[2]),
      R(yr[3]),
      R(yr[4]),
    ],
  },
  {
    file: 'rec-wrong-quote-char-row.csv',
    kind: 'recovery',
    flavour: 'One row quoting with single quotes in a double-quote file: its quoted comma splits the cell',
    encoding: 'utf-8',
    parts: [
      H(['Company', 'City', 'Employees']),
      R(['Acme, Inc.', 'Springfield', '1200']),
      R(['Globex', 'Cypress Creek', '5400']),
      R(["'Initech", " LLC'", 'Austin', '310'], "'Initech, LLC',Austin,310"),
      R(['Hooli', 'Palo Alto', '44000']),
      R(['Umbrella Corp.', 'Raccoon City', '23000']),
    ],
  },
  {
    file: 'rec-ragged-short-rows.csv',
    kind: 'recovery',
    flavour: 'Rows missing their last cells (a hand-edited export)',
    encoding: 'utf-8',
    parts: [H(lh), R(lr[0]), R(['Ben', 'Carter', 'ben.carter@northfield.com', 'Northfield Dairy']), R(lr[2]), R(['Dana', 'Kim']), R(lr[4]), R(lr[5])],
  },
  {
    file: 'rec-ragged-long-rows.csv',
    kind: 'recovery',
    flavour: 'Rows with extra cells: unquoted commas in a city ("Austin, TX") and a trailing comma',
    encoding: 'utf-8',
    parts: [
      H(lh),
      R(lr[0]),
      R(['Ben', 'Carter', 'ben.carter@northfield.com', 'Northfield Dairy', 'Purchasing Manager', 'Madison', 'WI']),
      R(lr[2]),
      R(['Dana', 'Kim', 'dana.kim@quillfeather.co', 'Quillfeather LLC', 'Editor in Chief', 'Boston', '']),
      R(lr[4]),
    ],
  },
  {
    file: 'rec-ragged-mixed-semicolon.csv',
    kind: 'recovery',
    flavour: 'Semicolon file with both short and long rows',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: SEMI,
    parts: [H(kh), R(kr[0]), R(['10002', 'Bäckerei Schäfer']), R(kr[2]), R(['10004', 'Fräulein Grün OHG', 'Hamburg', '98,70', 'Neukunde', '']), R(kr[4])],
  },

  // Preamble above the header.
  {
    file: 'rec-title-blank-header.csv',
    kind: 'recovery',
    flavour: 'A title line and a blank line above the header ("Contacts export")',
    encoding: 'utf-8',
    parts: [P('Contacts export'), B(), ...table(lh, lr.slice(0, 6))],
  },
  {
    file: 'rec-title-blank-header-semicolon.csv',
    kind: 'recovery',
    flavour: 'German title line ("Kundenliste Stand 01.03.2024;;;") and a blank line above a semicolon header',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: SEMI,
    parts: [P('Kundenliste Stand 01.03.2024;;;'), B(';;;'), ...table(kh, kr)],
  },
  {
    file: 'rec-salesforce-report-preamble.csv',
    kind: 'recovery',
    flavour: 'Salesforce-style report export: report name and "As of" line, a blank line, every field quoted, a Grand Totals line',
    encoding: 'utf-8',
    dialect: ALLQ,
    parts: [P('"Opportunity Pipeline"'), P('"As of 3/1/2024 9:00 AM"'), B(), ...table(oh, or), B(), T('totals', '"Grand Totals (5 records)","","182,500.00","","",""')],
  },
  {
    file: 'rec-google-analytics-preamble.csv',
    kind: 'recovery',
    flavour: 'Google Analytics (Universal) export: a # comment block, blank line, data, blank line and a totals line with no label',
    encoding: 'utf-8',
    parts: [
      P('# ----------------------------------------'),
      P('# All Web Site Data'),
      P('# Audience Overview'),
      P('# 20240301-20240307'),
      P('# ----------------------------------------'),
      B(),
      H(['Day Index', 'Users']),
      R(['3/1/24', '412']),
      R(['3/2/24', '305']),
      R(['3/3/24', '298']),
      R(['3/4/24', '451']),
      R(['3/5/24', '467']),
      R(['3/6/24', '440']),
      R(['3/7/24', '389']),
      B(),
      T('totals', ',"2,762"'),
    ],
  },
  {
    file: 'rec-two-line-preamble-no-blank.csv',
    kind: 'recovery',
    flavour: 'Two report lines straight above the header, no blank line (LinkedIn Campaign Manager-style export)',
    encoding: 'utf-8',
    eol: '\r\n',
    parts: [
      P('Campaign Performance Report'),
      P('Report Start: 3/1/2024,Report End: 3/7/2024'),
      ...table(
        ['Campaign Name', 'Start Date', 'Impressions', 'Clicks', 'Total Spent', 'Currency'],
        [
          ['Spring Launch - Sponsored', '3/1/2024', '48210', '412', '1204.55', 'USD'],
          ['Webinar Promo', '3/2/2024', '12094', '133', '388.10', 'USD'],
          ['Retargeting EU', '3/3/2024', '30550', '289', '702.00', 'EUR'],
          ['Brand Awareness', '3/1/2024', '101230', '510', '1550.00', 'USD'],
          ['Job Ads', '3/4/2024', '8800', '97', '210.40', 'USD'],
        ],
      ),
    ],
  },
  {
    file: 'rec-bank-preamble-dkb.csv',
    kind: 'recovery',
    flavour: 'German bank (DKB-style) export: four key/value lines and a blank line above a quoted semicolon header',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: { delimiter: ';', quoteAll: true },
    parts: [
      P('"Kontonummer:";"DE12 1203 0000 1234 5678 90 / Girokonto";'),
      P('"Von:";"01.03.2024";'),
      P('"Bis:";"08.03.2024";'),
      P('"Kontostand vom 08.03.2024:";"3.793,86 EUR";'),
      B(),
      ...table(
        ['Buchungstag', 'Wertstellung', 'Buchungstext', 'Auftraggeber / Begünstigter', 'Verwendungszweck', 'Betrag (EUR)'],
        [
          ['01.03.2024', '01.03.2024', 'Lastschrift', 'Stadtwerke München', 'Abschlag März', '-84,20'],
          ['02.03.2024', '02.03.2024', 'Gutschrift', 'ACME GmbH', 'Gehalt März', '2.450,00'],
          ['04.03.2024', '04.03.2024', 'Kartenzahlung', 'REWE Markt', '2024-03-03 Debitk. 1', '-62,47'],
          ['05.03.2024', '05.03.2024', 'Dauerauftrag', 'Hausverwaltung Kühn', 'Miete', '-950,00'],
          ['08.03.2024', '08.03.2024', 'Gutschrift', 'Max Mustermann', 'Geld zurück; danke!', '75,00'],
        ],
      ),
    ],
  },
  {
    file: 'rec-declared-header-line-netatmo.csv',
    kind: 'recovery',
    flavour: 'Netatmo weather-station export: a station table (2 lines) above the readings header; header line declared per upload',
    encoding: 'utf-8',
    options: { headerLine: 3 },
    parts: [
      P('Name,Long,Lat,ModuleName,ModuleType'),
      P('"Maison",2.35,48.85,"Intérieur",Indoor'),
      ...table(
        ['Timestamp', 'Timezone : Europe/Paris', 'Temperature', 'Humidity', 'CO2', 'Noise', 'Pressure'],
        [
          ['1709251200', '2024/03/01 00:00:00', '19.8', '45', '612', '35', '1013.2'],
          ['1709251500', '2024/03/01 00:05:00', '19.8', '45', '608', '34', '1013.2'],
          ['1709251800', '2024/03/01 00:10:00', '19.7', '46', '601', '34', '1013.1'],
          ['1709252100', '2024/03/01 00:15:00', '19.7', '46', '598', '33', '1013.1'],
          ['1709252400', '2024/03/01 00:20:00', '19.6', '46', '590', '33', '1013.0'],
        ],
      ),
    ],
  },

  // After the data.
  {
    file: 'rec-totals-line.csv',
    kind: 'recovery',
    flavour: 'Invoice lines with a "Total" line at the end (accounting export)',
    encoding: 'utf-8',
    parts: [
      ...table(
        ['Date', 'Customer', 'Invoice', 'Amount'],
        [
          ['2024-03-01', 'Brightline Media', 'INV-1001', '1200.00'],
          ['2024-03-02', 'Northfield Dairy', 'INV-1002', '450.50'],
          ['2024-03-04', 'Peachtree Analytics', 'INV-1003', '3100.00'],
          ['2024-03-05', 'Quillfeather LLC', 'INV-1004', '99.00'],
          ['2024-03-07', 'Reid & Sons', 'INV-1005', '12000.00'],
        ],
      ),
      T('totals', 'Total,,,16849.50'),
    ],
  },
  {
    file: 'rec-totals-line-german-summe.csv',
    kind: 'recovery',
    flavour: 'German semicolon file ending in a "Summe" line',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: SEMI,
    parts: [...table(kh, kr), T('totals', 'Summe;;;5.703,60')],
  },
  {
    file: 'rec-quickbooks-report.csv',
    kind: 'recovery',
    flavour: 'QuickBooks "Sales by Customer" export: company and report lines, date range, blank line, data, a TOTAL line',
    encoding: 'utf-8',
    eol: '\r\n',
    parts: [
      P('Sluice Demo Co.'),
      P('Sales by Customer Summary'),
      P('"March 1-7, 2024"'),
      B(),
      ...table(
        ['Customer', 'Total'],
        [
          ['Brightline Media', '1,200.00'],
          ['Northfield Dairy', '450.50'],
          ['Peachtree Analytics', '3,100.00'],
          ['Quillfeather LLC', '99.00'],
          ['Reid & Sons', '12,000.00'],
        ],
      ),
      T('totals', 'TOTAL,"16,849.50"'),
    ],
  },
  {
    file: 'rec-second-table-below-blank.csv',
    kind: 'recovery',
    flavour: 'Data, a blank line, then a summary table with its own header (a Stripe-style payout report)',
    encoding: 'utf-8',
    parts: [...table(yh, yr.slice(0, 6)), B(), T('table', ['Currency,Gross,Fees,Net', 'usd,545.00,16.11,528.89', 'eur,19.00,0.55,18.45'])],
  },
  {
    file: 'rec-second-table-semicolon.csv',
    kind: 'recovery',
    flavour: 'HARD: semicolon sensor export followed, after two blank lines, by a per-sensor statistics table as wide as the data',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: SEMI,
    parts: [...table(sh, sr), B(), B(), T('table', ['Sensor;Min;Max;Mean', 'greenhouse-a;17.8;18.2;17.98', 'greenhouse-b;19.0;19.4;19.2'])],
  },
  {
    file: 'rec-whitespace-only-lines.csv',
    kind: 'recovery',
    flavour: 'Lines holding only spaces or tabs between rows (hand-edited in a text editor)',
    encoding: 'utf-8',
    parts: [H(eh), R(er[0]), B('   '), R(er[1]), R(er[2]), B('\t'), R(er[3]), B(' \t '), R(er[4]), R(er[5]), R(er[6])],
  },
  {
    file: 'rec-delimiter-only-lines-excel-tail.csv',
    kind: 'recovery',
    flavour: 'Excel writing formatted-but-empty rows as lines of only commas at the end of the file',
    encoding: 'utf-8',
    eol: '\r\n',
    parts: [...table(eh, er), B(',,,,'), B(',,,,'), B(',,,,'), B(',,,,')],
  },
  {
    file: 'rec-delimiter-only-lines-semicolon.csv',
    kind: 'recovery',
    flavour: 'Semicolon file with ;;; lines between groups of rows',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: SEMI,
    parts: [H(kh), R(kr[0]), R(kr[1]), B(';;;'), R(kr[2]), R(kr[3]), B(';;;'), B(';;;'), R(kr[4])],
  },
  {
    file: 'rec-blank-lines-everywhere.csv',
    kind: 'recovery',
    flavour: 'An empty first line, blank lines between rows and a whitespace line before the last row: all skipped and counted, none a trailing table',
    encoding: 'utf-8',
    parts: [B(), H(sh), R(sr[0]), R(sr[1]), B(), R(sr[2]), R(sr[3]), B(), B(), R(sr[4]), B('  '), R(sr[5])],
  },
  {
    file: 'rec-tab-delimiter-only-lines.tsv',
    kind: 'recovery',
    flavour: 'Tab file with lines of only tabs (empty spreadsheet rows)',
    encoding: 'utf-8',
    dialect: { delimiter: '\t' },
    parts: [H(sh), R(sr[0]), B('\t\t\t'), R(sr[1]), R(sr[2]), B('\t\t\t'), R(sr[3])],
  },

  // Header names.
  {
    file: 'rec-duplicate-headers.csv',
    kind: 'recovery',
    flavour: 'Two "Email" and two "Name" columns (a merged export)',
    encoding: 'utf-8',
    expect: { header: ['Email', 'Name', 'Email_2', 'Phone', 'Name_2'] },
    parts: table(
      ['Email', 'Name', 'Email', 'Phone', 'Name'],
      [
        ['ava.nguyen@brightline.io', 'Ava Nguyen', 'ava@gmail.example', '+1 512 555 0101', 'Brightline Media'],
        ['ben.carter@northfield.com', 'Ben Carter', '', '+1 608 555 0199', 'Northfield Dairy'],
        ['chen.wei@peachtree.ai', 'Chen Wei', 'chen.w@outlook.example', '', 'Peachtree Analytics'],
        ['dana.kim@quillfeather.co', 'Dana Kim', '', '+1 617 555 0144', 'Quillfeather LLC'],
        ['eli.moreau@lumiere-conseil.fr', 'Eli Moreau', '', '', 'Lumière Conseil'],
      ],
    ),
  },
  {
    file: 'rec-duplicate-headers-apollo-phones.csv',
    kind: 'recovery',
    flavour: 'Apollo-style export with three "Phone" columns and two "Company" columns',
    encoding: 'utf-8',
    expect: { header: ['First Name', 'Last Name', 'Company', 'Email', 'Phone', 'Phone_2', 'Phone_3', 'Company_2', '# Employees'] },
    parts: table(
      ['First Name', 'Last Name', 'Company', 'Email', 'Phone', 'Phone', 'Phone', 'Company', '# Employees'],
      [
        ['Ava', 'Nguyen', 'Brightline Media', 'ava.nguyen@brightline.io', '+1 512 555 0101', '', '+1 512 555 0102', 'Brightline Media Inc.', '45'],
        ['Ben', 'Carter', 'Northfield Dairy', 'ben.carter@northfield.com', '+1 608 555 0199', '+1 608 555 0100', '', 'Northfield Dairy Cooperative', '320'],
        ['Chen', 'Wei', 'Peachtree Analytics', 'chen.wei@peachtree.ai', '', '', '', 'Peachtree Analytics LLC', '28'],
        ['Hana', 'Sato', 'Sakura Shoji', 'hana.sato@sakura-shoji.co.jp', '+81 3 1234 5678', '', '', '株式会社サクラ商事', '1200'],
        ['Jade', 'Okafor', 'LagosPay', 'jade.okafor@lagos-pay.ng', '+234 1 555 0123', '', '', 'LagosPay Ltd', '75'],
      ],
    ),
  },
  {
    file: 'rec-duplicate-headers-semicolon.csv',
    kind: 'recovery',
    flavour: 'Semicolon file with "Datum" twice (order and delivery date columns both named Datum)',
    encoding: 'utf-8',
    eol: '\r\n',
    dialect: SEMI,
    expect: { header: ['Auftrag', 'Datum', 'Kunde', 'Datum_2', 'Betrag'] },
    parts: table(
      ['Auftrag', 'Datum', 'Kunde', 'Datum', 'Betrag'],
      [
        ['A-501', '01.03.2024', 'Nordwerk GmbH', '05.03.2024', '1.200,00'],
        ['A-502', '01.03.2024', 'Bäckerei Schäfer', '04.03.2024', '86,40'],
        ['A-503', '02.03.2024', 'Größenwahn AG', '09.03.2024', '2.450,00'],
        ['A-504', '04.03.2024', 'Maßarbeit KG', '', '35,31'],
        ['A-505', '05.03.2024', 'Öko-Höfe Süd eG', '12.03.2024', '5.950,00'],
      ],
    ),
  },

  // Line breaks inside quoted cells.
  {
    file: 'rec-multiline-crlf-inside-cells.csv',
    kind: 'recovery',
    flavour: 'HubSpot notes export: quoted multi-line cells with CRLF inside, CRLF file; rows end on later lines',
    encoding: 'utf-8',
    eol: '\r\n',
    parts: table(
      ['Record ID', 'Email', 'Notes', 'Owner'],
      [
        ['901', 'ava.nguyen@brightline.io', 'Call 1: intro\r\nCall 2: demo\r\nCall 3: pricing', 'Jane Doe'],
        ['902', 'ben.carter@northfield.com', 'Wants invoices by post', 'Sam Lee'],
        ['903', 'chen.wei@peachtree.ai', 'Address:\r\n55 Peachtree St NE\r\nAtlanta, GA 30303', 'Jane Doe'],
        ['904', 'dana.kim@quillfeather.co', '', 'Sam Lee'],
        ['905', 'eli.moreau@lumiere-conseil.fr', '"VIP"\r\nSpeaks French', 'Ola Nordmann'],
      ],
    ),
  },
  {
    file: 'rec-multiline-lf-inside-crlf-file.csv',
    kind: 'recovery',
    flavour: 'Excel CSV: CRLF between rows, LF (Alt+Enter) inside quoted address cells',
    encoding: 'utf-8',
    bom: true,
    eol: '\r\n',
    parts: table(
      ['Company', 'Address', 'Country'],
      [
        ['Brightline Media', '500 Congress Ave\nSuite 200\nAustin, TX 78701', 'US'],
        ['Nordwerk GmbH', 'Leopoldstraße 12\n80802 München', 'DE'],
        ['Lumière Conseil', '12 rue de la République\n69002 Lyon', 'FR'],
        ['Kallhamn AB', 'Hamngatan 4, 411 06 Göteborg', 'SE'],
        ['Sakura Shoji', '1-2-3 Marunouchi\nChiyoda-ku\nTokyo 100-0005', 'JP'],
      ],
    ),
  },
  {
    file: 'rec-multiline-then-unclosed-quote.csv',
    kind: 'recovery',
    flavour: 'A well-closed multi-line cell, then a row whose quote never closes: the multi-line row is kept, the bad row rejected',
    encoding: 'utf-8',
    parts: [
      H(['id', 'customer', 'comment']),
      R(['1', 'ava.nguyen@brightline.io', 'Great product.\nWould buy again.']),
      R(['2', 'ben.carter@northfield.com', 'ok']),
      X('3,chen.wei@peachtree.ai,"Shipping was slow, box damaged'),
      R(['4', 'dana.kim@quillfeather.co', 'fine']),
      R(['5', 'eli.moreau@lumiere-conseil.fr', 'Très bien']),
    ],
  },

  // Everything at once, and the edges.
  {
    file: 'rec-combined-crm-mess.csv',
    kind: 'recovery',
    flavour: 'A title, a blank line, duplicate headers, a stray quote, a short row, an unclosed quote, delimiter-only lines and a totals line in one file',
    encoding: 'utf-8',
    eol: '\r\n',
    expect: { header: ['Name', 'Email', 'Deal Size', 'Stage', 'Email_2'] },
    parts: [
      P('Pipeline export 2024-03-08'),
      B(),
      H(['Name', 'Email', 'Deal Size', 'Stage', 'Email']),
      R(['Ava Nguyen', 'ava.nguyen@brightline.io', '24000', 'Proposal', '']),
      R(
        ['Ben "Benny" Carter', 'ben.carter@northfield.com', '12500', 'Negotiation', 'ben@personal.example'],
        'Ben "Benny" Carter,ben.carter@northfield.com,12500,Negotiation,ben@personal.example',
      ),
      B(',,,,'),
      R(['Chen Wei', 'chen.wei@peachtree.ai', '48000']),
      X('Dana Kim,dana.kim@quillfeather.co,3000,"Qualification,'),
      R(['Eli Moreau', 'eli.moreau@lumiere-conseil.fr', '95000', 'Prospecting', '']),
      B(',,,,'),
      T('totals', 'Total,,182500,,'),
    ],
  },
  { file: 'rec-header-only.csv', kind: 'recovery', flavour: 'A header and no rows (an empty report)', encoding: 'utf-8', parts: [H(eh)] },
  { file: 'rec-no-final-newline.csv', kind: 'recovery', flavour: 'The last row has no line break after it', encoding: 'utf-8', final: false, parts: table(eh, er) },
  {
    file: 'rec-bom-sep-line-title.csv',
    kind: 'recovery',
    flavour: 'UTF-8 BOM, a `sep=;` line, then a title and a blank line before the header',
    encoding: 'utf-8',
    bom: true,
    eol: '\r\n',
    dialect: SEMI,
    parts: [P('sep=;'), P('Kundenliste;;;'), B(';;;'), ...table(kh, kr)],
  },
];
