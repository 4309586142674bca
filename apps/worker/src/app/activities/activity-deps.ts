import type { PrismaClient } from '@sluice/db';
import type { ObjectStore } from '@sluice/storage';

export interface ActivityDeps {
  prisma: PrismaClient;
  store: ObjectStore;
}
