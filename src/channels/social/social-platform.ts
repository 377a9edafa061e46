import { Injectable } from '@nestjs/common';
import { Settings } from '../../config/settings.js';

/** A reply to a person on a social platform. */
export abstract class SocialPlatform {
  /** Sends the text; returns the platform's message id. */
  abstract reply(
    accessToken: string,
    recipientId: string,
    text: string,
    kind: 'direct_message' | 'comment',
    replyToId: string,
  ): Promise<string>;
}

export class SocialPlatformError extends Error {}

/**
 * The Graph API (Messenger send API, comment replies) over HTTPS. The base URL is configurable
 * (SOCIAL_GRAPH_BASE_URL) so that tests and on-premises relays can stand in for the platform.
 */
@Injectable()
export class GraphApiSocialPlatform extends SocialPlatform {
  constructor(private readonly settings: Settings) {
    super();
  }

  async reply(
    accessToken: string,
    recipientId: string,
    text: string,
    kind: 'direct_message' | 'comment',
    replyToId: string,
  ): Promise<string> {
    const base = this.settings.env.SOCIAL_GRAPH_BASE_URL.replace(/\/$/, '');
    const [path, body] =
      kind === 'direct_message'
        ? ['/me/messages', { recipient: { id: recipientId }, messaging_type: 'RESPONSE', message: { text } }]
        : [`/${encodeURIComponent(replyToId)}/comments`, { message: text }];
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      // The token goes in a header, never the URL, so that no proxy or access log keeps it.
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) throw new SocialPlatformError(`platform answered ${response.status}`);
    const answer = (await response.json()) as { message_id?: string; id?: string };
    return String(answer.message_id ?? answer.id ?? '');
  }
}
