import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';

import { SessionService } from './session.service';
import { signInOnUnauthorized } from './sign-in-on-unauthorized.interceptor';

@Component({ selector: 'sl-blank', template: '' })
class Blank {}

const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };
const SIGN_IN_FIRST = { statusCode: 401, message: 'Sign in first: no valid session or API token' };

describe('signInOnUnauthorized', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([signInOnUnauthorized])),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'sign-in', component: Blank },
          { path: '**', component: Blank },
        ]),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    await router.navigateByUrl('/jobs/42?page=2');
  });

  afterEach(() => backend.verify());

  function answer401(url: string, method = 'GET'): unknown {
    let failure: unknown = null;
    (method === 'GET' ? http.get(url) : http.post(url, {})).subscribe({ error: (error: unknown) => (failure = error) });
    backend.expectOne(url).flush(SIGN_IN_FIRST, UNAUTHORIZED);
    return failure;
  }

  it('sends a 401 from an API call to the sign-in page, to come back here, and still fails the call', async () => {
    const forget = jest.spyOn(TestBed.inject(SessionService), 'forget');
    const failure = answer401('/api/jobs');
    await new Promise((resolve) => setTimeout(resolve));
    expect(router.url).toBe('/sign-in?next=%2Fjobs%2F42%3Fpage%3D2');
    expect(failure).toMatchObject({ status: 401 });
    expect(forget).toHaveBeenCalled();
  });

  it.each([['/api/session'], ['/api/session/link'], ['/api/session/password'], ['/api/auth/providers']])('leaves the 401 of %s to its caller', async (url) => {
    answer401(url, url === '/api/session/link' ? 'POST' : 'GET');
    await new Promise((resolve) => setTimeout(resolve));
    expect(router.url).toBe('/jobs/42?page=2');
  });

  it('does not leave the sign-in page for its own requests', async () => {
    await router.navigateByUrl('/sign-in?next=%2Fstorage');
    answer401('/api/jobs');
    await new Promise((resolve) => setTimeout(resolve));
    expect(router.url).toBe('/sign-in?next=%2Fstorage');
  });

  it('passes other errors through without navigating', async () => {
    let failure: unknown = null;
    http.get('/api/tokens').subscribe({ error: (error: unknown) => (failure = error) });
    backend.expectOne('/api/tokens').flush({ statusCode: 403, message: 'Needs admin access' }, { status: 403, statusText: 'Forbidden' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(failure).toMatchObject({ status: 403 });
    expect(router.url).toBe('/jobs/42?page=2');
  });
});
