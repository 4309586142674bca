import { domainToASCII } from 'node:url';

import type { CleaningRule } from './cleaning-rules';
import type { Cleaned } from './text-cleaners';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;
const SUBDOMAIN_NOISE = /^(www\d*|m)\./;

export function cleanEmail(raw: string): Cleaned<string> {
  const trimmed = raw.trim().replace(/^mailto:/i, '');
  const value = trimmed.toLowerCase();
  if (!EMAIL.test(value)) return { ok: false, reason: 'is not an email address' };
  const applied: CleaningRule[] = [];
  if (trimmed !== raw) applied.push('whitespace');
  if (value !== trimmed) applied.push('case');
  return { ok: true, value, applied };
}

/** "https://www.Bücher.de/shop?x=1" → "xn--bcher-kva.de": scheme, www/m, path, query, port and trailing dots go. */
export function cleanDomain(raw: string): Cleaned<string> {
  const trimmed = raw.trim();
  const host = trimmed
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .split(/[/?#]/)[0]
    .replace(/:\d+$/, '')
    .replace(/\.+$/, '')
    .replace(SUBDOMAIN_NOISE, '');
  const value = domainToASCII(host);
  if (!value || !HOSTNAME.test(value)) return { ok: false, reason: 'is not a domain' };
  const applied: CleaningRule[] = [];
  if (trimmed !== raw) applied.push('whitespace');
  if (value !== trimmed) applied.push('domain');
  return { ok: true, value, applied };
}

export function cleanUrl(raw: string): Cleaned<string> {
  const trimmed = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (!['http:', 'https:'].includes(url.protocol) || !HOSTNAME.test(url.hostname)) throw new Error('not web');
    const applied: CleaningRule[] = trimmed !== raw ? ['whitespace'] : [];
    if (url.href !== trimmed) applied.push('domain');
    return { ok: true, value: url.href, applied };
  } catch {
    return { ok: false, reason: 'is not a web address' };
  }
}

/** The domain part of an email address or URL, for filling an empty domain field. */
export function domainOf(value: string): string | null {
  const source = value.includes('@') && !value.includes('/') ? (value.split('@').pop() ?? '') : value;
  const cleaned = cleanDomain(source);
  return cleaned.ok ? cleaned.value : null;
}
