// A real OpenID Connect provider (panva's oidc-provider) on a free loopback port, for the single sign-on tests.
// Configured by OIDC_TEST_PROVIDER (JSON: { clients: [...client metadata], accounts: [{ id, email, emailVerified,
// name, password }] }). Prints one line, {"issuer": "..."}, once it listens; stops on SIGTERM.
// Its login page is a plain HTML form (POST /interaction/:uid/login with email and password, or
// /interaction/:uid/abort to refuse), so a test signs in with ordinary HTTP requests. Consent is implied for every
// client, as for a company's own identity provider.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const { clients, accounts } = JSON.parse(process.env.OIDC_TEST_PROVIDER ?? '{}');
if (!Array.isArray(clients) || !Array.isArray(accounts)) throw new Error('OIDC_TEST_PROVIDER must give clients and accounts');

const accountsById = new Map(accounts.map((account) => [account.id, account]));
const signingKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, id) {
    const account = accountsById.get(id);
    if (!account) return undefined;
    return {
      accountId: id,
      claims: async () => ({ sub: id, email: account.email, email_verified: account.emailVerified, name: account.name }),
    };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});
const providerHandler = provider.callback();

const loginPage = (uid, problem) => `<!doctype html><title>Test identity provider</title>
<form method="post" action="/interaction/${uid}/login">${problem ? `<p role="alert">${problem}</p>` : ''}
<label>Email <input name="email"></label><label>Password <input name="password" type="password"></label><button>Sign in</button></form>
<form method="post" action="/interaction/${uid}/abort"><button>Cancel</button></form>`;

async function formBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET' && !action) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(uid));
    return;
  }
  if (req.method === 'POST' && action === 'abort') {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
    return;
  }
  if (req.method === 'POST' && action === 'login') {
    const form = await formBody(req);
    const account = accounts.find((candidate) => candidate.email === form.get('email') && candidate.password === form.get('password'));
    if (!account) {
      res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(uid, 'Wrong email or password'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: account.id } }, { mergeWithLastSubmission: false });
    return;
  }
  res.writeHead(405).end();
}

server.on('request', (req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(new URL(req.url, issuer).pathname);
  if (!match) return providerHandler(req, res);
  interaction(req, res, match[1], match[2]).catch((error) => {
    process.stderr.write(`interaction failed: ${error.stack}\n`);
    if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('interaction failed');
  });
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
