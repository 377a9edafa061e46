import { DomainError } from '../../common/errors/domain-error.js';

export interface MimeLimits {
  maxBytes: number;
  maxParts: number;
  maxDepth: number;
  maxHeaderBytes: number;
}

export const DEFAULT_MIME_LIMITS: MimeLimits = { maxBytes: 25 * 1024 * 1024, maxParts: 100, maxDepth: 8, maxHeaderBytes: 64 * 1024 };

export class MessageRefusedError extends DomainError {
  constructor(reason: string, status = 413) {
    super(status, 'MESSAGE_REFUSED', `Message refused: ${reason}`);
  }
}

// `boundary=`, and the RFC 2231 forms a MIME parser also honours: `boundary*=utf-8''b1` and `boundary*0=…`.
const BOUNDARY = /boundary(\*\d*\*?)?\s*=\s*(?:"([^"]{1,200})"|([^\s;"]{1,200}))/gi;

function declaredBoundary(match: RegExpMatchArray): string {
  const value = match[2] ?? match[3];
  if (!match[1]?.endsWith('*')) return value;
  // An extended value: charset'language'percent-encoded.
  const encoded = value.replace(/^[^']*'[^']*'/, '');
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/**
 * A linear pre-scan of a raw message, before any MIME parser sees it: total size, the size of the top-level
 * header block, how many multipart boundaries are declared (nesting) and how many part delimiters appear
 * (parts). A message over any limit is refused at once, so a MIME bomb never reaches the parser.
 */
export function checkMimeLimits(raw: Buffer, limits: MimeLimits = DEFAULT_MIME_LIMITS): void {
  if (raw.length > limits.maxBytes) throw new MessageRefusedError(`larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`);
  const headerEnd = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  if ((headerEnd < 0 ? raw.length : headerEnd) > limits.maxHeaderBytes) throw new MessageRefusedError('headers too large');
  const text = raw.toString('latin1');
  const boundaries = new Set<string>();
  for (const match of text.matchAll(BOUNDARY)) {
    boundaries.add(declaredBoundary(match));
    if (boundaries.size > limits.maxDepth) throw new MessageRefusedError('MIME structure nested too deeply');
  }
  if (boundaries.size === 0) return;
  let parts = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('--')) continue;
    const candidate = line.slice(2).replace(/--\s*$/, '').trimEnd();
    if (boundaries.has(candidate) && !line.trimEnd().endsWith(`${candidate}--`)) {
      parts += 1;
      if (parts > limits.maxParts) throw new MessageRefusedError('too many MIME parts');
    }
  }
}
