import { DomainError } from '../../common/errors/domain-error.js';

export interface MimeLimits {
  maxBytes: number;
  maxParts: number;
  maxDepth: number;
  maxHeaderBytes: number;
  /** Lines in the whole message (multipart or not): what a parser walks one by one. */
  maxLines: number;
}

/**
 * 500,000 lines: a 25 MB message of base64 attachments (76 characters and CRLF a line) has about 336,000, so a
 * legitimate message at the size limit passes with room for shorter text lines; 25 MB of bare newlines (26 million
 * lines) does not.
 */
export const DEFAULT_MAX_LINES = 500_000;

export const DEFAULT_MIME_LIMITS: MimeLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxParts: 100,
  maxDepth: 8,
  maxHeaderBytes: 64 * 1024,
  maxLines: DEFAULT_MAX_LINES,
};

/** The limits for a size limit: 500,000 lines per 25 MB, never fewer than 500,000, so a larger EMAIL_MAX_BYTES still takes base64 mail. */
export function mimeLimitsFor(maxBytes: number): MimeLimits {
  return {
    ...DEFAULT_MIME_LIMITS,
    maxBytes,
    maxLines: Math.max(DEFAULT_MAX_LINES, Math.ceil((maxBytes / DEFAULT_MIME_LIMITS.maxBytes) * DEFAULT_MAX_LINES)),
  };
}

export class MessageRefusedError extends DomainError {
  constructor(reason: string, status = 413) {
    super(status, 'MESSAGE_REFUSED', `Message refused: ${reason}`);
  }
}

/** What the pre-scan counted: lines (as `split(/\r?\n/)` would give), the boundaries declared, and the part delimiters. */
export interface MimeShape {
  lines: number;
  boundaries: Set<string>;
  parts: number;
}

/**
 * A linear pre-scan of a raw message, before any MIME parser sees it: total size, the size of the top-level
 * header block, how many multipart boundaries are declared (nesting), how many part delimiters appear (parts) and
 * how many lines there are. A message over any limit is refused at once, so a MIME bomb never reaches the parser.
 * It reads the bytes in place: no copy of the message as a string, no array of its lines.
 */
export function checkMimeLimits(raw: Buffer, limits: MimeLimits = DEFAULT_MIME_LIMITS): MimeShape {
  if (raw.length > limits.maxBytes) throw new MessageRefusedError(`larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`);
  const headerEnd = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  if ((headerEnd < 0 ? raw.length : headerEnd) > limits.maxHeaderBytes) throw new MessageRefusedError('headers too large');
  const { lines, boundaries, dashLines } = scanLines(raw, limits);
  return { lines, boundaries, parts: countParts(raw, boundaries, dashLines, limits.maxParts) };
}

/** The same counts with no limit, for tests and diagnostics. */
export function measureMime(raw: Buffer): MimeShape {
  return checkMimeLimits(raw, { maxBytes: Infinity, maxParts: Infinity, maxDepth: Infinity, maxHeaderBytes: Infinity, maxLines: Infinity });
}

// Bytes as JavaScript's `\s` sees them in a latin1 string: tab, LF, VT, FF, CR, space and no-break space.
const isSpace = (byte: number) => (byte >= 0x09 && byte <= 0x0d) || byte === 0x20 || byte === 0xa0;
const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;
const STAR = 0x2a;
const QUOTE = 0x22;
const EQUALS = 0x3d;
const SEMICOLON = 0x3b;
const DASH = 0x2d;
const CR = 0x0d;
const LF = 0x0a;
const MAX_BOUNDARY = 200;
const WORD = Buffer.from('boundary');

/**
 * One pass over the bytes, in place: counts lines (LF-terminated, as `split(/\r?\n/)` counts them, stopping past
 * `maxLines`), notes where each line starting "--" begins and ends, and collects every boundary declared anywhere
 * in the message: `boundary=`, and the RFC 2231 forms a MIME parser also honours, `boundary*=utf-8''b1` and
 * `boundary*0=…`, exactly as the regular expression
 * /boundary(\*\d*\*?)?\s*=\s*(?:"([^"]{1,200})"|([^\s;"]{1,200}))/gi finds them in the message read as latin1.
 */
