/**
 * Seed 000's four exports, generated deterministically, with messy headers; the tests compute the
 * expected metrics from these plain rows, without Sluice's code.
 */
export interface Send {
  email: string;
  domain: string;
  date: string;
  campaign: string;
}

export interface Open {
  email: string;
  date: string;
  opens: number;
  clicks: number | null;
}

const ACCOUNTS = [
  { domain: 'acme.com', name: 'Acme', industry: 'Software', region: 'EMEA' },
  { domain: 'beta.io', name: 'Beta', industry: 'Retail', region: 'AMER' },
  { domain: 'gamma.org', name: 'Gamma', industry: 'Health', region: 'EMEA' },
];
// delta.net has no account row: its sends keep empty account columns.
const DOMAINS = [...ACCOUNTS.map((a) => a.domain), 'delta.net'];
const RECIPIENTS = DOMAINS.flatMap((domain) => [0, 1, 2].map((n) => ({ email: `user${n}@${domain}`, domain })));

function dayAfter(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** One week of sends and opens, starting on `monday`; `salt` varies who was emailed and who opened. */
export function emailWeek(monday: string, salt: number): { sends: Send[]; opens: Open[] } {
  const sends: Send[] = [];
  const opens: Open[] = [];
  for (let i = 0; i < 7; i++) {
    const date = dayAfter(monday, i);
    RECIPIENTS.forEach((r, j) => {
      if ((i + j + salt) % 3 === 0) return;
      sends.push({ email: r.email, domain: r.domain, date, campaign: `c${(i + salt) % 2}` });
      const k = (i * j + salt) % 4;
      // Two open rows for one send are summed by the pipeline.
      if (k === 1) opens.push({ email: r.email, date, opens: 1, clicks: j % 2 }, { email: r.email, date, opens: (j % 3) + 1, clicks: null });
      if (k === 2) opens.push({ email: r.email, date, opens: 2, clicks: 1 });
    });
  }
  // An open for a send that never happened: a left join on sends drops it.
  opens.push({ email: 'ghost@acme.com', date: monday, opens: 7, clicks: 7 });
  return { sends, opens };
}

const lines = (header: string, rows: string[]) => [header, ...rows].join('\r\n') + '\r\n';

export function sendsCsv(sends: Send[]): string {
  // The domain column is left out: Sluice derives it from the email.
  return lines(
    'Email Address,Send Date,Campaign Name',
    sends.map((s) => `${s.email.toUpperCase()},${s.date},${s.campaign}`),
  );
}

export function opensCsv(opens: Open[]): string {
  return lines(
    'Recipient,Sent Date,Opens,Click Count',
    opens.map((o) => `${o.email},${o.date},${o.opens},${o.clicks ?? ''}`),
  );
}

export function contactsCsv(): string {
  const rows = RECIPIENTS.map((r, j) => `${r.email},first${j},LAST${j},${r.domain.split('.')[0]}`);
  return lines('E-mail,First Name,Last Name,Company', [...rows, rows[0]]);
}

export function accountsCsv(): string {
  return lines(
    'Website,Company Name,Industry,Region',
    ACCOUNTS.map((a) => `https://www.${a.domain}/,${a.name},${a.industry},${a.region}`),
  );
}

export function regionOf(domain: string): string | undefined {
  return ACCOUNTS.find((a) => a.domain === domain)?.region;
}
