/**
 * Last line of defence for text that must go to a log (an unexpected error's message, a driver's complaint):
 * masks what looks like an e-mail address, a phone or card number, a UK postcode or a date. Personal data should
 * never reach a log line in the first place; this catches what slips through. Every log line passes through it
 * (see `observability/logging.ts`).
 *
 * Two passes, in time linear in the text, whatever the text: each alternative either has a
 * bounded length or starts only where a token starts and never backtracks further than that token (an e-mail
 * address), or takes a whole run of number characters at once and leaves the decision to the callback (numbers).
 * Ids (UUIDs) are matched first and kept, so that their digits are not taken for a phone number.
 */
const DELIMITER = `\\s<>()",;:[\\]`;
/** First pass: a token holding an `@` (only where a token starts, so a run of number characters cannot split one). */
const EMAIL = new RegExp(`(?<![^${DELIMITER}])[^${DELIMITER}@]*@[^${DELIMITER}]+`, 'g');
/** Second pass: ids kept; dates, postcodes and runs of number characters. */
const OTHERS = new RegExp(
  [
    '(?<uuid>\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b)',
    '(?<date>\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}\\/\\d{1,2}\\/\\d{2,4}\\b)',
    '(?<postcode>\\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\\b)',
    '(?<number>[+\\d][\\d\\s().-]*)',
  ].join('|'),
  'gi',
);

/** A run of number characters is a phone or card number when, trimmed of what may follow a number, it is 8 or more long. */
function maskNumber(run: string): string {
  let end = run.length;
  while (end > 0 && (run.charCodeAt(end - 1) < 48 || run.charCodeAt(end - 1) > 57)) end -= 1;
  return end >= 8 ? `[number]${run.slice(end)}` : run;
}

export function scrubPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(OTHERS, (match: string, ...rest: unknown[]) => {
    const groups = rest.at(-1) as Record<string, string | undefined>;
    if (groups.uuid !== undefined) return match;
    if (groups.date !== undefined) return '[date]';
    if (groups.postcode !== undefined) return '[postcode]';
    return maskNumber(match);
  });
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
      let decoded: string;
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
