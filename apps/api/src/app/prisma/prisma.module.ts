import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { createPrismaClient, PrismaClient } from '@sluice/db';

import { PRISMA } from '../tokens';

@Global()
@Module({
  providers: [{ provide: PRISMA, useFactory: () => createPrismaClient() }],
  exports: [PRISMA],
})
export class PrismaModule implements OnApplicationShutdown {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}
