import type { AddressInfo } from 'node:net';

import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express from 'express';

import { applyCors } from './cors';
import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  let base: string;
  let close: () => void;

  beforeAll(async () => {
    const app = express();
    // Behind a TLS-terminating proxy the API learns the scheme from X-Forwarded-Proto.
    app.set('trust proxy', 'loopback');
    for (const handler of securityHeaders()) app.use(handler);
    app.get('/', (_request, response) => response.send('ok'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('sends HSTS only to requests that came over https', async () => {
    expect((await fetch(base)).headers.get('strict-transport-security')).toBeNull();
    expect((await fetch(base, { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('keeps scripts to this origin and framing to nobody, and leaves out upgrade-insecure-requests (plain http installs)', async () => {
    const csp = (await fetch(base)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});

@Module({})
class EmptyModule {}

describe('applyCors', () => {
  const preflight = async (corsOrigins: string[], origin: string) => {
    const app = await NestFactory.create(EmptyModule, { logger: false });
    applyCors(app, corsOrigins);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    try {
      return (
        await fetch(`http://127.0.0.1:${port}/api/jobs`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-xsrf-token' },
        })
      ).headers;
    } finally {
      await app.close();
    }
  };

  it('is closed without CORS_ORIGINS', async () => {
    expect((await preflight([], 'https://ops.example.com')).get('access-control-allow-origin')).toBeNull();
  });

  it('opens to the listed origins only, with credentials and the XSRF header', async () => {
    const listed = await preflight(['https://ops.example.com'], 'https://ops.example.com');
    expect(listed.get('access-control-allow-origin')).toBe('https://ops.example.com');
    expect(listed.get('access-control-allow-credentials')).toBe('true');
    expect(listed.get('access-control-allow-headers')).toContain('x-xsrf-token');
    expect((await preflight(['https://ops.example.com'], 'http://evil.example')).get('access-control-allow-origin')).toBeNull();
  });
});
