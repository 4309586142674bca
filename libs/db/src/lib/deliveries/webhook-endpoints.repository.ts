import type { PrismaClient, WebhookEndpoint } from '../../generated/prisma/client';
import type { SecretBox } from '../secrets/secret-box';

/** A workspace's webhook receivers, one row (and signing secret) per URL. Secrets are sealed in Postgres and returned open. */
export class WebhookEndpointsRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly secrets: SecretBox,
  ) {}

  private readonly opened = (endpoint: WebhookEndpoint): WebhookEndpoint => ({ ...endpoint, secret: this.secrets.openOrPlain(endpoint.secret) });

  /** The endpoint for `url`; a new one is created with `id` and `secret` only if none exists. */
  async ensure(workspaceId: string, url: string, created: { id: string; secret: string }): Promise<WebhookEndpoint> {
    return this.opened(
      await this.prisma.webhookEndpoint.upsert({
        where: { workspaceId_url: { workspaceId, url } },
        create: { ...created, secret: this.secrets.seal(created.secret), workspaceId, url },
        update: {},
      }),
    );
  }

  /** Newest first. */
  async list(workspaceId: string): Promise<WebhookEndpoint[]> {
    return (await this.prisma.webhookEndpoint.findMany({ where: { workspaceId }, orderBy: { createdAt: 'desc' } })).map(this.opened);
  }

  async find(workspaceId: string, id: string): Promise<WebhookEndpoint | null> {
    const endpoint = await this.prisma.webhookEndpoint.findUnique({ where: { id, workspaceId } });
    return endpoint && this.opened(endpoint);
  }

  async setSecret(workspaceId: string, id: string, secret: string): Promise<WebhookEndpoint> {
    return this.opened(await this.prisma.webhookEndpoint.update({ where: { id, workspaceId }, data: { secret: this.secrets.seal(secret) } }));
  }
  /** Seals the secrets stored in plain text before sealing existed; returns how many. Run once at start, safe to repeat. */
  async sealPlaintextSecrets(): Promise<number> {
    const plain = await this.prisma.webhookEndpoint.findMany({ where: { NOT: { secret: { startsWith: 'v1:' } } }, select: { id: true, secret: true } });
    let sealed = 0;
    // Conditional on the old value, so a rotation that lands in between is not overwritten.
    for (const { id, secret } of plain) sealed += (await this.prisma.webhookEndpoint.updateMany({ where: { id, secret }, data: { secret: this.secrets.seal(secret) } })).count;
    return sealed;
  }

  /** Removes the endpoint with every job that delivered to it (a tidy-up for benchmarks and tests; the API keeps endpoints). */
  async deleteWithJobs(workspaceId: string, id: string): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.job.deleteMany({ where: { workspaceId, delivery: { endpointId: id } } }),
      this.prisma.webhookEndpoint.delete({ where: { id, workspaceId } }),
    ]);
  }
}
