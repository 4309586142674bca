import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, Router } from '@angular/router';
import type { SessionView, SignInOptionsView } from '@sluice/contracts';
import { BehaviorSubject, Observable, of } from 'rxjs';

import { SignInPage } from './sign-in-page';

const WORKSPACE = { id: 'w1', name: 'Default', role: 'owner' as const };
const SESSION: SessionView = {
  user: { id: 'u1', email: 'ada@example.com', name: null, hasPassword: false },
  workspace: WORKSPACE,
  workspaces: [WORKSPACE],
  expiresAt: '2026-12-10T00:00:00.000Z',
};
const PASSWORD_ONLY: SignInOptionsView = { password: true, oidc: null };

describe('SignInPage', () => {
  let backend: HttpTestingController;
  let navigateByUrl: jest.SpyInstance;

  afterEach(() => {
    TestBed.resetTestingModule();
    history.replaceState(null, '', '/');
  });

  async function render(next: string | null, options: SignInOptionsView = PASSWORD_ONLY, fragment: string | null | Observable<string | null> = null) {
    TestBed.configureTestingModule({
      imports: [SignInPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: ActivatedRoute,
          useValue: { fragment: typeof fragment === 'string' || fragment === null ? of(fragment) : fragment, snapshot: { queryParamMap: convertToParamMap(next ? { next } : {}) } },
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(SignInPage);
    fixture.detectChanges();
    backend.expectOne('/api/auth/providers').flush(options);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  it('redeems a one-time link from the fragment, removes it from the address, then goes on to next', async () => {
    history.replaceState(null, '', '/sign-in?next=%2Fstorage#link=s3cr3t');
    await render('/storage', PASSWORD_ONLY, 'link=s3cr3t');
    expect(window.location.hash).toBe('');
    expect(window.location.pathname + window.location.search).toBe('/sign-in?next=%2Fstorage');
    const redeem = backend.expectOne({ method: 'POST', url: '/api/session/link' });
    expect(redeem.request.body).toEqual({ token: 's3cr3t' });
    redeem.flush(SESSION);
    expect(navigateByUrl).toHaveBeenCalledWith('/storage');
  });

  it('redeems a link opened while the page is showing (only the fragment changes)', async () => {
    const fragment = new BehaviorSubject<string | null>(null);
    await render(null, PASSWORD_ONLY, fragment);
    backend.expectOne('/api/session').flush({ statusCode: 401, message: 'Sign in first' }, { status: 401, statusText: 'Unauthorized' });
    fragment.next('link=later');
    backend.expectOne({ method: 'POST', url: '/api/session/link' }).flush(SESSION);
    expect(navigateByUrl).toHaveBeenCalledWith('/');
  });

  it('says a used link is refused and offers the password form', async () => {
    history.replaceState(null, '', '/sign-in#link=used');
    const fixture = await render(null, PASSWORD_ONLY, 'link=used');
    backend
      .expectOne('/api/session/link')
      .flush({ statusCode: 401, message: 'This sign-in link is not valid: it was used already or has expired' }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('[role=alert]')?.textContent).toBe(
      'This sign-in link is not valid: it was used already or has expired. Ask for a new link, or sign in with your email and password.',
    );
    expect(page.querySelector('#sign-in-password')).not.toBeNull();
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('signs in with email and password and never follows a next to another site', async () => {
    const fixture = await render('//evil.example/');
    backend.expectOne('/api/session').flush({ statusCode: 401, message: 'Sign in first' }, { status: 401, statusText: 'Unauthorized' });
    fixture.componentInstance.email.set(' ada@example.com ');
    fixture.componentInstance.password.set('correct horse');
    fixture.componentInstance.signIn();
    const signIn = backend.expectOne({ method: 'POST', url: '/api/session' });
    expect(signIn.request.body).toEqual({ email: 'ada@example.com', password: 'correct horse' });
    signIn.flush(SESSION);
    expect(navigateByUrl).toHaveBeenCalledWith('/');
  });

  it("shows the API's reason for a refused sign-in and clears the password", async () => {
    const fixture = await render(null);
    backend.expectOne('/api/session').flush({ statusCode: 401, message: 'Sign in first' }, { status: 401, statusText: 'Unauthorized' });
    fixture.componentInstance.email.set('ada@example.com');
    fixture.componentInstance.password.set('wrong');
    fixture.componentInstance.signIn();
    backend
      .expectOne({ method: 'POST', url: '/api/session' })
      .flush({ statusCode: 429, message: 'Too many sign-in attempts from this address' }, { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '20' } });
    await fixture.whenStable();
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role=alert]')?.textContent).toBe('Too many sign-in attempts from this address. Try again in 20 seconds.');
    expect(fixture.componentInstance.password()).toBe('');
  });

  it('offers single sign-on as a plain link when configured', async () => {
    const fixture = await render(null, { password: false, oidc: { label: 'Sign in with Keycloak', startUrl: '/api/auth/oidc/start' } });
    backend.expectOne('/api/session').flush({ statusCode: 401, message: 'Sign in first' }, { status: 401, statusText: 'Unauthorized' });
    const page = fixture.nativeElement as HTMLElement;
    const sso = page.querySelector('.sign-in__sso a') as HTMLAnchorElement;
    expect(sso.textContent).toBe('Sign in with Keycloak');
    expect(sso.getAttribute('href')).toBe('/api/auth/oidc/start');
    expect(page.querySelector('#sign-in-password')).toBeNull();
  });

  it('goes straight on when already signed in', async () => {
    await render('/datasets');
    backend.expectOne('/api/session').flush(SESSION);
    expect(navigateByUrl).toHaveBeenCalledWith('/datasets');
  });
});
