import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { SessionView, WorkspaceRole } from '@sluice/contracts';

import { requireOwner, requireSession } from './session.guard';

@Component({ selector: 'sl-blank', template: '' })
class Blank {}

function sessionOf(role: WorkspaceRole): SessionView {
  const workspace = { id: 'w1', name: 'Default', role };
  return { user: { id: 'u1', email: 'ada@example.com', name: null, hasPassword: true }, workspace, workspaces: [workspace], expiresAt: '2026-12-10T00:00:00.000Z' };
}

describe('session guards', () => {
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'sign-in', component: Blank },
          {
            path: '',
            canActivateChild: [requireSession],
            children: [
              { path: 'tokens', canActivate: [requireOwner], component: Blank },
              { path: '**', component: Blank },
            ],
          },
        ]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => backend.verify());

  async function visit(url: string, answer: (probe: ReturnType<HttpTestingController['expectOne']>) => void): Promise<string> {
    const navigation = router.navigateByUrl(url);
    await new Promise((resolve) => setTimeout(resolve));
    answer(backend.expectOne('/api/session'));
    await navigation;
    return router.url;
  }

  it('sends a visitor without a session to sign in, to come back afterwards', async () => {
    expect(await visit('/storage?x=1', (probe) => probe.flush({ statusCode: 401, message: 'Sign in first' }, { status: 401, statusText: 'Unauthorized' }))).toBe(
      '/sign-in?next=%2Fstorage%3Fx%3D1',
    );
  });

  it('lets a member in, and asks the API only once', async () => {
    expect(await visit('/storage', (probe) => probe.flush(sessionOf('viewer')))).toBe('/storage');
    await router.navigateByUrl('/datasets');
    backend.expectNone('/api/session');
    expect(router.url).toBe('/datasets');
  });

  it('keeps owner pages to owners', async () => {
    expect(await visit('/tokens', (probe) => probe.flush(sessionOf('editor')))).toBe('/');
  });

  it('opens owner pages to owners', async () => {
    expect(await visit('/tokens', (probe) => probe.flush(sessionOf('owner')))).toBe('/tokens');
  });

  it('ends on the sign-in page when the API does not answer', async () => {
    expect(await visit('/', (probe) => probe.error(new ProgressEvent('error')))).toBe('/sign-in');
  });
});
