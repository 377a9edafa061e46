import { ApiError } from '../shared/api.js';

/**
 * Some refusals carry a stable code but name no field (an e-mail address already taken, a webhook address
 * refused). Given as a field problem instead, `useSubmission` shows them beside the input they are about.
 */
export function onField(failure: unknown, fields: Record<string, { field: string; message?: (message: string) => string }>): unknown {
  const mapped = failure instanceof ApiError && failure.fields.length === 0 && failure.code ? fields[failure.code] : undefined;
  if (!mapped || !(failure instanceof ApiError)) return failure;
  return new ApiError(
    failure.status,
    failure.message,
    [{ field: mapped.field, message: mapped.message?.(failure.message) ?? failure.message }],
    failure.code,
  );
}

/** A loose check of an e-mail address's form; the API checks it properly. */
export const looksLikeEmail = (text: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "a, b and c" */
export function inWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Moves the focus to a heading that takes the place of a list (a question asked before acting), so that it is read first. */
export function focusHeading(id: string): void {
  const heading = document.getElementById(id);
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.focus();
}
