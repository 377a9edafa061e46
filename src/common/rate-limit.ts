import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from './errors/domain-error.js';

declare module 'fastify' {
  interface FastifyInstance {
    signpostLimits: { loginPerMinute: number };
  }
}

/**
 * Per-route limits enforced by @fastify/rate-limit (registered with `global: false`), keyed by client
 * address. Limits are read from the instance so that configuration, not code, sets them.
 */
export const LOGIN_RATE_LIMIT = {
  max: (request: FastifyRequest) => request.server.signpostLimits.loginPerMinute,
  timeWindow: 60_000,
};

export function rateLimitOptions() {
  return {
    global: false,
    errorResponseBuilder: () => new DomainError(429, 'TOO_MANY_REQUESTS', 'Too many attempts: try again in a minute'),
  };
}

export function configureLimits(fastify: FastifyInstance, limits: FastifyInstance['signpostLimits']): void {
  fastify.decorate('signpostLimits', limits);
}
