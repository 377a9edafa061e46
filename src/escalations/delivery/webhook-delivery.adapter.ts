import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { Settings } from '../../config/settings.js';
import { SIGNPOST_VERSION } from '../../config/package-info.js';
import { parseRetryAfter } from './backoff.js';
import { DeliveryAdapter, type DeliveryDestination, type DeliveryOutcome, type OutboundMessage } from './delivery-adapter.js';
import { BlockedTargetError, resolveDeliveryTarget, type TargetPolicy } from './webhook-target.js';

/**
 * Signed webhook delivery per the Standard Webhooks specification (the `standardwebhooks` package): the same
 * `webhook-id` on every attempt, a fresh timestamp and signature each time. Connects only to the address that
 * passed the SSRF rules, never follows redirects, gives up on an attempt after WEBHOOK_TIMEOUT_MS.
 */
@Injectable()
export class WebhookDeliveryAdapter extends DeliveryAdapter {
  constructor(private readonly settings: Settings) {
    super();
  }

  get policy(): TargetPolicy {
    return { requireHttps: this.settings.env.isProduction, allowlist: this.settings.env.SIGNPOST_WEBHOOK_ALLOWLIST ?? [] };
  }

  async deliver(message: OutboundMessage, destination: DeliveryDestination): Promise<DeliveryOutcome> {
    if (!destination.url || !destination.secret) return { kind: 'refused', error: 'webhook URL or secret missing' };
    let target: Awaited<ReturnType<typeof resolveDeliveryTarget>>;
    try {
      target = await resolveDeliveryTarget(destination.url, this.policy);
    } catch (error) {
      if (error instanceof BlockedTargetError) return { kind: 'refused', error: 'target refused by SSRF rules' };
      return { kind: 'retry', error: 'target did not resolve' };
    }
    const body = message.event;
    const timestamp = new Date();
    const signature = new Webhook(destination.secret).sign(message.messageId, timestamp, body);
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    return new Promise<DeliveryOutcome>((resolve) => {
      const client = target.url.protocol === 'https:' ? https : http;
      const request = client.request(
        target.url,
        {
          method: 'POST',
          lookup: pinned,
          timeout: this.settings.env.WEBHOOK_TIMEOUT_MS,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': `Signpost-Webhooks/${SIGNPOST_VERSION}`,
            'webhook-id': message.messageId,
            'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
            'webhook-signature': signature,
          },
        },
        (response) => {
          response.resume(); // the body is never read, stored or logged
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve({ kind: 'delivered' });
          else if (status === 410) resolve({ kind: 'gone', error: 'HTTP 410' });
          else {
            const retryAfter = response.headers['retry-after'];
            resolve({ kind: 'retry', error: `HTTP ${status}`, retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) });
          }
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'retry', error: error.message === 'timeout' ? 'timeout' : (error.code ?? 'network error') }));
      request.end(body);
    });
  }
}
