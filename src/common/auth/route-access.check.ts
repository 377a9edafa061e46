import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './access.decorators.js';

type Handler = (...args: unknown[]) => unknown;

type ControllerClass = abstract new (...args: never[]) => unknown;

/** Route handlers of a controller that declare neither @Public nor @Roles (on the method or the class). */
export function handlersWithoutAccessRule(controller: ControllerClass, handlers: Handler[], reflector: Reflector): string[] {
  return handlers
    .filter((handler) => Reflect.getMetadata(PATH_METADATA, handler) !== undefined)
    .filter((handler) => {
      const targets = [handler, controller];
      return !reflector.getAllAndOverride(PUBLIC_ROUTE, targets) && !reflector.getAllAndOverride(ALLOWED_ROLES, targets);
    })
    .map((handler) => `${controller.name}.${handler.name}`);
}

/**
 * Refuses to start when a route names no access rule. The roles guard would refuse such a route anyway;
 * this makes the mistake visible at start rather than as a 403 in production.
 */
@Injectable()
export class RouteAccessCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const missing = this.discovery.getControllers().flatMap(({ metatype, instance }) => {
      if (!metatype || !instance) return [];
      const prototype = Object.getPrototypeOf(instance) as Record<string, Handler>;
      const handlers = this.scanner.getAllMethodNames(prototype).map((name) => prototype[name]);
      return handlersWithoutAccessRule(metatype as ControllerClass, handlers, this.reflector);
    });
    if (missing.length > 0) throw new Error(`routes without @Public or @Roles: ${missing.join(', ')}`);
  }
}
