import type { PrismaClient, WebhookEndpoint } from '../../generated/prisma/client';

/** Webhook receivers, one row (and signing secret) per URL. */
export class WebhookEndpointsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The endpoint for `url`; a new one is created with `id` and `secret` only if none exists. */
  ensure(url: string, created: { id: string; secret: string }): Promise<WebhookEndpoint> {
    return this.prisma.webhookEndpoint.upsert({ where: { url }, create: { ...created, url }, update: {} });
  }

  /** Newest first. */
  list(): Promise<WebhookEndpoint[]> {
    return this.prisma.webhookEndpoint.findMany({ orderBy: { createdAt: 'desc' } });
  }

  find(id: string): Promise<WebhookEndpoint | null> {
    return this.prisma.webhookEndpoint.findUnique({ where: { id } });
  }

  setSecret(id: string, secret: string): Promise<WebhookEndpoint> {
    return this.prisma.webhookEndpoint.update({ where: { id }, data: { secret } });
  }

  /** Removes the endpoint with every job that delivered to it (a tidy-up for benchmarks and tests; the API keeps endpoints). */
  async deleteWithJobs(id: string): Promise<void> {
    await this.prisma.$transaction([this.prisma.job.deleteMany({ where: { delivery: { endpointId: id } } }), this.prisma.webhookEndpoint.delete({ where: { id } })]);
  }
}
