import { normaliseHeader } from './normalise-header';

/** Words written apart that mean one word. */
const JOINED = new Map<string, string>(
  Object.entries({
    'e mail': 'email',
    'web site': 'website',
    'home page': 'homepage',
    'linked in': 'linkedin',
    'head quarters': 'headquarters',
    'user name': 'username',
    'time stamp': 'timestamp',
    'zip code': 'postcode',
    'post code': 'postcode',
    'postal code': 'postcode',
  }),
);

const JOINED_FIRST = new Set([...JOINED.keys()].map((pair) => pair.split(' ')[0]));

/** Abbreviations and spellings of one meaning, reduced to one word. */
const CANONICAL = new Map<string, string>(
  Object.entries({
    addr: 'address',
    tel: 'phone',
    telephone: 'phone',
    ph: 'phone',
    mob: 'mobile',
    cell: 'mobile',
    qty: 'quantity',
    amt: 'amount',
    desc: 'description',
    descr: 'description',
    org: 'company',
    orgs: 'company',
    organization: 'company',
    organisation: 'company',
    co: 'company',
    corp: 'company',
    corporation: 'company',
    dt: 'date',
    yr: 'year',
    no: 'number',
    num: 'number',
    nbr: 'number',
    nr: 'number',
    emp: 'employee',
    empl: 'employee',
    mgr: 'manager',
    dept: 'department',
    acct: 'account',
    cust: 'customer',
    ctry: 'country',
    cntry: 'country',
    msg: 'message',
    subj: 'subject',
    rev: 'revenue',
    txn: 'transaction',
    val: 'value',
    loc: 'location',
    hq: 'headquarters',
    li: 'linkedin',
    hdr: 'header',
  }),
);

/** Words that carry no meaning in a header. */
const STOPWORDS = new Set(['of', 'the', 'a', 'an', 'in', 'per', 'for', 'by', 's']);

/** Words that scope a header to the row's subject ("Person - Email", "Contact Name") without changing its meaning. */
export const SUBJECT_PREFIXES: ReadonlySet<string> = new Set(['person', 'contact', 'lead', 'prospect']);

/**
 * The subject words for a dataset's headers: the usual ones, and the dataset's own name when it is one word
 * ("Company City" in a company list is the company's city; in a people list it is not the person's).
 */
export function subjectsOf(datasetName: string): ReadonlySet<string> {
  const own = headerTokens(datasetName);
  return own.length === 1 ? new Set([...SUBJECT_PREFIXES, own[0]]) : SUBJECT_PREFIXES;
}

/** Words ending in s that are not plurals. */
const NOT_PLURAL = /(ss|us|is|ics|news|ous)$/;

function singular(word: string): string {
  if (word.length <= 3 || word.charCodeAt(word.length - 1) !== 115 /* s */ || NOT_PLURAL.test(word) || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(sses|xes|ches|shes|zes)$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/**
 * A header reduced to the words that say what it means: normalised (see normaliseHeader), `#` read as "number",
 * split words joined ("e mail" → email), abbreviations and plurals reduced ("No." → number, "Industries" → industry,
 * "Org" → company), stopwords and a leading subject ("Person -", "Contact") dropped, and a count written as
 * "Number of Employees" / "# Employees" / "No. of Employees" read as "employee count". A header made of nothing but
 * such words keeps them.
 */
export function headerTokens(header: string, subjects: ReadonlySet<string> = SUBJECT_PREFIXES, normalised?: string): string[] {
  if (header.includes('#')) return tokensOf(normaliseHeader(header.replace(/#/g, ' number ')), subjects);
  return tokensOf(normalised ?? normaliseHeader(header), subjects);
}

/** headerTokens of a header normalised already (see normaliseHeader). */
function tokensOf(normalised: string, subjects: ReadonlySet<string>): string[] {
  const words = normalised.split(' ');
  if (words.length === 1 && words[0] === '') return [];
  const joined: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const pair = i + 1 < words.length && JOINED_FIRST.has(words[i]) ? JOINED.get(`${words[i]} ${words[i + 1]}`) : undefined;
    if (pair) {
      joined.push(pair);
      i += 1;
    } else joined.push(words[i]);
  }
  let tokens = joined.map((word) => {
    const one = singular(CANONICAL.get(word) ?? word);
    return CANONICAL.get(one) ?? one;
  });
  // "number of employees", "# employees": a count; a trailing "number" ("Phone Number", "Invoice No") is an identifier.
  const of = tokens.indexOf('of');
  if (tokens[0] === 'number' && tokens.length > 1) tokens = [...tokens.slice(of === 1 ? 2 : 1), 'count'];
  else if (of > 0 && tokens[of - 1] === 'number' && of < tokens.length - 1) tokens = [...tokens.slice(0, of - 1), ...tokens.slice(of + 1), 'count'];
  const meaningful = tokens.filter((token) => !STOPWORDS.has(token));
  if (meaningful.length === 0) return tokens;
  if (meaningful.length > 1 && subjects.has(meaningful[0])) meaningful.shift();
  return meaningful;
}
