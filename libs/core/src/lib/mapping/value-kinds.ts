import type { FieldType } from '../datasets/dataset-definition';

/** What a column's sample values mostly are. */
export type ValueKind = 'email' | 'linkedin' | 'url' | 'domain' | 'date' | 'phone' | 'country' | 'number' | 'text';

/** Share of a column's non-empty samples that must be of one kind for the column to be of that kind. */
const MOSTLY = 0.8;

const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const URL = /^(https?:\/\/|www\.)\S+$/i;
const LINKEDIN = /^(https?:\/\/)?([a-z]{2,3}\.)?linkedin\.com\//i;
const DOMAIN = /^([a-z0-9-]+\.)+[a-z]{2,}(\/\S*)?$/i;
const NUMBER = /^[-+(]?[$€£¥]?\s?\d{1,3}([,.' ]?\d{3})*([.,]\d+)?\)?\s?[%$€£¥]?$|^[-+]?\d+([.,]\d+)?(e[-+]?\d+)?$/i;
const ISO_DATE = /^\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const SLASHED_DATE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?( ?[ap]m)?)?$/i;
const WORDED_DATE =
  /^(\d{1,2} )?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,2}(st|nd|rd|th)?,? \d{4}$|^\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}$/i;
const PHONE = /^\+?[\d\s().-]{7,20}(\s?(x|ext\.?)\s?\d{1,5})?$/i;

/** Country names and codes common in exports (ISO 3166 alpha-2 and alpha-3 of the largest markets). */
const COUNTRIES = new Set(
  (
    'united states,usa,us,united kingdom,uk,gb,gbr,great britain,england,germany,de,deu,france,fr,fra,spain,es,esp,italy,it,ita,' +
    'netherlands,nl,nld,belgium,be,bel,switzerland,ch,che,austria,at,aut,sweden,se,swe,norway,no,nor,denmark,dk,dnk,finland,fi,fin,' +
    'ireland,ie,irl,portugal,pt,prt,poland,pl,pol,czech republic,czechia,cz,cze,canada,ca,can,mexico,mx,mex,brazil,br,bra,argentina,ar,arg,' +
    'chile,cl,chl,colombia,co,col,australia,au,aus,new zealand,nz,nzl,japan,jp,jpn,china,cn,chn,india,in,ind,singapore,sg,sgp,' +
    'south korea,korea,kr,kor,israel,il,isr,south africa,za,zaf,united arab emirates,uae,ae,are,turkey,tr,tur,russia,ru,rus,ukraine,ua,ukr'
  ).split(','),
);

function kindOf(value: string): Exclude<ValueKind, 'text'> | null {
  if (EMAIL.test(value)) return 'email';
  if (LINKEDIN.test(value)) return 'linkedin';
  if (URL.test(value)) return 'url';
  if (ISO_DATE.test(value) || SLASHED_DATE.test(value) || WORDED_DATE.test(value)) return 'date';
  if (NUMBER.test(value)) return 'number';
  if (PHONE.test(value) && value.replace(/\D/g, '').length >= 7) return 'phone';
  if (COUNTRIES.has(value.toLowerCase())) return 'country';
  if (DOMAIN.test(value)) return 'domain';
  return null;
}

/** Samples per column needed before a column is given a kind. */
const MIN_SAMPLES = 2;

/**
 * The kind of each column from the first rows' cells: the kind most of its non-empty values share, 'text' when
 * none does, null when it has too few values to tell.
 */
/** Longer values are not looked at for their kind. */
const LONGEST_TYPED_VALUE = 512;

export function columnKinds(samples: string[][], columnCount: number): (ValueKind | null)[] {
  const kinds: (ValueKind | null)[] = [];
  for (let column = 0; column < columnCount; column += 1) {
    const counts = new Map<ValueKind, number>();
    let values = 0;
    for (const row of samples) {
      const cell = row[column] ?? '';
      // Emails, URLs, dates and numbers are short: a long cell is text, without running patterns over megabytes of it.
      const long = cell.length > LONGEST_TYPED_VALUE;
      const value = long ? cell : cell.trim();
      if (value === '') continue;
      values += 1;
      const kind = long ? 'text' : (kindOf(value) ?? 'text');
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    if (values < MIN_SAMPLES) {
      kinds.push(null);
      continue;
    }
    // Phone numbers and years read as numbers too; URLs and domains are one kind for a domain or URL field.
    const share = (kind: ValueKind) => (counts.get(kind) ?? 0) / values;
    const mostly = (['email', 'linkedin', 'url', 'domain', 'date', 'phone', 'country', 'number'] as const).find((kind) => share(kind) >= MOSTLY);
    kinds.push(mostly ?? (share('linkedin') + share('url') + share('domain') >= MOSTLY ? 'url' : share('phone') + share('number') >= MOSTLY ? 'phone' : 'text'));
  }
  return kinds;
}

/** The value kinds a field of each type can hold; a column of any other kind contradicts it. String fields hold anything. */
const HOLDS: Record<FieldType, ValueKind[] | null> = {
  string: null,
  email: ['email'],
  domain: ['domain', 'url', 'linkedin', 'email'],
  url: ['url', 'linkedin', 'domain'],
  int: ['number'],
  decimal: ['number'],
  date: ['date', 'number'],
  datetime: ['date', 'number'],
  bool: ['text', 'number'],
};

export function contradicts(kind: ValueKind | null, type: FieldType | undefined): boolean {
  if (!kind || !type) return false;
  const holds = HOLDS[type];
  return holds !== null && !holds.includes(kind);
}

/** Whether values of this kind speak for a field: its type, or for text fields what its name says it holds. */
export function favours(kind: ValueKind | null, type: FieldType | undefined, tokens: string[]): boolean {
  switch (kind) {
    case 'email':
      return type === 'email';
    case 'linkedin':
      return (type === 'url' || type === 'domain') && tokens.includes('linkedin');
    case 'url':
    case 'domain':
      return type === 'url' || type === 'domain';
    case 'date':
      return type === 'date' || type === 'datetime';
    case 'number':
      return type === 'int' || type === 'decimal';
    case 'phone':
      return tokens.some((t) => t === 'phone' || t === 'mobile');
    case 'country':
      return tokens.some((t) => t === 'country' || t === 'region' || t === 'location' || t === 'geo');
    default:
      return false;
  }
}
