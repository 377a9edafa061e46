import { Injectable } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { Settings } from '../../config/settings.js';
import { SIGNPOST_VERSION } from '../../config/package-info.js';
import { parseRetryAfter } from './backoff.js';
import { DeliveryAdapter, type DeliveryDestination, type DeliveryOutcome, type OutboundMessage } from './delivery-adapter.js';
import { sendOutbound } from './outbound-http.js';
import type { TargetPolicy } from './webhook-target.js';

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
    const timestamp = new Date();
    const signature = new Webhook(destination.secret).sign(message.messageId, timestamp, message.event);
    const answer = await sendOutbound(
      destination.url,
      {
        method: 'POST',
        timeoutMs: this.settings.env.WEBHOOK_TIMEOUT_MS,
        body: message.event,
        headers: {
          'content-type': 'application/json',
          'user-agent': `Signpost-Webhooks/${SIGNPOST_VERSION}`,
          'webhook-id': message.messageId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
      },
      this.policy,
    );
    // The receiver's body is never stored or logged.
    if (answer.kind === 'refused') return { kind: 'refused', error: answer.error };
    if (answer.kind === 'failed') return { kind: 'retry', error: answer.error };
    if (answer.status >= 200 && answer.status < 300) return { kind: 'delivered' };
    if (answer.status === 410) return { kind: 'gone', error: 'HTTP 410' };
    const retryAfter = answer.headers['retry-after'];
    return {
      kind: 'retry',
      error: `HTTP ${answer.status}`,
      retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
    };
  }
}
