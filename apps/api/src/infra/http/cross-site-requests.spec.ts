import { isCrossSiteRequest } from './cross-site-requests';

const own = 'http://127.0.0.1:3000';
const trusted = new Set(['https://ops.example.com']);
const refused = (method: string, headers: Record<string, string>) => isCrossSiteRequest({ method, headers, ownOrigin: own }, trusted);

describe('isCrossSiteRequest', () => {
  it('refuses unsafe requests from another site, by Origin or by Sec-Fetch-Site', () => {
    expect(refused('POST', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' })).toBe(true);
    expect(refused('POST', { origin: 'http://evil.example' })).toBe(true);
    expect(refused('DELETE', { 'sec-fetch-site': 'cross-site' })).toBe(true);
    expect(refused('PUT', { 'sec-fetch-site': 'same-site', origin: 'http://admin.127.0.0.1:3000' })).toBe(true);
    expect(refused('PATCH', { origin: 'null' })).toBe(true);
  });

  it('lets same-origin requests, listed origins and clients that send neither header through', () => {
    expect(refused('POST', { origin: own, 'sec-fetch-site': 'same-origin' })).toBe(false);
    expect(refused('POST', { 'sec-fetch-site': 'same-origin' })).toBe(false);
    expect(refused('POST', { 'sec-fetch-site': 'none' })).toBe(false);
    expect(refused('POST', { origin: 'https://ops.example.com', 'sec-fetch-site': 'cross-site' })).toBe(false);
    expect(refused('POST', {})).toBe(false);
  });

  it('never refuses safe methods: a cross-site link or image must still load', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(refused(method, { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' })).toBe(false);
  });
});
