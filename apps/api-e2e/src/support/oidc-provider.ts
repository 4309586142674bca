import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');
const SCRIPT = join(ROOT, 'tools/test/oidc-provider/oidc-provider.mjs');

export interface TestAccount {
  /** The subject (sub) the provider gives this person. */
  id: string;
  email: string;
  emailVerified: boolean;
  name: string;
  password: string;
}

export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/**
 * panva's oidc-provider (ESM-only) as its own Node process on a free loopback port: a real OpenID Connect
 * provider with the given clients and accounts, whose login form takes plain HTTP posts (see the script).
 */
export class OidcProviderProcess {
  private output = '';
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
  ) {
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000));
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Starts the provider and resolves once it serves its discovery document. */
  static async start(config: { clients: TestClient[]; accounts: TestAccount[] }, timeoutMs = 15_000): Promise<OidcProviderProcess> {
    const child = spawn(process.execPath, [SCRIPT], {
      cwd: ROOT,
      env: { ...process.env, OIDC_TEST_PROVIDER: JSON.stringify(config), NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const issuer = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`The OIDC provider did not start within ${timeoutMs} ms:\n${errors}`)), timeoutMs);
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split('\n').find((candidate, index, lines) => index < lines.length - 1 && candidate.startsWith('{'));
        if (!line) return;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { issuer: string }).issuer);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The OIDC provider exited (${code}) before it listened:\n${errors}`));
      });
    });
    const provider = new OidcProviderProcess(child, issuer);
    await provider.waitForDiscovery(timeoutMs);
    return provider;
  }

  /** What the provider printed to stderr (the last 20 KB): its warnings and interaction failures. */
  get log(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }

  private async waitForDiscovery(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await fetch(`${this.issuer}/.well-known/openid-configuration`).catch(() => null);
      if (response?.ok && ((await response.json()) as { issuer?: string }).issuer === this.issuer) return;
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`The OIDC provider served no discovery document within ${timeoutMs} ms:\n${this.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
