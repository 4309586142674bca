import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { MemberView, SessionView } from '@sluice/contracts';

import { SessionService } from '../../core/session.service';
import { MembersPage } from './members-page';

const ADA: MemberView = { user: { id: 'u1', email: 'ada@example.com', name: 'Ada', hasPassword: true }, role: 'owner', addedAt: '2026-12-01T10:00:00.000Z' };
const LINK = 'http://127.0.0.1:3000/sign-in#link=one-time-secret';

function sessionAs(role: 'owner' | 'viewer'): SessionView {
  const workspace = { id: 'w1', name: 'Default', role };
  return { user: ADA.user, workspace, workspaces: [workspace], expiresAt: '2026-12-10T00:00:00.000Z' };
}

describe('MembersPage', () => {
  let backend: HttpTestingController;

  afterEach(() => TestBed.resetTestingModule());

  async function render(role: 'owner' | 'viewer', members: MemberView[] = [ADA]) {
    TestBed.configureTestingModule({ imports: [MembersPage], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(SessionService).ensure().subscribe();
    backend.expectOne('/api/session').flush(sessionAs(role));
    const fixture = TestBed.createComponent(MembersPage);
    fixture.detectChanges();
    backend.expectOne('/api/members').flush(members);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }) {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  it('adds someone who cannot sign in yet and shows their one-time link until dismissed', async () => {
    const fixture = await render('owner');
    fixture.componentInstance.email.set('bob@example.com');
    fixture.componentInstance.role.set('viewer');
    fixture.componentInstance.add();
    const add = backend.expectOne({ method: 'POST', url: '/api/members' });
    expect(add.request.body).toEqual({ email: 'bob@example.com', role: 'viewer' });
    const bob = { user: { id: 'u2', email: 'bob@example.com', name: null, hasPassword: false }, role: 'viewer' as const, addedAt: '2026-12-02T10:00:00.000Z' };
    add.flush({ ...bob, signInLink: LINK });
    backend.expectOne('/api/members').flush([ADA, bob]);
    await settle(fixture);
    const page = fixture.nativeElement as HTMLElement;
    expect((page.querySelector('.secret-once input') as HTMLInputElement).value).toBe(LINK);
    expect(page.querySelector('.secret-once')?.textContent).toContain('It works once');
    expect(page.querySelectorAll('table.members tbody tr')).toHaveLength(2);
    fixture.componentInstance.invited.set(null);
    await settle(fixture);
    expect(page.textContent).not.toContain('one-time-secret');
  });

  it('shows no link for someone who already signs in', async () => {
    const fixture = await render('owner');
    fixture.componentInstance.email.set('eve@example.com');
    fixture.componentInstance.add();
    backend.expectOne({ method: 'POST', url: '/api/members' }).flush({ ...ADA, user: { ...ADA.user, id: 'u3', email: 'eve@example.com' }, role: 'editor', signInLink: null });
    backend.expectOne('/api/members').flush([ADA]);
    await settle(fixture);
    expect((fixture.nativeElement as HTMLElement).querySelector('.secret-once')).toBeNull();
    expect(fixture.componentInstance.message()).toBe('eve@example.com added as editor; they sign in as they already do');
  });

  it("shows the API's refusal to demote the last owner and puts the select back", async () => {
    const fixture = await render('owner');
    const page = fixture.nativeElement as HTMLElement;
    const select = page.querySelector('table.members select') as HTMLSelectElement;
    select.value = 'editor';
    select.dispatchEvent(new Event('change'));
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/members/u1' });
    expect(patch.request.body).toEqual({ role: 'editor' });
    patch.flush({ statusCode: 409, message: 'The last owner of a workspace cannot be demoted' }, { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    expect(page.querySelector('.error')?.textContent).toBe('The last owner of a workspace cannot be demoted');
    expect(select.value).toBe('owner');
  });

  it('removes a member only after confirmation', async () => {
    const fixture = await render('owner');
    fixture.componentInstance.remove(ADA);
    backend.expectNone({ method: 'DELETE' });
    fixture.componentInstance.remove(ADA);
    backend.expectOne({ method: 'DELETE', url: '/api/members/u1' }).flush(null, { status: 204, statusText: 'No Content' });
    backend.expectOne('/api/members').flush([]);
  });

  it('shows viewers the list without the add form or actions', async () => {
    const page = (await render('viewer')).nativeElement as HTMLElement;
    expect(page.querySelector('form.member-form')).toBeNull();
    expect(page.querySelector('table.members tbody select')).toBeNull();
    expect(page.querySelector('table.members tbody tr')?.textContent).toContain('owner');
  });
});
