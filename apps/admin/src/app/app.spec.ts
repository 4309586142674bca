import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { SessionView, WorkspaceView } from '@sluice/contracts';

import { App } from './app';
import { PageReload } from './core/page-reload';
import { SessionService } from './core/session.service';

@Component({ selector: 'sl-blank', template: '' })
class Blank {}

const DEFAULT: WorkspaceView = { id: 'w1', name: 'Default', role: 'owner' };
const TEAM: WorkspaceView = { id: 'w2', name: 'Team', role: 'viewer' };
const SESSION: SessionView = {
  user: { id: 'u1', email: 'ada@example.com', name: null, hasPassword: true },
  workspace: DEFAULT,
  workspaces: [DEFAULT, TEAM],
  expiresAt: '2026-12-10T00:00:00.000Z',
};

describe('App shell', () => {
  let backend: HttpTestingController;
  let load: jest.Mock;

  afterEach(() => TestBed.resetTestingModule());

  async function render(session: SessionView | null, url = '/') {
    load = jest.fn();
    TestBed.configureTestingModule({
      imports: [App],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: '**', component: Blank }]), { provide: PageReload, useValue: { load } }],
    });
    backend = TestBed.inject(HttpTestingController);
    if (session) {
      TestBed.inject(SessionService).ensure().subscribe();
      backend.expectOne('/api/session').flush(session);
    }
    await TestBed.inject(Router).navigateByUrl(url);
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  it('shows no navigation before sign-in', async () => {
    const page = (await render(null, '/sign-in')).nativeElement as HTMLElement;
    expect(page.querySelector('nav')).toBeNull();
    expect(page.querySelector('.workspace-switcher')).toBeNull();
  });

  it("shows the user, the session's workspace and owner pages to an owner", async () => {
    const page = (await render(SESSION)).nativeElement as HTMLElement;
    expect(page.querySelector('.shell__user')?.textContent).toBe('ada@example.com');
    expect((page.querySelector('.workspace-switcher') as HTMLSelectElement).value).toBe('w1');
    const links = Array.from(page.querySelectorAll('nav a')).map((a) => a.textContent);
    expect(links).toEqual(expect.arrayContaining(['Members', 'Tokens', 'Audit']));
  });

  it('hides owner pages from others', async () => {
    const page = (await render({ ...SESSION, workspace: TEAM })).nativeElement as HTMLElement;
    const links = Array.from(page.querySelectorAll('nav a')).map((a) => a.textContent);
    expect(links).toContain('Members');
    expect(links).not.toContain('Tokens');
    expect(links).not.toContain('Audit');
  });

  it("switches workspace, then loads the page afresh (a job's page becomes the jobs list)", async () => {
    const fixture = await render(SESSION, '/jobs/j1');
    const select = (fixture.nativeElement as HTMLElement).querySelector('.workspace-switcher') as HTMLSelectElement;
    select.value = 'w2';
    select.dispatchEvent(new Event('change'));
    const put = backend.expectOne({ method: 'PUT', url: '/api/session/workspace' });
    expect(put.request.body).toEqual({ workspaceId: 'w2' });
    put.flush({ ...SESSION, workspace: TEAM });
    expect(load).toHaveBeenCalledWith('/');
  });

  it('creates a workspace and goes into it', async () => {
    const fixture = await render(SESSION, '/storage');
    fixture.componentInstance.newWorkspaceName.set('Research');
    fixture.componentInstance.createWorkspace();
    const research: WorkspaceView = { id: 'w3', name: 'Research', role: 'owner' };
    backend.expectOne({ method: 'POST', url: '/api/workspaces' }).flush(research);
    backend.expectOne({ method: 'PUT', url: '/api/session/workspace' }).flush({ ...SESSION, workspace: research, workspaces: [DEFAULT, TEAM, research] });
    expect(load).toHaveBeenCalledWith('/storage');
  });

  it('says why a switch was refused and stays', async () => {
    const fixture = await render(SESSION);
    fixture.componentInstance.switchTo('w2');
    backend.expectOne('/api/session/workspace').flush({ statusCode: 404, message: 'Workspace not found' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('.shell__error')?.textContent).toBe('Workspace not found');
    expect(load).not.toHaveBeenCalled();
  });

  it('signs out to the sign-in page', async () => {
    const fixture = await render(SESSION);
    ((fixture.nativeElement as HTMLElement).querySelector('.shell__sign-out') as HTMLButtonElement).click();
    backend.expectOne({ method: 'DELETE', url: '/api/session' }).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(TestBed.inject(Router).url).toBe('/sign-in');
    expect((fixture.nativeElement as HTMLElement).querySelector('nav')).toBeNull();
  });
});
