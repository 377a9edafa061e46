/**
 * Last line of defence for text that must go to a log (an unexpected error's message, say): masks what
 * looks like an e-mail address, a phone or card number, a UK postcode or a date of birth. Personal data
 * should never reach a log line in the first place; this catches what slips through.
 */
const PATTERNS: [RegExp, string][] = [
  [/[^\s@<>()",;:[\]]+@[^\s@<>()",;:[\]]+/g, '[email]'],
  [/\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b/gi, '[postcode]'],
  [/\b\d{4}-\d{2}-\d{2}\b/g, '[date]'],
  [/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g, '[date]'],
  [/\+?\d[\d\s().-]{6,}\d/g, '[number]'],
];

export function scrubPersonalData(text: string): string {
  return PATTERNS.reduce((out, [pattern, mask]) => out.replace(pattern, mask), text);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What routes are made of: lower-case words joined by dashes (`subject-requests`, `docs-json`). */
const ROUTE_WORD = /^[a-z]+(-[a-z]+)*$/;

/**
 * The path without its query string (it may carry search terms or tokens), keeping only what cannot be
 * personal data: UUIDs and route words. Given the matched route's template (`/api/services/:code`), a
 * parameter's value is shown by the parameter's name unless it is a UUID, whatever it looks like (a name
 * put where an id or a code goes must not reach the log); without one (no route matched), any segment that
 * is not a plain route word is masked.
 */
export function loggablePath(url: string, template?: string): string {
  const segments = url.split('?')[0].split('#')[0].split('/');
  const pattern = template?.split('/');
  const aligned = pattern !== undefined && pattern.length === segments.length;
  return segments
    .map((segment, index) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return '[segment]';
      }
      if (UUID.test(decoded)) return segment;
      if (aligned) {
        const part = pattern[index];
        return part.startsWith(':') || part.startsWith('*') ? part : segment;
      }
      return decoded === '' || (ROUTE_WORD.test(decoded) && decoded.length <= 40) ? segment : '[redacted]';
    })
    .join('/');
}