function scanLines(
  raw: Buffer,
  limits: Pick<MimeLimits, 'maxLines' | 'maxDepth'>,
): { lines: number; boundaries: Set<string>; dashLines: number[] } {
  const boundaries = new Set<string>();
  // Pairs of [start, end) of the lines that start "--" (without their line ending): the candidate delimiters.
  const dashLines: number[] = [];
  let lines = 1;
  let lineStart = 0;
  let resumeAt = 0; // declarations do not overlap: the next starts after the last one ended
  const lastWordStart = raw.length - WORD.length;
  for (let at = 0; at < raw.length; at += 1) {
    const byte = raw[at];
    if (byte === LF) {
      if (raw[lineStart] === DASH && raw[lineStart + 1] === DASH && at - lineStart >= 2)
        dashLines.push(lineStart, at > lineStart && raw[at - 1] === CR ? at - 1 : at);
      lines += 1;
      if (lines > limits.maxLines) throw new MessageRefusedError('too many lines');
      lineStart = at + 1;
    } else if ((byte | 0x20) === WORD[0] && at <= lastWordStart && at >= resumeAt && isWordAt(raw, at)) {
      const declaration = readDeclaration(raw, at + WORD.length);
      if (!declaration) continue;
      resumeAt = declaration.end;
      boundaries.add(declaration.boundary);
      if (boundaries.size > limits.maxDepth) throw new MessageRefusedError('MIME structure nested too deeply');
    }
  }
  if (raw.length - lineStart >= 2 && raw[lineStart] === DASH && raw[lineStart + 1] === DASH) dashLines.push(lineStart, raw.length);
  return { lines, boundaries, dashLines };
}

/** "boundary" in any mix of cases at `at` (setting bit 0x20 lower-cases a letter and no other byte becomes one). */
function isWordAt(raw: Buffer, at: number): boolean {
  for (let k = 1; k < WORD.length; k += 1) if ((raw[at + k] | 0x20) !== WORD[k]) return false;
  return true;
}

/** The declaration following the word "boundary" at `at`, or undefined when there is none there. */
function readDeclaration(raw: Buffer, at: number): { boundary: string; end: number } | undefined {
  let i = at;
  let extended = false;
  if (raw[i] === STAR) {
    i += 1;
    const digitsFrom = i;
    while (i < raw.length && isDigit(raw[i])) i += 1;
    // `*` alone or `*0*` ends with a star: an extended (charset'language'percent-encoded) value.
    extended = i === digitsFrom;
    if (raw[i] === STAR) {
      i += 1;
      extended = true;
    }
  }
  while (i < raw.length && isSpace(raw[i])) i += 1;
  if (raw[i] !== EQUALS) return undefined;
  i += 1;
  while (i < raw.length && isSpace(raw[i])) i += 1;
  let from: number;
  let to: number;
  let end: number;
  if (raw[i] === QUOTE) {
    // Looked for only as far as a value may run, so that many unclosed quotes cost no more than one.
    const found = raw.subarray(i + 1, i + 2 + MAX_BOUNDARY).indexOf(QUOTE);
    if (found < 1) return undefined;
    const closing = i + 1 + found;
    [from, to, end] = [i + 1, closing, closing + 1];
  } else {
    let j = i;
    while (j < raw.length && j - i < MAX_BOUNDARY && !isSpace(raw[j]) && raw[j] !== SEMICOLON && raw[j] !== QUOTE) j += 1;
    if (j === i) return undefined;
    [from, to, end] = [i, j, j];
  }
  const value = raw.toString('latin1', from, to);
  return { boundary: extended ? decodeExtended(value) : value, end };
}

function decodeExtended(value: string): string {
  const encoded = value.replace(/^[^']*'[^']*'/, '');
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** Part delimiters (`--boundary`, not the closing `--boundary--`) among the lines starting "--", stopping past `maxParts`. */
function countParts(raw: Buffer, boundaries: Set<string>, dashLines: number[], maxParts: number): number {
  if (boundaries.size === 0) return 0;
  const longest = Math.max(...[...boundaries].map((boundary) => boundary.length));
  let parts = 0;
  for (let k = 0; k < dashLines.length; k += 2) {
    if (!isPartDelimiter(raw, dashLines[k], dashLines[k + 1], boundaries, longest)) continue;
    parts += 1;
    if (parts > maxParts) throw new MessageRefusedError('too many MIME parts');
  }
  return parts;
}

/**
 * Whether the line [start, end) opens a part: "--", a declared boundary, then optionally white space. A line
 * ending "--" right after the boundary closes the multipart instead (white space between the boundary and that
 * "--" makes it an opening line again, as the line-by-line reading always had it).
 */
function isPartDelimiter(raw: Buffer, start: number, end: number, boundaries: Set<string>, longest: number): boolean {
  let trimmed = end;
  while (trimmed > start + 2 && isSpace(raw[trimmed - 1])) trimmed -= 1;
  let candidateEnd = trimmed;
  // "--" and "---" read as closing lines too (the line ends with the empty or "-" candidate and "--").
  let closing = trimmed === start + 2 || (trimmed === start + 3 && raw[start + 2] === DASH);
  if (trimmed - 2 >= start + 2 && raw[trimmed - 1] === DASH && raw[trimmed - 2] === DASH) {
    candidateEnd = trimmed - 2;
    while (candidateEnd > start + 2 && isSpace(raw[candidateEnd - 1])) candidateEnd -= 1;
    closing = candidateEnd === trimmed - 2 || candidateEnd === start + 2;
  }
  if (closing || candidateEnd - (start + 2) > longest) return false;
  return boundaries.has(raw.toString('latin1', start + 2, candidateEnd));
}
