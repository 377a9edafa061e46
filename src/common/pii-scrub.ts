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

/** Removes the query string (it may carry search terms or tokens) and masks suspicious path segments. */
export function loggablePath(url: string): string {
  const path = url.split('?')[0].split('#')[0];
  return path
    .split('/')
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return '[segment]';
      }
      if (UUID.test(decoded)) return segment;
      return scrubPersonalData(decoded) === decoded ? segment : '[redacted]';
    })
    .join('/');
}
