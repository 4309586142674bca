import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

import { AUDIT_ACTION_KEY, auditActionName } from './audit-action';

const GLOBAL_PREFIX = /^\/api(?=\/|$)/;
const paths = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value ?? '')]);
const joinPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}`;

/**
 * Which action each route is recorded as, keyed by method and route path as Express matched it. Built from the
 * controllers once at start, so the recorder can name a request even when the guard refused it before any
 * interceptor ran (those 403s are what the log most needs to show).
 */
@Injectable()
export class AuditedRoutes implements OnApplicationBootstrap {
  private readonly actions = new Map<string, string | null>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    for (const { metatype, instance } of this.discovery.getControllers()) {
      if (!metatype || !instance) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as () => unknown;
        const methodPaths = Reflect.getMetadata(PATH_METADATA, handler);
        if (methodPaths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const override = this.reflector.getAllAndOverride<string | null | undefined>(AUDIT_ACTION_KEY, [handler, metatype]);
        const action = override !== undefined ? override : auditActionName(metatype.name, name);
        for (const base of paths(Reflect.getMetadata(PATH_METADATA, metatype)))
          for (const path of paths(methodPaths)) this.actions.set(`${method} ${joinPath(base, path)}`, action);
      }
    }
  }

  /** The action for a matched route (`request.route.path`, with or without the /api prefix); null when not recorded. */
  actionFor(method: string, routePath: string): string | null {
    const path = joinPath(routePath.replace(GLOBAL_PREFIX, ''));
    return this.actions.get(`${method.toUpperCase()} ${path}`) ?? null;
  }
}
