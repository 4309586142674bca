import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';

import { AuditTrail } from './audit-trail';
import { AuditedRoutes } from './audited-routes';

/** The audit trail, for every feature to record into, and the route names the request recorder uses. */
@Global()
@Module({ imports: [DiscoveryModule], providers: [AuditTrail, AuditedRoutes], exports: [AuditTrail, AuditedRoutes] })
export class AuditModule {}
