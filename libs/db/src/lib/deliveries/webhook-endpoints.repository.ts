import type { PrismaClient, WebhookEndpoint } from '../../generated/prisma/client';

/** A workspace's webhook receivers, one row (and signing secret) per URL. */
export class WebhookEndpointsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The endpoint for `url`; a new one is created with `id` and `secret` only if none exists. */
  ensure(workspaceId: string, url: string, created: { id: string; secret: string }): Promise<WebhookEndpoint> {
    return this.prisma.webhookEndpoint.upsert({ where: { workspaceId_url: { workspaceId, url } }, create: { ...created, workspaceId, url }, update: {} });
  }

  /** Newest first. */
  list(workspaceId: string): Promise<WebhookEndpoint[]> {
    return this.prisma.webhookEndpoint.findMany({ where: { workspaceId }, orderBy: { createdAt: 'desc' } });
  }

  find(workspaceId: string, id: string): Promise<WebhookEndpoint | null> {
    return this.prisma.webhookEndpoint.findUnique({ where: { id, workspaceId } });
  }

  setSecret(workspaceId: string, id: string, secret: string): Promise<WebhookEndpoint> {
    return this.prisma.webhookEndpoint.update({ where: { id, workspaceId }, data: { secret } });
  }

  /** Removes the endpoint with every job that delivered to it (a tidy-up for benchmarks and tests; the API keeps endpoints). */
  async deleteWithJobs(workspaceId: string, id: string): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.job.deleteMany({ where: { workspaceId, delivery: { endpointId: id } } }),
      this.prisma.webhookEndpoint.delete({ where: { id, workspaceId } }),
    ]);
  }
}
