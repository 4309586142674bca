import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ApiTokenView, CreatedApiTokenView } from '@sluice/contracts';

import { TokensPage, tokenState } from './tokens-page';

const SECRET = 'slu_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
const LISTED: ApiTokenView = {
  id: 't1',
  name: 'nightly import',
  scopes: ['write'],
  prefix: SECRET.slice(0, 12),
  createdBy: 'ada@example.com',
  createdAt: '2026-12-01T10:00:00.000Z',
  expiresAt: '2027-03-01T10:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
};
const CREATED: CreatedApiTokenView = { ...LISTED, token: SECRET };

describe('TokensPage', () => {
  let backend: HttpTestingController;

  afterEach(() => TestBed.resetTestingModule());

  async function render(tokens: ApiTokenView[] = []) {
    TestBed.configureTestingModule({ imports: [TokensPage], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TokensPage);
    fixture.detectChanges();
    backend.expectOne('/api/tokens').flush(tokens);
    await settle(fixture);
    return fixture;
  }

  async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }) {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  function type(page: HTMLElement, label: string, value: string) {
    const input = page.querySelector(`#${label}`) as HTMLInputElement | HTMLSelectElement;
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
  }

  it('creates a token, shows it once until dismissed, and never lists it', async () => {
    const fixture = await render();
    const page = fixture.nativeElement as HTMLElement;
    type(page, 'token-name', 'nightly import');
    type(page, 'token-scope', 'write');
    type(page, 'token-expiry', '90');
    (page.querySelector('form.token-form button[type=submit]') as HTMLButtonElement).click();
    const request = backend.expectOne({ method: 'POST', url: '/api/tokens' });
    expect(request.request.body).toEqual({ name: 'nightly import', scopes: ['write'], expiresInDays: 90 });
    request.flush(CREATED);
    backend.expectOne('/api/tokens').flush([LISTED]);
    await settle(fixture);

    const panel = page.querySelector('.secret-once') as HTMLElement;
    expect(panel.querySelector('h2')?.textContent).toBe('Token nightly import');
    expect((panel.querySelector('input') as HTMLInputElement).value).toBe(SECRET);
    expect(panel.textContent).toContain('you will not see it again');
    expect(page.querySelector('table.tokens')?.textContent).not.toContain(SECRET);
    expect(page.querySelector('table.tokens tbody tr')?.textContent).toContain(`${SECRET.slice(0, 12)}…`);

    (Array.from(panel.querySelectorAll('button')).find((b) => b.textContent === 'Dismiss') as HTMLButtonElement).click();
    await settle(fixture);
    expect(page.querySelector('.secret-once')).toBeNull();
    expect(page.textContent).not.toContain(SECRET);
  });

  it('forgets the token with the page: a new page shows only the list', async () => {
    const first = await render();
    first.componentInstance.created.set(CREATED);
    first.destroy();
    TestBed.resetTestingModule();
    const again = await render([LISTED]);
    expect(again.componentInstance.created()).toBeNull();
    expect((again.nativeElement as HTMLElement).textContent).not.toContain(SECRET);
  });

  it('omits the expiry when left empty and refuses one that is not a whole number of days', async () => {
    const fixture = await render();
    const page = fixture.nativeElement as HTMLElement;
    type(page, 'token-name', 'ci');
    type(page, 'token-expiry', '1.5');
    fixture.componentInstance.create();
    backend.expectNone({ method: 'POST', url: '/api/tokens' });
    expect(fixture.componentInstance.error()).toMatch(/whole number of days/);
    type(page, 'token-expiry', '');
    fixture.componentInstance.create();
    expect(backend.expectOne({ method: 'POST', url: '/api/tokens' }).request.body).toEqual({ name: 'ci', scopes: ['write'] });
  });

  it('revokes only after confirmation', async () => {
    const fixture = await render([LISTED]);
    fixture.componentInstance.revoke(LISTED);
    backend.expectNone({ method: 'DELETE' });
    fixture.componentInstance.revoke(LISTED);
    backend.expectOne({ method: 'DELETE', url: '/api/tokens/t1' }).flush(null, { status: 204, statusText: 'No Content' });
    backend.expectOne('/api/tokens').flush([{ ...LISTED, revokedAt: '2026-12-02T10:00:00.000Z' }]);
    await settle(fixture);
    expect(fixture.componentInstance.message()).toBe('Token "nightly import" revoked: requests with it are refused from now on');
    expect((fixture.nativeElement as HTMLElement).querySelector('.token-state')?.textContent).toMatch(/revoked/);
  });

  it('tells active, expired and revoked tokens apart', () => {
    const now = Date.parse('2026-12-02T00:00:00.000Z');
    expect(tokenState(LISTED, now)).toBe('active');
    expect(tokenState({ ...LISTED, expiresAt: '2026-12-01T00:00:00.000Z' }, now)).toBe('expired');
    expect(tokenState({ ...LISTED, expiresAt: null, revokedAt: '2026-12-01T00:00:00.000Z' }, now)).toBe('revoked');
  });
});
