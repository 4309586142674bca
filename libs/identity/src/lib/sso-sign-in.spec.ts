import type { UserRecord } from '@sluice/db';

import { IdentityError } from './identity-error';
import type { IdentityRepositories } from './identity-repositories';
import { SsoAccounts, type SsoClaims } from './sso-sign-in';
import type { Workspaces } from './workspaces';

const user = (overrides: Partial<UserRecord> = {}): UserRecord => ({
  id: 'u1',
  email: 'ada@example.com',
  name: null,
  passwordHash: null,
  oidcIssuer: null,
  oidcSubject: null,
  failedSignIns: 0,
  lockedUntil: null,
  createdAt: new Date(),
  ...overrides,
});

const claims = (overrides: Partial<SsoClaims> = {}): SsoClaims => ({
  issuer: 'https://idp',
  subject: 'sub-1',
  email: 'Ada@Example.com',
  emailVerified: true,
  name: 'Ada',
  ...overrides,
});

function accounts(found: { byOidc?: UserRecord; byEmail?: UserRecord } = {}, allowSignUp = false) {
  const users = {
    findByOidc: jest.fn().mockResolvedValue(found.byOidc ?? null),
    findByEmail: jest.fn().mockResolvedValue(found.byEmail ?? null),
    linkOidc: jest.fn().mockResolvedValue(undefined),
    ensure: jest.fn().mockImplementation(async (created: { id: string; email: string }) => user({ id: created.id, email: created.email })),
    find: jest.fn().mockImplementation(async (id: string) => user({ id, oidcIssuer: 'https://idp', oidcSubject: 'sub-1' })),
  };
  const workspaces = { create: jest.fn().mockResolvedValue({ id: 'w', name: "Ada's workspace", role: 'owner' }) };
  const sso = new SsoAccounts({ users } as unknown as IdentityRepositories, workspaces as unknown as Workspaces, allowSignUp);
  return { sso, users, workspaces };
}

describe('single sign-on accounts', () => {
  it('finds a linked user by issuer and subject', async () => {
    const linked = user({ oidcIssuer: 'https://idp', oidcSubject: 'sub-1' });
    const { sso, users } = accounts({ byOidc: linked });
    await expect(sso.resolve(claims())).resolves.toBe(linked);
    expect(users.linkOidc).not.toHaveBeenCalled();
  });

  it('links an existing user by a verified email, once', async () => {
    const existing = user();
    const { sso, users } = accounts({ byEmail: existing });
    await expect(sso.resolve(claims())).resolves.toBe(existing);
    expect(users.findByEmail).toHaveBeenCalledWith('ada@example.com');
    expect(users.linkOidc).toHaveBeenCalledWith('u1', 'https://idp', 'sub-1');
  });

  it('never links or creates by an unverified email', async () => {
    const { sso, users } = accounts({ byEmail: user() }, true);
    const refusal = await sso.resolve(claims({ emailVerified: false })).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(IdentityError);
    expect((refusal as IdentityError).kind).toBe('forbidden');
    expect(users.findByEmail).not.toHaveBeenCalled();
    expect(users.ensure).not.toHaveBeenCalled();
  });

  it('refuses someone nobody added, naming the address and what to do', async () => {
    const { sso } = accounts();
    await expect(sso.resolve(claims())).rejects.toThrow('No Sluice account for ada@example.com: ask a workspace owner to add you');
  });

  it('with sign-up allowed, creates the user with a workspace of their own', async () => {
    const { sso, users, workspaces } = accounts({}, true);
    const created = await sso.resolve(claims());
    expect(created.email).toBe('ada@example.com');
    expect(users.linkOidc).toHaveBeenCalledWith(created.id, 'https://idp', 'sub-1');
    expect(workspaces.create).toHaveBeenCalledWith(created.id, "Ada's workspace");
  });
});
