import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { SIGNPOST_VERSION } from '../../config/package-info.js';
import { BlockedTargetError, resolveDeliveryTarget, type TargetPolicy } from './webhook-target.js';

export type OutboundResult =
  | { kind: 'answered'; status: number; headers: http.IncomingHttpHeaders; body: string }
  /** The target is refused by the SSRF rules: never worth retrying as configured. */
  | { kind: 'refused'; error: string }
  /** No answer: the name did not resolve, the connection failed or timed out. */
  | { kind: 'failed'; error: string };

/** The most of a receiver's answer read (it is parsed for an id, never stored or logged). */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One HTTP request to a back-office system, under the SSRF rules: the name is resolved and checked, and the
 * connection goes only to the address that passed (no re-resolution, no redirects followed). Gives up after
 * `timeoutMs`. Reads at most 64 KiB of the answer.
 */
export async function sendOutbound(
  url: string,
  request: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; timeoutMs: number },
  policy: TargetPolicy,
): Promise<OutboundResult> {
  let target: Awaited<ReturnType<typeof resolveDeliveryTarget>>;
  try {
    target = await resolveDeliveryTarget(url, policy);
  } catch (error) {
    if (error instanceof BlockedTargetError) return { kind: 'refused', error: 'target refused by SSRF rules' };
    return { kind: 'failed', error: 'target did not resolve' };
  }
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    else callback(null, target.address, target.family);
  };
  return new Promise<OutboundResult>((resolve) => {
    const client = target.url.protocol === 'https:' ? https : http;
    const outgoing = client.request(
      target.url,
      {
        method: request.method,
        lookup: pinned,
        timeout: request.timeoutMs,
        headers: {
          'user-agent': `Signpost/${SIGNPOST_VERSION}`,
          ...(request.body !== undefined ? { 'content-length': String(Buffer.byteLength(request.body)) } : {}),
          ...request.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            kind: 'answered',
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', () => resolve({ kind: 'failed', error: 'answer interrupted' }));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ kind: 'failed', error: error.message === 'timeout' ? 'timeout' : (error.code ?? 'network error') }),
    );
    outgoing.end(request.body);
  });
}
