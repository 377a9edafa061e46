import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { DEMO_CHANNEL_SECRET } from './constants.js';

/** Standard Webhooks headers for a body, as the telephony or e-form platform would send them. */
export function signedHeaders(body: string, options: { secret?: string; id?: string; at?: Date } = {}): Record<string, string> {
  const id = options.id ?? `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(options.secret ?? DEMO_CHANNEL_SECRET).sign(id, at, body),
  };
}
