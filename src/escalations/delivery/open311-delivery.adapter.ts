import { Injectable } from '@nestjs/common';
import { Settings } from '../../config/settings.js';
import { parseRetryAfter } from './backoff.js';
import { DeliveryAdapter, type DeliveryDestination, type DeliveryOutcome, type OutboundMessage } from './delivery-adapter.js';
import { sendOutbound } from './outbound-http.js';
import type { TargetPolicy } from './webhook-target.js';

/** The endpoint's base URL with a path under it (`requests.json`, `requests/ID.json`). */
export function open311Url(base: string, path: string, query: Record<string, string | undefined> = {}): string {
  const url = new URL(`${base.replace(/\/+$/, '')}/${path}`);
  for (const [key, value] of Object.entries(query)) if (value) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * A referral's permitted fields as Open311 GeoReport v2 request parameters: the name split into first and last,
 * the contact number as `phone`, the address as `address_string`, and the reason, the actions already taken and
 * any special requirements as the `description`, headed by the Signpost reference. Only fields the referral
 * carries: nothing is added.
 */
export function open311Parameters(
  referral: { reference: string; fields: Record<string, string> },
  settings: { apiKey: string; serviceCode: string; jurisdictionId?: string },
): URLSearchParams {
  const { name, contactNumber, address, reasonForReferral, actionsAlreadyTaken, specialRequirements } = referral.fields;
  const parameters = new URLSearchParams({ api_key: settings.apiKey, service_code: settings.serviceCode });
  if (settings.jurisdictionId) parameters.set('jurisdiction_id', settings.jurisdictionId);
  if (name) {
    const words = name.trim().split(/\s+/);
    parameters.set('first_name', words.length > 1 ? words.slice(0, -1).join(' ') : words[0]);
    if (words.length > 1) parameters.set('last_name', words[words.length - 1]);
  }
  if (contactNumber) parameters.set('phone', contactNumber);
  if (address) parameters.set('address_string', address);
  const description = [
    `Referral ${referral.reference}`,
    reasonForReferral && `Reason: ${reasonForReferral}`,
    actionsAlreadyTaken && `Actions already taken: ${actionsAlreadyTaken}`,
    specialRequirements && `Special requirements: ${specialRequirements}`,
  ]
    .filter(Boolean)
    .join('\n');
  parameters.set('description', description);
  return parameters;
}

/** `[{ "service_request_id": "…" }]` or `[{ "token": "…" }]`: the system's own reference for the request. */
export function open311Reference(body: string): string | undefined {
  try {
    const answer = JSON.parse(body) as unknown;
    const first = (Array.isArray(answer) ? answer[0] : answer) as { service_request_id?: unknown; token?: unknown } | undefined;
    const id = first?.service_request_id;
    if ((typeof id === 'string' || typeof id === 'number') && String(id).length <= 200) return `id:${String(id)}`;
    if (typeof first?.token === 'string' && first.token.length <= 200) return `token:${first.token}`;
  } catch {
    // not JSON: no reference
  }
  return undefined;
}

/**
 * Delivery to a highways (or any) back office that speaks Open311 GeoReport v2, as FixMyStreet does:
 * `POST {endpoint}/requests.json`, form-encoded, under the same SSRF rules as webhooks. The returned
 * service_request_id (or token) is kept, so status changes can be brought back to the enquiry's timeline.
 */
@Injectable()
export class Open311DeliveryAdapter extends DeliveryAdapter {
  constructor(private readonly settings: Settings) {
    super();
  }

  get policy(): TargetPolicy {
    return { requireHttps: this.settings.env.isProduction, allowlist: this.settings.env.SIGNPOST_WEBHOOK_ALLOWLIST ?? [] };
  }

  async deliver(message: OutboundMessage, destination: DeliveryDestination): Promise<DeliveryOutcome> {
    if (!destination.url || !destination.open311) return { kind: 'refused', error: 'Open311 endpoint, key or service code missing' };
    // Open311 has no notices: a correction, erasure or restriction goes to the service another way (dead letter).
    if (!message.referral) return { kind: 'refused', error: 'Open311 carries referrals only: tell the service of this notice another way' };
    const answer = await sendOutbound(
      open311Url(destination.url, 'requests.json'),
      {
        method: 'POST',
        timeoutMs: this.settings.env.WEBHOOK_TIMEOUT_MS,
        body: open311Parameters(message.referral, destination.open311).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      },
      this.policy,
    );
    if (answer.kind === 'refused') return { kind: 'refused', error: answer.error };
    if (answer.kind === 'failed') return { kind: 'retry', error: answer.error };
    if (answer.status >= 200 && answer.status < 300) return { kind: 'delivered', externalReference: open311Reference(answer.body) };
    if (answer.status === 410) return { kind: 'gone', error: 'HTTP 410' };
    // A request the endpoint refuses (400 bad parameters, 403 bad key, 404 no such service) will not improve by retrying.
    if ([400, 401, 403, 404, 422].includes(answer.status)) return { kind: 'refused', error: `HTTP ${answer.status}` };
    const retryAfter = answer.headers['retry-after'];
    return {
      kind: 'retry',
      error: `HTTP ${answer.status}`,
      retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
    };
  }
}
