// Bundled and run by sign-in-link.js: issues an operator's one-time sign-in link for an existing account.
import { Database, databaseUrlFromEnv } from '@sluice/db';
import { Identity, IdentityError, identitySettings } from '@sluice/identity';

async function main(email: string): Promise<number> {
  const db = new Database(databaseUrlFromEnv(process.env));
  try {
    const identity = new Identity(db.repositories, identitySettings({ publicUrl: process.env['PUBLIC_URL'] ?? 'http://127.0.0.1:3000' }), { install: async () => undefined });
    const link = await identity.links.issueForOperator(email);
    process.stdout.write(`One-time sign-in link for ${link.user.email} (valid until ${link.expiresAt.toISOString()}):\n${link.url}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof IdentityError ? error.message : `Could not issue a link: ${(error as Error).message}`}\n`);
    return 1;
  } finally {
    await db.disconnect();
  }
}

main(process.argv[2] ?? '').then((code) => process.exit(code));
