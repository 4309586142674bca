import type { AddressInfo } from 'node:net';

import express from 'express';

import type { Principal } from '../auth/principal';
import { auditRequests } from './audit-requests';
import type { AuditEntry, AuditTrail } from './audit-trail';
import type { AuditedRoutes } from './audited-routes';

const principal: Principal = { userId: 'u1', actor: 'viewer@example.com', workspaceId: 'w1', role: 'viewer', access: 'read', via: 'session' };

describe('auditRequests', () => {
  let base: string;
  let close: () => void;
  const recorded: AuditEntry[] = [];

  beforeAll(async () => {
    const trail = { record: async (entry: AuditEntry) => void recorded.push(entry) } as unknown as AuditTrail;
    const routes = { actionFor: (method: string, path: string) => (path === '/api/webhooks/:id/rotate-secret' ? 'webhooks.rotateSecret' : null) } as unknown as AuditedRoutes;
    const app = express();
    app.use(auditRequests(trail, routes));
    // What the access guard does: sets the principal, then refuses or lets the handler answer.
    app.use((request, _response, next) => {
      if (request.headers['x-signed-in']) Object.assign(request, { principal });
      next();
    });
    app.all('/api/webhooks/:id/rotate-secret', (request, response) => {
      if (request.headers['x-refuse']) response.status(403).json({ message: 'This needs write access in the workspace' });
      else response.json({ secret: 'whsec_never-recorded' });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());
  beforeEach(() => (recorded.length = 0));

  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('records a refused change as a failure with its status, actor, target and address, and nothing of the body', async () => {
    await fetch(`${base}/api/webhooks/e1/rotate-secret`, {
      method: 'POST',
      headers: { 'x-signed-in': '1', 'x-refuse': '1', 'content-type': 'application/json' },
      body: '{"password":"hunter2"}',
    });
    await settle();
    expect(recorded).toEqual([
      {
        workspaceId: 'w1',
        actorUserId: 'u1',
        actor: 'viewer@example.com',
        action: 'webhooks.rotateSecret',
        target: 'e1',
        outcome: 'failure',
        detail: { status: 403, via: 'session' },
        ip: expect.stringMatching(/127\.0\.0\.1/),
      },
    ]);
  });

  it('records a success, and leaves out reads, signed-out requests and unnamed routes', async () => {
    await fetch(`${base}/api/webhooks/e2/rotate-secret`, { method: 'POST', headers: { 'x-signed-in': '1' } });
    await fetch(`${base}/api/webhooks/e3/rotate-secret`, { method: 'GET', headers: { 'x-signed-in': '1' } });
    await fetch(`${base}/api/webhooks/e4/rotate-secret`, { method: 'POST' });
    await fetch(`${base}/api/elsewhere`, { method: 'POST', headers: { 'x-signed-in': '1' } });
    await settle();
    expect(recorded.map(({ target, outcome }) => ({ target, outcome }))).toEqual([{ target: 'e2', outcome: 'success' }]);
    expect(JSON.stringify(recorded)).not.toContain('whsec_');
  });
});
